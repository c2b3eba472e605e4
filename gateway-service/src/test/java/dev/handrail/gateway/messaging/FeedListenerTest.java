package dev.handrail.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.gateway.action.Outcome;
import dev.handrail.gateway.action.PendingActions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A waiting request is answered by its node's results, never by a result another node forged. */
class FeedListenerTest {

    private static final String ID = "01JD7Z3Q4R5S6T7V8W9X0Y1Z2A";

    private final PendingActions pending = new PendingActions();
    private final FeedListener listener = new FeedListener(null, pending);
    private final Envelope command = Envelope.of(
            "/test",
            new PlanCommand(
                    ID,
                    "file.read",
                    Map.of("path", "a"),
                    null,
                    "p",
                    null,
                    false,
                    null,
                    null,
                    Map.of(),
                    "local",
                    Instant.now()),
            "p",
            "s");
    private final Envelope succeeded = Envelope.causedBy(
            command, "/test", new ActionSucceeded(ID, "file.read", "local", Execution.succeeded("hi", 2, 0, Map.of())));

    @Test
    void aResultNamingAnotherNodeThanItsSubjectAnswersNoRequest() {
        CompletableFuture<Outcome> outcome = pending.awaitPlan(ID, command.id(), Duration.ofSeconds(5));

        listener.onMessage(on(Subjects.nodeResult("succeeded", "file.read", "desk-2"), succeeded));
        listener.onMessage(on(Subjects.actionEvent("succeeded", "file.read"), succeeded));

        assertThat(outcome).isNotDone();
        assertThat(pending.isWaitingFor(ID)).isTrue();
    }

    @Test
    void aResultOnItsOwnNodesSubjectAnswersTheRequest() {
        CompletableFuture<Outcome> outcome = pending.awaitPlan(ID, command.id(), Duration.ofSeconds(5));

        listener.onMessage(on(Subjects.nodeResult("succeeded", "file.read", "local"), succeeded));

        assertThat(((Outcome.Settled) outcome.join()).view().state()).isEqualTo(ActionState.SUCCEEDED);
    }

    private static NatsMessage on(String subject, Envelope envelope) {
        return NatsMessage.builder()
                .subject(subject)
                .headers(new Headers().put(Bus.ACTION_HEADER, envelope.subject()))
                .data(envelope.toBytes())
                .build();
    }
}
