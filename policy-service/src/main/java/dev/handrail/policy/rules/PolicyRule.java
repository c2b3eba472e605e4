package dev.handrail.policy.rules;

import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.policy.decision.Proposal;
import java.util.Map;

/**
 * One rule of a policy file: when every condition it sets holds (an unset one always does),
 * its effect decides the action, with reason {@code policy_rule:<id>}. Immutable.
 *
 * @param intent    matched against the action's intent; null matches any
 * @param principal matched against who asked; null matches any
 * @param session   matched against the session id; null matches any
 * @param node      matched against the target node; null matches any
 * @param params    each named parameter must be present and match
 */
public record PolicyRule(
        String id,
        String description,
        ValueMatcher intent,
        ValueMatcher principal,
        ValueMatcher session,
        ValueMatcher node,
        Map<String, ValueMatcher> params,
        Effect effect) {

    /** Prefix of the reason code a rule's decisions carry. */
    public static final String REASON_PREFIX = "policy_rule:";

    public PolicyRule {
        params = Map.copyOf(params);
    }

    /** Whether this rule applies to {@code proposal}. */
    public boolean matches(Proposal proposal) {
        return (intent == null || intent.matches(proposal.intent()))
                && (principal == null || principal.matches(proposal.principal()))
                && (session == null || session.matches(proposal.sessionId()))
                && (node == null || node.matches(proposal.node()))
                && params.entrySet().stream()
                        .allMatch(
                                e -> e.getValue().matchesParam(proposal.params().get(e.getKey())));
    }

    /** The reason code of this rule's decisions. */
    public String reason() {
        return REASON_PREFIX + id;
    }
}
