package dev.handrail.policy.plan;

import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.Capability;
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
import dev.handrail.policy.decision.DecisionMaker;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan produces, in publishing order: planned, then rejected or validated, then (unless
 * it is a dry run) policy's decision: approved with its execute command, pending approval, or
 * denied. Built from the plan
 * and its stored row, so a redelivered plan produces exactly the same messages. Pure.
 */
final class PlanOutcome {

    /** Code of the error a plan that fails validation is rejected with. */
    static final String VALIDATION_FAILED = "VALIDATION_FAILED";

    private PlanOutcome() {
    }

    static List<Message> of(PlanCommand command, PlanSpec spec, PolicyAction stored, DecisionMaker decisions) {
        List<Message> messages = new ArrayList<>();
        messages.add(planned(command, spec));
        Validation validation = stored.validation();
        String failure = validation.firstFailure().map(Check::message).orElse(null);
        if (failure != null) {
            messages.add(new ActionRejected(command.actionId(), command.intent(), validation,
                    new ApiError(VALIDATION_FAILED, failure)));
            return messages;
        }
        messages.add(new ActionValidated(command.actionId(), command.intent(), validation, command.dryRun()));
        if (command.dryRun()) {
            return messages;
        }
        spec.knownCapability().ifPresent(capability -> messages.addAll(decided(capability, stored, decisions)));
        return messages;
    }

    private static List<Message> decided(Capability capability, PolicyAction stored, DecisionMaker decisions) {
        Decision decision = decisions.decide(capability);
        return switch (decision.effect()) {
            case ALLOW -> List.of(new ActionApproved(stored.actionId(), stored.intent(), decision, null, null),
                    stored.toExecuteCommand());
            case REQUIRE_APPROVAL -> List.of(new ApprovalRequested(stored.actionId(), stored.intent(), decision,
                    stored.contentHash(), stored.expiresAt()));
            case DENY -> List.of(new ActionDenied(stored.actionId(), stored.intent(), decision, null, null));
        };
    }

    private static ActionPlanned planned(PlanCommand command, PlanSpec spec) {
        return new ActionPlanned(command.actionId(), command.intent(), command.params(), command.sessionId(),
                command.principal(), command.idempotencyKey(), command.dryRun(), spec.timeoutMs(), spec.maxRetries(),
                command.metadata(), spec.node(), spec.knownCapability().map(Capability::riskLevel).orElse(null),
                spec.requiresApproval(), command.receivedAt());
    }
}
