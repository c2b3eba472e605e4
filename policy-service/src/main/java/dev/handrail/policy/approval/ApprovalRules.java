package dev.handrail.policy.approval;

import static dev.handrail.contracts.error.ErrorCode.ALREADY_DECIDED;
import static dev.handrail.contracts.error.ErrorCode.APPROVAL_EXPIRED;
import static dev.handrail.contracts.error.ErrorCode.NOT_FOUND;
import static dev.handrail.contracts.error.ErrorCode.NOT_PENDING;
import static dev.handrail.contracts.error.ErrorCode.NOT_PLANNER;
import static dev.handrail.contracts.error.ErrorCode.SELF_APPROVAL;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a person's decision on an approval is ruled, given the action's row as it stands: taken,
 * or refused: by the principal who planned it ({@code SELF_APPROVAL}, judged from policy's own
 * row, whoever else has or has not heard of the plan yet), already approved or denied
 * ({@code ALREADY_DECIDED}, a redelivery included: what the first decision caused was published
 * before it was stored, so nothing is sent again, least of all an execute command), never pending
 * ({@code NOT_PENDING}), expired, or an approval the {@link ApprovalGate} stops. Pure apart from
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

    /**
     * Rules on {@code command} for the action's row ({@code row} empty when policy never planned
     * it); {@code inputs} are the sensitive values kept for it while it is pending.
     */
    public Ruling rule(Optional<PolicyAction> row, Map<String, Object> inputs, DecideCommand command, Instant now) {
        return row.map(action -> rule(action, inputs, command, now))
                .orElseGet(() -> Ruling.publish(List.of(new DecisionRefused(
                        command.actionId(), NOT_FOUND, "No action " + command.actionId() + " is known to policy"))));
    }

    private Ruling rule(PolicyAction action, Map<String, Object> inputs, DecideCommand command, Instant now) {
        if (command.verdict() == Verdict.CANCEL) {
            return withdraw(action, command, now);
        }
        if (action.principal() != null && action.principal().equals(command.decidedBy())) {
            return refuse(
                    action,
                    SELF_APPROVAL,
                    "Action " + action.actionId() + " was planned by " + action.principal()
                            + ", who may not also decide on it");
        }
        return switch (action.state()) {
            case PENDING -> action.lapsedAt(now) ? expire(action, now) : decide(action, inputs, command, now);
            case APPROVED, DENIED ->
                refuse(
                        action,
                        ALREADY_DECIDED,
                        "Action " + action.actionId() + " was already "
                                + action.state().wire() + " by " + action.decidedBy() + "; a decision is taken once");
            default ->
                refuse(
                        action,
                        NOT_PENDING,
                        "Action " + action.actionId() + " is " + action.state().wire() + ", not pending approval");
        };
    }

    /**
     * The planner withdraws its pending action: only the principal who planned it may
     * ({@code NOT_PLANNER}; the message names nobody), only while it is pending, and a lapsed
     * approval expires instead. Racing an approval on the row's lock, exactly one of the two wins.
     */
    private Ruling withdraw(PolicyAction action, DecideCommand command, Instant now) {
        if (action.principal() == null || !action.principal().equals(command.decidedBy())) {
            return refuse(
                    action,
                    NOT_PLANNER,
                    "Action " + action.actionId() + " was planned by another principal: only its planner may withdraw"
                            + " it (an operator denies it instead)");
        }
        return switch (action.state()) {
            case PENDING ->
                action.lapsedAt(now)
                        ? expire(action, now)
                        : Ruling.store(
                                action.moveTo(PolicyActionState.CANCELLED, command.decidedBy(), now, command.comment()),
                                List.of(new ActionCancelled(
                                        action.actionId(),
                                        action.intent(),
                                        command.decidedBy(),
                                        now,
                                        command.comment())));
            case APPROVED, DENIED ->
                refuse(
                        action,
                        ALREADY_DECIDED,
                        "Action " + action.actionId() + " was already "
                                + action.state().wire() + " by " + action.decidedBy()
                                + "; it can no longer be withdrawn");
            default ->
                refuse(
                        action,
                        NOT_PENDING,
                        "Action " + action.actionId() + " is " + action.state().wire()
                                + ", not pending approval: there is nothing to withdraw");
        };
    }

    private static Ruling refuse(PolicyAction action, ErrorCode code, String message) {
        return Ruling.publish(List.of(new DecisionRefused(action.actionId(), code, message)));
    }

    private Ruling expire(PolicyAction action, Instant now) {
        return Ruling.store(
                action.moveTo(PolicyActionState.EXPIRED, null, now, null),
                List.of(
                        expired(action),
                        new DecisionRefused(
                                action.actionId(),
                                APPROVAL_EXPIRED,
                                "The approval of action " + action.actionId() + " expired at " + action.expiresAt())));
    }

    private Ruling decide(PolicyAction action, Map<String, Object> inputs, DecideCommand command, Instant now) {
        if (command.verdict() == Verdict.APPROVE) {
            Optional<DecisionRefused> refused = gate.refuseApproval(action);
            if (refused.isPresent()) {
                return Ruling.publish(List.of(refused.get()));
            }
        }
        PolicyActionState next =
                command.verdict() == Verdict.APPROVE ? PolicyActionState.APPROVED : PolicyActionState.DENIED;
        PolicyAction decided = action.moveTo(next, command.decidedBy(), now, command.comment());
        if (next == PolicyActionState.APPROVED
                && decided.toExecuteCommand(inputs).isEmpty()) {
            throw new IllegalStateException(
                    "The sensitive inputs of pending action " + action.actionId() + " are missing");
        }
        return Ruling.store(decided, decidedMessages(decided, inputs));
    }

    /** The decision's messages; an approval's execute command only when {@code inputs} hold its sensitive values. */
    private List<Message> decidedMessages(PolicyAction decided, Map<String, Object> inputs) {
        if (decided.state() == PolicyActionState.APPROVED) {
            List<Message> messages = new ArrayList<>();
            messages.add(new ActionApproved(
                    decided.actionId(),
                    decided.intent(),
                    decisions.operatorApproved(),
                    decided.decidedBy(),
                    decided.comment()));
            decided.toExecuteCommand(inputs).ifPresent(messages::add);
            return messages;
        }
        return List.of(new ActionDenied(
                decided.actionId(),
                decided.intent(),
                decisions.operatorDenied(),
                decided.decidedBy(),
                decided.comment()));
    }

    /** The expiry event of an approval; it lapsed at its expiry time, whenever that was noticed. */
    static ApprovalExpired expired(PolicyAction action) {
        return new ApprovalExpired(action.actionId(), action.intent(), action.expiresAt());
    }
}
