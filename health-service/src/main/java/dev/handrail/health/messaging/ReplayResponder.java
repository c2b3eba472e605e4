package dev.handrail.health.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.ReplayRequest;
import dev.handrail.contracts.query.Reply;
import dev.handrail.health.deadletter.ActionLookupException;
import dev.handrail.health.replay.NotReplayableException;
import dev.handrail.health.replay.ReplayService;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Answers replay requests (on every instance): {@code NOT_FOUND} for an unknown dead letter,
 * {@code NOT_REPLAYABLE} when what it asked for is not known, {@code UPSTREAM_UNAVAILABLE} when
 * the audit store had to be asked and did not answer.
 */
@Singleton
public final class ReplayResponder implements ApplicationEventListener<StartupEvent> {

    private final Bus bus;
    private final ReplayService replays;

    public ReplayResponder(Bus bus, ReplayService replays) {
        this.bus = bus;
        this.replays = replays;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        bus.respond(Subjects.QUERY_DEAD_LETTER_REPLAY, Subjects.QUEUE_HEALTH, ReplayRequest.class, this::replay);
    }

    Reply replay(ReplayRequest request) {
        if (request.deadLetterId() == null || request.deadLetterId().isBlank()) {
            return Reply.error(ErrorCode.BAD_QUERY, "A replay needs the dead letter's id");
        }
        if (request.principal() == null || request.principal().isBlank()) {
            return Reply.error(ErrorCode.BAD_QUERY, "A replay needs the principal who asked for it");
        }
        try {
            return replays.replay(request.deadLetterId(), request.principal())
                    .map(Reply::ok)
                    .orElseGet(
                            () -> Reply.error(ErrorCode.NOT_FOUND, "No dead letter with id " + request.deadLetterId()));
        } catch (NotReplayableException e) {
            return Reply.error(e.code(), e.getMessage());
        } catch (ActionLookupException e) {
            return Reply.error(ErrorCode.UPSTREAM_UNAVAILABLE, e.getMessage());
        }
    }
}
