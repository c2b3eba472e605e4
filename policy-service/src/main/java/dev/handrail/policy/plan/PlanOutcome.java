package dev.handrail.policy.plan;

import static dev.handrail.contracts.error.ErrorCode.VALIDATION_FAILED;

import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionRejected;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.policy.action.PlanSpec;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.decision.Reasons;
import dev.handrail.policy.run.RunMembership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a plan produces, in publishing order: planned, then rejected or validated, then (unless
 * it is a dry run) policy's decision: approved with its execute command, pending approval, or
 * denied. Built from the plan
 * and its stored row, so a redelivered plan produces exactly the same messages. Every event holds
 * the params in their at-rest form; only the execute command carries the sensitive inputs. Pure.
 */
final class PlanOutcome {
    /** The version of the policy that decided rows stored before decisions were kept. */
    static final String LEGACY_VERSION = "builtin-1";

    private PlanOutcome() {}

    /** {@code inputs} are the plan's sensitive values, which only an execute command carries. */
    static List<Message> of(PlanCommand command, PlanSpec spec, PolicyAction stored, Map<String, Object> inputs) {
        List<Message> messages = new ArrayList<>();
        messages.add(planned(command, spec));
        Validation validation = stored.validation();
        Check failure = validation.firstFailure().orElse(null);
        if (failure != null) {
            ErrorCode code =
                    failure.name().equals(RunMembership.LEASE_CHECK) ? ErrorCode.LEASE_LOST : VALIDATION_FAILED;
            messages.add(new ActionRejected(
                    command.actionId(), command.intent(), validation, ApiError.of(code, failure.message())));
            return messages;
        }
        messages.add(new ActionValidated(command.actionId(), command.intent(), validation, command.dryRun()));
        if (command.dryRun()) {
            return messages;
        }
        if (spec.knownCapability().isPresent()) {
            messages.addAll(decided(stored, inputs));
        }
        return messages;
    }

    private static List<Message> decided(PolicyAction stored, Map<String, Object> inputs) {
        Decision decision = stored.decision() != null ? stored.decision() : storedBeforeDecisionsWereKept(stored);
        return switch (decision.effect()) {
            case ALLOW ->
                List.of(
                        new ActionApproved(stored.actionId(), stored.intent(), decision, null, null),
                        stored.toExecuteCommand(inputs)
                                .orElseThrow(() -> new IllegalStateException(
                                        "Allowed action " + stored.actionId() + " lacks its sensitive inputs")));
            case REQUIRE_APPROVAL ->
                List.of(new ApprovalRequested(
                        stored.actionId(), stored.intent(), decision, stored.contentHash(), stored.expiresAt()));
            case DENY -> List.of(new ActionDenied(stored.actionId(), stored.intent(), decision, null, null));
        };
    }

    /** Rows planned before the decision was stored: what the built-in policy of the time decided. */
    private static Decision storedBeforeDecisionsWereKept(PolicyAction stored) {
        return switch (stored.state()) {
            case ALLOWED -> new Decision(Decision.Effect.ALLOW, List.of(Reasons.RISK_ALLOWS), LEGACY_VERSION);
            case DENIED -> new Decision(Decision.Effect.DENY, List.of(Reasons.DENIED_BY_OPERATOR), LEGACY_VERSION);
            default ->
                new Decision(Decision.Effect.REQUIRE_APPROVAL, List.of(Reasons.RISK_REQUIRES_APPROVAL), LEGACY_VERSION);
        };
    }

    private static ActionPlanned planned(PlanCommand command, PlanSpec spec) {
        return new ActionPlanned(
                command.actionId(),
                command.intent(),
                SensitiveParams.atRest(command.intent(), command.params()),
                command.sessionId(),
                command.principal(),
                command.idempotencyKey(),
                command.dryRun(),
                spec.timeoutMs(),
                spec.maxRetries(),
                command.metadata(),
                spec.node(),
                spec.knownCapability().map(Capability::riskLevel).orElse(null),
                spec.requiresApproval(),
                command.receivedAt());
    }
}
