package dev.handrail.policy.approval;

import static dev.handrail.contracts.error.ErrorCode.NOT_FOUND;
import static dev.handrail.contracts.error.ErrorCode.NOT_PENDING;
import static dev.handrail.contracts.error.ErrorCode.APPROVAL_EXPIRED;

import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Message;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.decision.DecisionMaker;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a person's decision on an approval is ruled, given the action's row as it stands: taken,
 * refused (not pending, expired, or an approval the {@link ApprovalGate} stops), or found already
 * taken by the same person (a redelivery, answered with the same messages again). Pure apart from
 * the gate; the caller holds the row's lock.
 */
@Singleton
public class ApprovalRules {

    private final DecisionMaker decisions;
    private final ApprovalGate gate;

    public ApprovalRules(DecisionMaker decisions, ApprovalGate gate) {
        this.decisions = decisions;
        this.gate = gate;
    }

    /** Rules on {@code command} for the action's row ({@code row} empty when policy never planned it). */
    public Ruling rule(Optional<PolicyAction> row, DecideCommand command, Instant now) {
        return row.map(action -> rule(action, command, now))
                .orElseGet(() -> Ruling.publish(List.of(new DecisionRefused(command.actionId(), NOT_FOUND,
                        "No action " + command.actionId() + " is known to policy"))));
    }

    private Ruling rule(PolicyAction action, DecideCommand command, Instant now) {
        if (action.state() == PolicyActionState.PENDING) {
            return action.lapsedAt(now) ? expire(action, now) : decide(action, command, now);
        }
        if (alreadyDecidedAs(action, command)) {
            return Ruling.publish(decidedMessages(action));
        }
        return Ruling.publish(List.of(new DecisionRefused(action.actionId(), NOT_PENDING,
                "Action " + action.actionId() + " is " + action.state().wire() + ", not pending approval")));
    }

    private Ruling expire(PolicyAction action, Instant now) {
        return Ruling.store(action.moveTo(PolicyActionState.EXPIRED, null, now, null), List.of(
                expired(action),
                new DecisionRefused(action.actionId(), APPROVAL_EXPIRED,
                        "The approval of action " + action.actionId() + " expired at " + action.expiresAt())));
    }

    private Ruling decide(PolicyAction action, DecideCommand command, Instant now) {
        if (command.verdict() == Verdict.APPROVE) {
            Optional<DecisionRefused> refused = gate.refuseApproval(action);
            if (refused.isPresent()) {
                return Ruling.publish(List.of(refused.get()));
            }
        }
        PolicyActionState next = command.verdict() == Verdict.APPROVE ? PolicyActionState.APPROVED : PolicyActionState.DENIED;
        PolicyAction decided = action.moveTo(next, command.decidedBy(), now, command.comment());
        return Ruling.store(decided, decidedMessages(decided));
    }

    private static boolean alreadyDecidedAs(PolicyAction action, DecideCommand command) {
        PolicyActionState wanted = command.verdict() == Verdict.APPROVE ? PolicyActionState.APPROVED : PolicyActionState.DENIED;
        return action.state() == wanted && Objects.equals(action.decidedBy(), command.decidedBy());
    }

    private List<Message> decidedMessages(PolicyAction decided) {
        if (decided.state() == PolicyActionState.APPROVED) {
            return List.of(new ActionApproved(decided.actionId(), decided.intent(), decisions.operatorApproved(),
                    decided.decidedBy(), decided.comment()), decided.toExecuteCommand());
        }
        return List.of(new ActionDenied(decided.actionId(), decided.intent(), decisions.operatorDenied(),
                decided.decidedBy(), decided.comment()));
    }

    /** The expiry event of an approval; it lapsed at its expiry time, whenever that was noticed. */
    static ApprovalExpired expired(PolicyAction action) {
        return new ApprovalExpired(action.actionId(), action.intent(), action.expiresAt());
    }
}
