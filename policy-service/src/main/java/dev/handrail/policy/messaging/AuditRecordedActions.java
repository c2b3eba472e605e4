package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.query.ActionListQuery;
import dev.handrail.contracts.query.ActionPage;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.evaluation.RecordedActions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Reads recorded actions from the audit service's projection ({@code query.audit.actions}). Stateless. */
@Singleton
public class AuditRecordedActions implements RecordedActions {

    /** Audit answers a page of up to this many actions at once. */
    static final int AUDIT_MAX_LIMIT = 500;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Bus bus;

    public AuditRecordedActions(Bus bus) {
        this.bus = bus;
    }

    @Override
    public List<ActionView> latest(int limit) {
        Reply reply = bus.request(
                        Subjects.QUERY_ACTIONS,
                        new ActionListQuery(null, null, null, null, null, Math.min(limit, AUDIT_MAX_LIMIT)),
                        TIMEOUT)
                .join();
        if (!reply.ok()) {
            throw new RecordedActionsUnavailableException("Audit could not list actions: "
                    + reply.error().code() + " " + reply.error().message());
        }
        return reply.data(ActionPage.class).actions();
    }
}
