package dev.handrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client's waiting and cancelling against a loopback server answering as the gateway's
 * {@code /v1/actions} does: long polls with {@code wait_ms}, a plan that waits through approval,
 * and the cancel endpoint's answers.
 */
class HandrailClientTest {

    private static String action(String state) {
        return "{\"action_id\":\"01A\",\"intent\":\"shell.run\",\"state\":\"" + state + "\"}";
    }

    private static String query(com.sun.net.httpserver.HttpExchange exchange) {
        return String.valueOf(exchange.getRequestURI().getQuery());
    }

    @Test
    void awaitingAnOutcomeLongPollsWithWaitMsAndTreatsA404AsNotYet() throws Exception {
        List<String> queries = new CopyOnWriteArrayList<>();
        AtomicInteger call = new AtomicInteger();
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/actions/01A", exchange -> {
                queries.add(query(exchange));
                switch (call.getAndIncrement()) {
                    case 0 -> Loopback.json(exchange, 404, "{\"ok\":false,\"error\":{\"code\":\"NOT_FOUND\"}}");
                    case 1 -> Loopback.json(exchange, 200, "{\"ok\":true,\"action\":" + action("executing") + "}");
                    default -> Loopback.json(exchange, 200, "{\"ok\":true,\"action\":" + action("succeeded") + "}");
                }
            });
            ActionView outcome =
                    new HandrailClient(gateway.uri(), "t").awaitOutcome("01A", Duration.ofSeconds(20), false);

            assertThat(outcome.state()).isEqualTo("succeeded");
            assertThat(queries).hasSize(3);
            // Until the state is known the client asks without waiting; then it waits for a change.
            assertThat(queries.get(0)).isEqualTo("null");
            assertThat(queries.get(1)).isEqualTo("null");
            assertThat(queries.get(2)).startsWith("wait_ms=");
            long waitMs = Long.parseLong(queries.get(2).substring("wait_ms=".length()));
            assertThat(waitMs).isBetween(1L, 20_000L);
        }
    }

    @Test
    void longPollsAreCappedAtThirtySecondsAndTheDeadlineAnswersTheLatestState() throws Exception {
        List<String> queries = new CopyOnWriteArrayList<>();
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/actions/01A", exchange -> {
                queries.add(query(exchange));
                Loopback.json(exchange, 200, "{\"ok\":true,\"action\":" + action("pending_approval") + "}");
            });
            HandrailClient client = new HandrailClient(gateway.uri(), "t");

            ActionView pending = client.awaitOutcome("01A", Duration.ofMinutes(5), true);
            assertThat(pending.state()).isEqualTo("pending_approval");

            queries.clear();
            // A gateway that answers at once (no long poll) is asked again after a pause, until the deadline.
            ActionView latest = client.awaitOutcome("01A", Duration.ofMillis(700), false);
            assertThat(latest.state()).isEqualTo("pending_approval");
            assertThat(queries).hasSizeBetween(2, 6);
            // Every later poll waits at most what is left (the last one, at the deadline, not at all).
            assertThat(queries.subList(1, queries.size()))
                    .allSatisfy(q -> assertThat(q.equals("null") ? 0 : Long.parseLong(q.substring("wait_ms=".length())))
                            .isBetween(0L, 700L));
        }
        assertThat(HandrailClient.LONG_POLL).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void planAndWaitWaitsThroughApprovalAndAnswersTheFinalState() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/actions/plan", exchange -> {
                assertThat(Loopback.body(exchange)).contains("\"intent\":\"shell.run\"");
                Loopback.json(exchange, 200, action("pending_approval"));
            });
            gateway.on("/v1/actions/01A", exchange -> {
                String state = polls.getAndIncrement() == 0 ? "pending_approval" : "succeeded";
                Loopback.json(exchange, 200, "{\"ok\":true,\"action\":" + action(state) + "}");
            });
            ActionView done = new HandrailClient(gateway.uri(), "t")
                    .planAndWait(
                            HandrailClient.PlanRequest.of("shell.run", Map.of("command", "echo hi")),
                            Duration.ofSeconds(20));

            assertThat(done.state()).isEqualTo("succeeded");
            assertThat(polls.get()).isEqualTo(2);
        }
    }

    @Test
    void planAndWaitAnswersASettledPlanWithoutPolling() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/actions/plan", exchange -> Loopback.json(exchange, 200, action("succeeded")));
            gateway.on("/v1/actions/01A", exchange -> {
                polls.incrementAndGet();
                Loopback.json(exchange, 500, "{}");
            });
            ActionView done = new HandrailClient(gateway.uri(), "t")
                    .planAndWait(HandrailClient.PlanRequest.of("file.read", Map.of()), Duration.ofSeconds(5));
            assertThat(done.state()).isEqualTo("succeeded");
            assertThat(polls.get()).isZero();
        }
    }

    @Test
    void cancelSendsTheReasonAndAnswersTheCancelledAction() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        try (Loopback gateway = new Loopback()) {
            gateway.on("/v1/actions/01A/cancel", exchange -> {
                assertThat(exchange.getRequestMethod()).isEqualTo("POST");
                bodies.add(Loopback.body(exchange));
                Loopback.json(exchange, 200, "{\"ok\":true,\"action\":" + action("cancelled") + "}");
            });
            gateway.on(
                    "/v1/actions/01B/cancel",
                    exchange -> Loopback.json(
                            exchange,
                            409,
                            "{\"ok\":false,\"error\":{\"code\":\"NOT_PENDING\",\"message\":\"It was approved\"}}"));
            HandrailClient client = new HandrailClient(gateway.uri(), "t");

            ActionView cancelled = client.cancel("01A", "changed my mind");
            assertThat(cancelled.state()).isEqualTo("cancelled");
            assertThat(cancelled.settled()).isTrue();
            assertThat(bodies).containsExactly("{\"reason\":\"changed my mind\"}");

            assertThatThrownBy(() -> client.cancel("01B", null))
                    .isInstanceOfSatisfying(HandrailException.ApiError.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("NOT_PENDING");
                    });
        }
    }
}
