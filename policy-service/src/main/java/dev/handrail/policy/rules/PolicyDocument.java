package dev.handrail.policy.rules;

import dev.handrail.policy.decision.Proposal;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated policy file: its version (carried by every decision made under it), the
 * budgets, the system keys that are blocked, and the rules in the order they are tried.
 * Immutable.
 *
 * @param sha256 digest of the file's text, to tell one load from another
 */
public record PolicyDocument(
        String version, Budgets budgets, List<String> blockedHotkeys, List<PolicyRule> rules, String sha256) {

    public PolicyDocument {
        blockedHotkeys = List.copyOf(blockedHotkeys);
        rules = List.copyOf(rules);
    }

    /**
     * How many actions policy admits (allows or holds for approval) before it denies.
     *
     * @param perSession            per session id, ever; null for no limit
     * @param perPrincipalPerMinute per principal in any 60 seconds; null for no limit
     */
    public record Budgets(Integer perSession, Integer perPrincipalPerMinute) {

        public static final Budgets NONE = new Budgets(null, null);
    }

    /** The first rule, in file order, that applies to {@code proposal}. */
    public Optional<PolicyRule> firstMatch(Proposal proposal) {
        return rules.stream().filter(rule -> rule.matches(proposal)).findFirst();
    }
}
