package dev.handrail.policy;

import dev.handrail.policy.decision.DecisionMaker;
import dev.handrail.policy.rules.ActivePolicy;
import java.time.Clock;

/** Policy objects for tests that run without an application context. */
public final class Policies {

    private Policies() {}

    /** The built-in policy in force (no policy file configured). */
    public static ActivePolicy builtin() {
        return new ActivePolicy(new PolicyConfig(), Clock.systemUTC());
    }

    /** A decision maker under the built-in policy. */
    public static DecisionMaker builtinDecisions() {
        return new DecisionMaker(builtin());
    }
}
