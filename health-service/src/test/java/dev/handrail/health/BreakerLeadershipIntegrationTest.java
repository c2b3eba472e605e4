package dev.handrail.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.BreakerStateChanged;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.health.leader.LeaderSchedule;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two health instances on one database: one leads and keeps the breakers, every transition is on
 * the feed once, and the state outlives the leader (failover) and a restart.
 */
class BreakerLeadershipIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SOURCE = "/handrail/health-service-test/leadership";

    private final Map<String, Object> properties =
            new HashMap<>(Infrastructure.shared().serviceProperties("health_lead"));
    private final List<ApplicationContext> started = new ArrayList<>();
    private final TestFeed feed = new TestFeed(Infrastructure.shared().natsUrl());

    {
        properties.put("handrail.health.leader.interval", "200ms");
        properties.put("handrail.service.heartbeats", "false");
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        started.forEach(ApplicationContext::close);
        feed.close();
    }

    @Test
    void oneInstanceLeadsEveryTransitionIsPublishedOnceAndTheStateOutlivesTheLeader() {
        ApplicationContext first = start();
        ApplicationContext second = start();
        assertThat(leading(first)).isTrue();
        assertThat(leading(second)).isFalse();
        String node = unique("desk");
        String breaker = "node:" + node;

        for (int i = 0; i < 5; i++) {
            publish(
                    first,
                    new ActionFailed(
                            ActionIds.next(), null, node, Execution.failed(ErrorCode.EXECUTOR_ERROR, "boom", 5, 0)));
        }
        await().atMost(WAIT)
                .until(() -> "open"
                        .equals(breakers(second).path(breaker).path("state").asText()));

        first.close();
        await().atMost(WAIT).until(() -> leading(second));
        JsonNode afterFailover = breakers(second).path(breaker);
        assertThat(afterFailover.path("state").asText()).isEqualTo("open");
        assertThat(afterFailover.path("open_until").isTextual()).isTrue();

        Reply reset = ask(second, Subjects.QUERY_BREAKER_RESET, new ByIdQuery(breaker));
        assertThat(reset.ok()).isTrue();

        String subject = "handrail.v1.events.breaker.*." + node;
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(feed.stored(subject))
                        .extracting(Envelope::id)
                        .containsExactly(breaker + ".transition.1", breaker + ".transition.2"));
        List<BreakerStateChanged> changes = feed.stored(subject).stream()
                .map(e -> e.message(BreakerStateChanged.class))
                .toList();
        assertThat(changes)
                .extracting(c -> c.previousState() + ">" + c.state())
                .containsExactly("closed>open", "open>closed");
        assertThat(changes.getFirst().node()).isEqualTo(node);

        second.close();
        ApplicationContext restarted = start();
        assertThat(breakers(restarted).path(breaker).path("state").asText()).isEqualTo("closed");
        for (int i = 0; i < 5; i++) {
            publish(
                    restarted,
                    new ActionFailed(ActionIds.next(), null, node, Execution.failed(ErrorCode.TIMEOUT, "slow", 5, 0)));
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(feed.stored(subject))
                        .extracting(Envelope::id)
                        .containsExactly(
                                breaker + ".transition.1", breaker + ".transition.2", breaker + ".transition.3"));
    }

    @Test
    void aRestartedInstanceFindsAnOpenBreakerStillOpen() {
        ApplicationContext first = start();
        String node = unique("desk");
        for (int i = 0; i < 5; i++) {
            publish(
                    first,
                    new ActionFailed(
                            ActionIds.next(),
                            "shell.run",
                            node,
                            Execution.failed(ErrorCode.EXECUTOR_ERROR, "exit 1", 5, 0)));
        }
        await().atMost(WAIT)
                .until(() -> "open"
                        .equals(breakers(first)
                                .path("node:" + node)
                                .path("state")
                                .asText()));
        String openUntil =
                breakers(first).path("node:" + node).path("open_until").asText();

        first.close();
        ApplicationContext restarted = start();

        JsonNode restored = breakers(restarted);
        assertThat(restored.path("node:" + node).path("state").asText()).isEqualTo("open");
        assertThat(restored.path("node:" + node).path("open_until").asText()).isEqualTo(openUntil);
        assertThat(restored.path("node:" + node + ":shell.run").path("state").asText())
                .isEqualTo("open");
        assertThat(restored.path("node:" + node)
                        .path("stats")
                        .path("buffered_calls")
                        .asInt())
                .isZero();
    }

    private ApplicationContext start() {
        ApplicationContext context = ApplicationContext.run(properties);
        started.add(context);
        return context;
    }

    private static boolean leading(ApplicationContext context) {
        return context.isRunning() && context.getBean(LeaderSchedule.class).leading();
    }

    private static void publish(ApplicationContext context, ActionFailed failed) {
        Bus bus = context.getBean(Bus.class);
        bus.publish(failed.natsSubject(), Envelope.of(SOURCE, failed, "it-tester", "it-session"))
                .join();
    }

    private static JsonNode breakers(ApplicationContext context) {
        Reply reply = ask(context, Subjects.QUERY_BREAKERS, new ListQuery(Map.of(), 0));
        assertThat(reply.ok()).isTrue();
        return reply.data().path("breakers");
    }

    private static Reply ask(ApplicationContext context, String subject, Object query) {
        return context.getBean(Bus.class)
                .request(subject, query, Duration.ofSeconds(5))
                .join();
    }

    private static String unique(String prefix) {
        return prefix + "-" + ActionIds.next().toLowerCase(Locale.ROOT).substring(16);
    }
}
