package dev.handrail.policy.decision;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Conditions a test sets by hand: engaged scopes, disabled capabilities, approval modes, open breakers, budget use. */
final class TestConditions implements Conditions {

    final Set<String> killSwitches = new HashSet<>();
    final Set<String> disabled = new HashSet<>();
    final Map<String, ApprovalMode> modes = new HashMap<>();
    final Set<String> openBreakers = new HashSet<>();
    long sessionActions;
    long principalActions;
    int budgetQueries;

    @Override
    public Optional<String> killSwitch(String intent, String node) {
        return killSwitches.stream()
                .filter(s -> s.equals("global") || s.equals("capability:" + intent) || s.equals("node:" + node))
                .findFirst();
    }

    @Override
    public boolean enabled(String intent) {
        return !disabled.contains(intent);
    }

    @Override
    public Optional<ApprovalMode> approvalMode(String intent) {
        return Optional.ofNullable(modes.get(intent));
    }

    @Override
    public Optional<String> openBreaker(String node, String intent) {
        return Stream.of("node:" + node, "node:" + node + ":" + intent)
                .filter(openBreakers::contains)
                .findFirst();
    }

    @Override
    public BudgetUsage budgetUsage(String sessionId, String principal) {
        budgetQueries++;
        return new BudgetUsage(sessionId == null ? 0 : sessionActions, principal == null ? 0 : principalActions);
    }
}
