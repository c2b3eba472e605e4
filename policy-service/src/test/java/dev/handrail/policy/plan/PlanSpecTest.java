package dev.handrail.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.policy.action.PlanSpec;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanSpecTest {

    @Test
    void appliesTheCapabilitysTimeoutNoRetriesAndTheDefaultNode() {
        PlanSpec spec = PlanSpec.from(plan("shell.run", null, null, null), "desk-1");

        assertThat(spec.timeoutMs()).isEqualTo(10_000);
        assertThat(spec.maxRetries()).isZero();
        assertThat(spec.node()).isEqualTo("desk-1");
        assertThat(spec.requiresApproval()).isTrue();
    }

    @Test
    void keepsWhatThePlanAskedFor() {
        PlanSpec spec = PlanSpec.from(plan("file.read", 2_500L, 3, "other"), "local");

        assertThat(spec.timeoutMs()).isEqualTo(2_500);
        assertThat(spec.maxRetries()).isEqualTo(3);
        assertThat(spec.node()).isEqualTo("other");
        assertThat(spec.requiresApproval()).isFalse();
    }

    @Test
    void givesAnUnknownIntentTenSeconds() {
        PlanSpec spec = PlanSpec.from(plan("nope", null, null, " "), "local");

        assertThat(spec.timeoutMs()).isEqualTo(10_000);
        assertThat(spec.knownCapability()).isEmpty();
        assertThat(spec.node()).isEqualTo("local");
    }

    private static PlanCommand plan(String intent, Long timeout, Integer retries, String node) {
        return new PlanCommand(
                "01HQPLAN",
                intent,
                Map.of(),
                "s1",
                "agent",
                null,
                false,
                timeout,
                retries,
                Map.of(),
                node,
                Instant.now());
    }
}
