package dev.handrail.policy.approval;

import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.policy.action.EventPublisher;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a person's decision on a pending approval, or its planner's withdrawal of it. The action's row is locked for the whole
 * decision, and the outcome is published before the change commits: two decisions on one
 * action queue on the lock, so exactly one wins, and a decision whose messages could not be
 * published leaves the row as it was, to be retried. The row leaves {@code pending} by a
 * compare-and-set ({@link PolicyActionStore#leavePending}), so an action is approved, and its
 * execute command published, at most once. The change that ends the approval deletes the
 * action's sensitive inputs in the same transaction, once its execute command (the one message
 * that carries them on) is stored. Stateless and thread-safe.
 */
@Singleton
public class ApprovalDesk {

    private final Database database;
    private final PolicyActionStore actions;
    private final ApprovalRules rules;
    private final ApprovalHistory history;
    private final Clock clock;

    public ApprovalDesk(
            Database database, PolicyActionStore actions, ApprovalRules rules, ApprovalHistory history, Clock clock) {
        this.database = database;
        this.actions = actions;
        this.rules = rules;
        this.history = history;
        this.clock = clock;
    }

    /** Decides now. */
    public void decide(DecideCommand command, EventPublisher out) {
        decide(command, clock.instant(), out);
    }

    /** Decides as at {@code now} (which is what expiry is judged against). */
    public void decide(DecideCommand command, Instant now, EventPublisher out) {
        database.inTransaction(c -> {
            Optional<PolicyAction> row = actions.lock(c, command.actionId());
            Map<String, Object> inputs = row.isPresent() ? actions.inputs(c, command.actionId()) : Map.of();
            Ruling ruling = rules.rule(row, inputs, command, now);
            PolicyAction change = ruling.change();
            if (change != null) {
                if (!actions.leavePending(c, change)) {
                    throw new IllegalStateException("Action " + change.actionId()
                            + " left pending approval while it was being decided; nothing is published");
                }
                String verdict = change.state() == PolicyActionState.EXPIRED
                        ? ApprovalEntry.EXPIRE
                        : command.verdict().wire();
                history.record(
                        c, change.actionId(), new ApprovalEntry(verdict, change.decidedBy(), now, change.comment()));
            }
            out.inSession(row.map(PolicyAction::sessionId).orElse(null)).publish(ruling.messages());
            return ruling;
        });
    }
}
