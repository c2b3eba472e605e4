package dev.handrail.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BusTest {

    private static Connection connection;
    private static Bus bus;

    @BeforeAll
    static void connect() throws Exception {
        connection = Nats.connect(Infrastructure.shared().natsUrl());
        bus = new Bus(connection, "/handrail/test/1");
        bus.provision();
    }

    @AfterAll
    static void close() throws InterruptedException {
        bus.close();
        connection.close();
    }

    @Test
    void acknowledgesOnlyAfterTheHandlerSucceedsAndRedeliversAFailure() {
        String node = "bus-redeliver";
        Envelope sent = execute(node);
        AtomicInteger attempts = new AtomicInteger();
        List<Long> deliveries = new CopyOnWriteArrayList<>();
        bus.consume(
                DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), Subjects.exec(node)),
                (envelope, delivery) -> {
                    deliveries.add(delivery.deliveredCount());
                    return attempts.incrementAndGet() == 1
                            ? CompletableFuture.failedFuture(new IllegalStateException("first attempt fails"))
                            : CompletableFuture.completedFuture(null);
                });

        bus.publish(Subjects.exec(node), sent).join();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(deliveries).containsExactly(1L, 2L));
        await().untilAsserted(() -> assertThat(connection
                        .jetStreamManagement()
                        .getConsumerInfo(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node))
                        .getAckFloor()
                        .getStreamSequence())
                .isPositive());
    }

    @Test
    void aHandlerRunsWithTheActionItHandlesInTheLogContext() {
        String node = "bus-mdc";
        Envelope sent = execute(node);
        List<String> seen = new CopyOnWriteArrayList<>();
        bus.consume(
                DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), Subjects.exec(node)),
                (envelope, delivery) -> {
                    seen.add(org.slf4j.MDC.get("action_id") + " " + org.slf4j.MDC.get("principal") + " "
                            + org.slf4j.MDC.get("session"));
                    return CompletableFuture.completedFuture(null);
                });

        bus.publish(Subjects.exec(node), sent).join();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(seen).containsExactly(sent.subject() + " p s"));
    }

    @Test
    void theLagOfEachDurableIsWhatItWasGivenAndHasNotAcknowledged() {
        String node = "bus-lag";
        CompletableFuture<Void> held = new CompletableFuture<>();
        Bus.Consuming consuming = bus.consume(
                DurableSpec.of(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), Subjects.exec(node)),
                (envelope, delivery) -> held);
        for (int i = 0; i < 3; i++) {
            bus.publish(Subjects.exec(node), execute(node)).join();
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(bus.consumerLag())
                        .contains(new Bus.ConsumerLag(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), 0, 3)));
        held.complete(null);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(bus.consumerLag())
                        .contains(new Bus.ConsumerLag(Subjects.STREAM_COMMANDS, Subjects.durableExecutor(node), 0, 0)));
        consuming.close();
        assertThat(bus.consumerLag()).noneMatch(l -> l.durable().equals(Subjects.durableExecutor(node)));
    }

    @Test
    void aPublishThatCannotBeStoredFailsAsTheBusBeingUnavailable() throws Exception {
        Connection closed = Nats.connect(Infrastructure.shared().natsUrl());
        Bus gone = new Bus(closed, "/handrail/test/closed");
        closed.close();

        assertThat(gone.publish(Subjects.exec("bus-closed"), execute("bus-closed")))
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(BusException.class);
    }

    @Test
    void messagesOnSubjectsTheConsumerDoesNotWantAreAcknowledgedUnread() {
        List<String> handled = new CopyOnWriteArrayList<>();
        bus.consume(
                DurableSpec.of(Subjects.STREAM_EVENTS, "bus-wanted", "handrail.v1.events.test.wanted.>"),
                subject -> subject.endsWith(".yes"),
                (envelope, delivery) -> {
                    handled.add(delivery.subject());
                    return CompletableFuture.completedFuture(null);
                });

        bus.publish("handrail.v1.events.test.wanted.no", execute("bus-w")).join();
        bus.publish("handrail.v1.events.test.wanted.yes", execute("bus-w")).join();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(handled).containsExactly("handrail.v1.events.test.wanted.yes");
            var info = connection.jetStreamManagement().getConsumerInfo(Subjects.STREAM_EVENTS, "bus-wanted");
            assertThat(info.getNumAckPending() + info.getNumPending()).isZero();
        });
    }

    @Test
    void aConsumerStartingNowSkipsWhatWasStoredBeforeAndStopsWhenClosed() {
        bus.publish("handrail.v1.events.test.now.a", execute("bus-now")).join();
        List<String> handled = new CopyOnWriteArrayList<>();
        Bus.Consuming consuming = bus.consume(
                DurableSpec.of(Subjects.STREAM_EVENTS, "bus-now", "handrail.v1.events.test.now.>")
                        .startingNow(),
                (envelope, delivery) -> {
                    handled.add(delivery.subject());
                    return CompletableFuture.completedFuture(null);
                });

        bus.publish("handrail.v1.events.test.now.b", execute("bus-now")).join();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(handled).containsExactly("handrail.v1.events.test.now.b"));

        consuming.close();
        bus.publish("handrail.v1.events.test.now.c", execute("bus-now")).join();
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(handled).containsExactly("handrail.v1.events.test.now.b"));
    }

    @Test
    void republishingTheSameEnvelopeIsDroppedAsADuplicate() {
        Envelope sent = execute("bus-dedup");

        PublishAck first = bus.publish(Subjects.exec("bus-dedup"), sent).join();
        PublishAck second = bus.publish(Subjects.exec("bus-dedup"), sent).join();

        assertThat(first.isDuplicate()).isFalse();
        assertThat(second.isDuplicate()).isTrue();
        assertThat(second.getSeqno()).isEqualTo(first.getSeqno());
    }

    @Test
    void answersQueriesAndReportsWhenNobodyAnswers() {
        bus.respond("handrail.v1.query.test.echo", "test", ByIdQuery.class, q -> Reply.ok(Map.of("id", q.id())));

        Reply reply = bus.request("handrail.v1.query.test.echo", new ByIdQuery("x-1"), Duration.ofSeconds(2))
                .join();

        assertThat(reply.ok()).isTrue();
        assertThat(reply.data(ByIdQuery.class).id()).isEqualTo("x-1");
        assertThatThrownBy(
                        () -> bus.request("handrail.v1.query.test.nobody", new ByIdQuery("x"), Duration.ofMillis(300))
                                .join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(BusException.class);
    }

    @Test
    void queriesAreAnsweredOnTheResponderConnectionUntilAnsweringStops() throws Exception {
        Connection main = Nats.connect(Infrastructure.shared().natsUrl());
        try (Connection responder = Nats.connect(Infrastructure.shared().natsUrl())) {
            Bus answering = new Bus(main, responder, "/handrail/test/2");
            Bus.Answering echo = answering.respond(
                    "handrail.v1.query.test.own", "test", ByIdQuery.class, q -> Reply.ok(Map.of("id", q.id())));
            responder.flush(Duration.ofSeconds(2));
            main.close();

            assertThat(bus.request("handrail.v1.query.test.own", new ByIdQuery("y"), Duration.ofSeconds(2))
                            .join()
                            .ok())
                    .as("answered without the main connection")
                    .isTrue();

            echo.close();
            responder.flush(Duration.ofSeconds(2));
            assertThatThrownBy(
                            () -> bus.request("handrail.v1.query.test.own", new ByIdQuery("y"), Duration.ofMillis(300))
                                    .join())
                    .hasCauseInstanceOf(BusException.class);
        }
    }

    @Test
    void aFailingQueryHandlerAnswersWithAnError() {
        bus.respond("handrail.v1.query.test.broken", "test", ByIdQuery.class, q -> {
            throw new IllegalStateException("boom");
        });

        Reply reply = bus.request("handrail.v1.query.test.broken", new ByIdQuery("x"), Duration.ofSeconds(2))
                .join();

        assertThat(reply.ok()).isFalse();
        assertThat(reply.error()).extracting(ApiError::code).isEqualTo("INTERNAL");
    }

    @Test
    void aMessageLargerThanNatsCarriesFailsWithItsOwnExceptionUnsent() {
        Envelope huge = Envelope.of(
                "/test",
                new ExecuteCommand(
                        dev.handrail.contracts.action.ActionIds.next(),
                        "file.write",
                        Map.of("path", "a", "content", "x".repeat((int) bus.maxPayload())),
                        "bus-huge",
                        1000,
                        0,
                        "h",
                        "s",
                        "p"),
                "p",
                "s");

        assertThatThrownBy(() -> bus.publish(Subjects.exec("bus-huge"), huge).join())
                .hasCauseInstanceOf(MessageTooLargeException.class);
        assertThat(bus.largestBody())
                .isEqualTo(bus.maxPayload() - Bus.ENVELOPE_ALLOWANCE_BYTES)
                .isPositive();
    }

    /** An execute command for {@code node}, as policy sends one. */
    static Envelope execute(String node) {
        return Envelope.of(
                "/test",
                new ExecuteCommand(
                        dev.handrail.contracts.action.ActionIds.next(),
                        "file.read",
                        Map.of("path", "a"),
                        node,
                        1000,
                        0,
                        "h",
                        "s",
                        "p"),
                "p",
                "s");
    }
}
