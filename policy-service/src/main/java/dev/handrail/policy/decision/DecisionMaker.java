package dev.handrail.policy.decision;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.policy.blocked.BlockedInput;
import dev.handrail.policy.blocked.CommandGuard;
import dev.handrail.policy.blocked.HotkeyGuard;
import dev.handrail.policy.blocked.ShellCommandParser;
import dev.handrail.policy.blocked.UnsafeArguments;
import dev.handrail.policy.rules.ActivePolicy;
import dev.handrail.policy.rules.PolicyDocument;
import dev.handrail.policy.rules.PolicyRule;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Policy's verdict on a validated action, with every reason behind it and the version of the
 * policy that gave it. In order: what is never allowed right now (kill switch, disabled
 * capability, open circuit breaker, blocked command or hotkey) denies with all the reasons that
 * apply; then the first matching rule of the policy file decides; then the capability's approval
 * mode or, failing that, the capability table; an action that would be allowed goes to a person
 * when its program is given unsafe arguments ({@link UnsafeArguments}); an action that would be
 * admitted is still denied when its session's budget or its principal's rate is spent. Stateless; reads the thread-safe
 * {@link ActivePolicy}.
 */
@Singleton
public class DecisionMaker {

    private final ActivePolicy policy;

    public DecisionMaker(ActivePolicy policy) {
        this.policy = policy;
    }

    /** The version of the policy in force. */
    public String policyVersion() {
        return policy.document().version();
    }

    /** Decides under the policy in force. */
    public Decision decide(Proposal proposal, Conditions conditions) {
        return decide(proposal, policy.document(), conditions);
    }

    /** Decides under {@code document} (a candidate, for what-if). */
    public static Decision decide(Proposal proposal, PolicyDocument document, Conditions conditions) {
        String version = document.version();
        List<String> denials = denials(proposal, document, conditions);
        if (!denials.isEmpty()) {
            return new Decision(Effect.DENY, denials, version);
        }
        Optional<PolicyRule> rule = document.firstMatch(proposal);
        Decision decision = rule.map(r -> new Decision(r.effect(), List.of(r.reason()), version))
                .orElseGet(() -> byDefault(proposal, conditions, version));
        if (decision.effect() == Effect.DENY) {
            return decision;
        }
        decision = withUnsafeArguments(proposal, decision);
        List<String> spent = spentBudgets(proposal, document.budgets(), conditions);
        return spent.isEmpty() ? decision : new Decision(Effect.DENY, spent, version);
    }

    /** The decision when a person approved the action. */
    public Decision operatorApproved() {
        return new Decision(Effect.ALLOW, List.of(Reasons.APPROVED_BY_OPERATOR), policyVersion());
    }

    /** The decision when a person denied the action. */
    public Decision operatorDenied() {
        return new Decision(Effect.DENY, List.of(Reasons.DENIED_BY_OPERATOR), policyVersion());
    }

    /** Why the action's input is blocked outright, if it is (a shell command or hotkey that is never run). */
    public static Optional<BlockedInput> blockedInput(Proposal proposal, PolicyDocument document) {
        if (proposal.intent().equals("keyboard.hotkey")) {
            return HotkeyGuard.check(proposal.params().get("keys"), document.blockedHotkeys());
        }
        return commands(proposal).flatMap(CommandGuard::check);
    }

    /**
     * An admitted action whose program is given arguments that write files, run programs or change
     * the machine ({@code sort -o}, {@code find -exec}) goes to a person, with the reason
     * {@value Reasons#UNSAFE_ARGUMENTS}; the executor refuses them anyway unless its node allows them.
     */
    private static Decision withUnsafeArguments(Proposal proposal, Decision decision) {
        if (commands(proposal).flatMap(UnsafeArguments::find).isEmpty()) {
            return decision;
        }
        List<String> reasons = new ArrayList<>(decision.reasons());
        reasons.add(Reasons.UNSAFE_ARGUMENTS);
        return new Decision(Effect.REQUIRE_APPROVAL, reasons, decision.policyVersion());
    }

    /** The commands a {@code shell.run} or {@code app.launch} would start, as far as they can be read. */
    private static Optional<ShellCommandParser.Parsed> commands(Proposal proposal) {
        return switch (proposal.intent()) {
            case "shell.run" ->
                proposal.params().get("command") instanceof String command
                        ? Optional.of(ShellCommandParser.parse(command))
                        : Optional.empty();
            case "app.launch" -> Optional.of(launched(proposal));
            default -> Optional.empty();
        };
    }

    private static List<String> denials(Proposal proposal, PolicyDocument document, Conditions conditions) {
        List<String> reasons = new ArrayList<>();
        conditions.killSwitch(proposal.intent(), proposal.node()).ifPresent(scope -> reasons.add(Reasons.KILL_SWITCH));
        if (!conditions.enabled(proposal.intent())) {
            reasons.add(Reasons.CAPABILITY_DISABLED);
        }
        conditions.openBreaker(proposal.node(), proposal.intent()).ifPresent(name -> reasons.add(Reasons.CIRCUIT_OPEN));
        blockedInput(proposal, document).ifPresent(blocked -> reasons.add(blocked.reason()));
        return reasons;
    }

    private static Decision byDefault(Proposal proposal, Conditions conditions, String version) {
        boolean tableRequires = proposal.capability().requiresApproval();
        Optional<ApprovalMode> mode = conditions.approvalMode(proposal.intent());
        if (mode.isPresent() && (mode.get() == ApprovalMode.REQUIRE_APPROVAL) != tableRequires) {
            return mode.get() == ApprovalMode.AUTO
                    ? new Decision(Effect.ALLOW, List.of(Reasons.APPROVAL_MODE_AUTO), version)
                    : new Decision(Effect.REQUIRE_APPROVAL, List.of(Reasons.APPROVAL_MODE_REQUIRED), version);
        }
        return tableRequires
                ? new Decision(Effect.REQUIRE_APPROVAL, List.of(Reasons.RISK_REQUIRES_APPROVAL), version)
                : new Decision(Effect.ALLOW, List.of(Reasons.RISK_ALLOWS), version);
    }

    private static List<String> spentBudgets(Proposal proposal, PolicyDocument.Budgets budgets, Conditions conditions) {
        String session = budgets.perSession() == null ? null : proposal.sessionId();
        String principal = budgets.perPrincipalPerMinute() == null ? null : proposal.principal();
        List<String> reasons = new ArrayList<>();
        if (session == null && principal == null) {
            return reasons;
        }
        Conditions.BudgetUsage usage = conditions.budgetUsage(session, principal);
        if (session != null && usage.sessionActions() >= budgets.perSession()) {
            reasons.add(Reasons.BUDGET_EXCEEDED);
        }
        if (principal != null && usage.principalActionsLastMinute() >= budgets.perPrincipalPerMinute()) {
            reasons.add(Reasons.RATE_LIMITED);
        }
        return reasons;
    }

    private static ShellCommandParser.Parsed launched(Proposal proposal) {
        String target = String.valueOf(proposal.params().get("target"));
        Object args = proposal.params().get("args");
        if (args instanceof String line) {
            return ShellCommandParser.parse("\"" + target + "\" " + line);
        }
        List<String> argv = new ArrayList<>();
        argv.add(target);
        if (args instanceof List<?> list) {
            list.forEach(a -> argv.add(String.valueOf(a)));
        }
        return ShellCommandParser.parseArgv(argv);
    }
}
