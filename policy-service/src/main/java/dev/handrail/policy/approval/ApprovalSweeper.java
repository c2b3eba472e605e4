package dev.handrail.policy.approval;

import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Expires pending approvals nobody decided in time. One sweep takes a bounded batch of lapsed
 * rows under {@code FOR UPDATE SKIP LOCKED}, publishes their expiry and only then commits: two
 * instances never expire the same approval, and one whose events were not stored is swept again.
 * Stateless and thread-safe.
 */
@Singleton
public class ApprovalSweeper {

    private final Database database;
    private final PolicyActionStore actions;
    private final ExpiryPublisher publisher;
    private final ApprovalHistory history;
    private final ApprovalTraces traces;
    private final int batch;

    public ApprovalSweeper(
            Database database,
            PolicyActionStore actions,
            ExpiryPublisher publisher,
            ApprovalHistory history,
            ApprovalTraces traces,
            PolicyConfig config) {
        this.database = database;
        this.actions = actions;
        this.publisher = publisher;
        this.history = history;
        this.traces = traces;
        this.batch = config.getSweepBatch();
    }

    /** Expires up to one batch of approvals lapsed by {@code now}; returns how many. */
    public int sweep(Instant now) {
        return database.inTransaction(c -> {
            List<PolicyAction> lapsed = actions.lockLapsed(c, now, batch);
            for (PolicyAction action : lapsed) {
                actions.leavePending(c, action.moveTo(PolicyActionState.EXPIRED, null, now, null));
                history.record(c, action.actionId(), new ApprovalEntry(ApprovalEntry.EXPIRE, null, now, null));
            }
            if (!lapsed.isEmpty()) {
                publisher.publish(lapsed.stream()
                        .map(a -> new ExpiryPublisher.Expiry(ApprovalRules.expired(a), a.principal(), a.sessionId()))
                        .toList());
            }
            traces.lapsed(c, lapsed.stream().map(PolicyAction::actionId).toList());
            return lapsed.size();
        });
    }
}
