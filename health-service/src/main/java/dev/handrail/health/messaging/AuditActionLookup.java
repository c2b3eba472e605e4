package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.deadletter.ActionLookup;
import dev.handrail.health.deadletter.ActionLookupException;
import dev.handrail.health.replay.ReplayConfig;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** Asks the audit store for an action's view ({@code query.audit.action}); blocking, bounded by the lookup timeout. */
@Singleton
public final class AuditActionLookup implements ActionLookup {

    private final Bus bus;
    private final ReplayConfig config;

    public AuditActionLookup(Bus bus, ReplayConfig config) {
        this.bus = bus;
        this.config = config;
    }

    @Override
    public Optional<ActionView> find(String actionId) {
        Reply reply;
        try {
            reply = bus.request(Subjects.QUERY_ACTION, new ByIdQuery(actionId), config.getLookupTimeout())
                    .join();
        } catch (CompletionException e) {
            throw new ActionLookupException("The audit store did not answer for action " + actionId, e.getCause());
        }
        if (reply.ok()) {
            return Optional.of(reply.data(ActionView.class));
        }
        if (reply.isError(ErrorCode.NOT_FOUND)) {
            return Optional.empty();
        }
        throw new ActionLookupException(
                "The audit store could not answer for action " + actionId + ": "
                        + reply.error().message(),
                null);
    }
}
