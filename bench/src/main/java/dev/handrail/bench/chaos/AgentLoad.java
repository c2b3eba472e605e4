package dev.handrail.bench.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.system.SystemUnderTest;
import dev.handrail.contracts.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent agents planning without waiting ({@code wait: false}) through the gateway, on the
 * bench's closed loop, for as long as a scenario needs: from {@link #start} until {@link #stop}.
 * Every plan answered 202 is kept with its action id, its kind, the token of its effect and when
 * it was accepted; any other answer, or no answer, is counted by reason and the agent tries
 * again a little later. Thread-safe: the agents record concurrently, the scenario reads after
 * {@link #stop}.
 */
final class AgentLoad {

    /** A plan the gateway answered 202. */
    record Accepted(String actionId, Mix.Kind kind, String token, Instant at) {}

    private static final Pattern ACTION_ID = Pattern.compile("\"action_id\"\\s*:\\s*\"([0-9A-Z]{26})\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Duration PAUSE_AFTER_REFUSAL = Duration.ofMillis(100);

    private final ChaosContext context;
    private final String session;
    private final Mix mix;
    private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger agents = new AtomicInteger();
    private CompletableFuture<Measurement> running;

    AgentLoad(ChaosContext context, String session, Mix mix) {
        this.context = context;
        this.session = session;
        this.mix = mix;
    }

    /** Starts the agents; they plan until {@link #stop}. */
    void start() {
        ClosedLoop.Shape shape =
                new ClosedLoop.Shape(context.budget().clients(), Duration.ZERO, Duration.ofHours(1), Long.MAX_VALUE);
        running = CompletableFuture.supplyAsync(
                () -> ClosedLoop.run("chaos-" + session, shape, this::agent, ClosedLoop.Probe.NONE, stopping::get));
    }

    /** Stops the agents (each finishes its plan) and answers the accepted plans' latencies. */
    Measurement stop() {
        stopping.set(true);
        return running.join();
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** Plans not accepted, by reason (an HTTP status and error code, or the exception). */
    Map<String, Long> refused() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        refused.forEach((reason, n) -> counts.put(reason, n.sum()));
        return counts;
    }

    private ClosedLoop.Call agent() {
        int agent = agents.getAndIncrement();
        HttpLoadClient http = context.http();
        String url = context.system().gatewayUrl() + "/v1/actions/plan";
        long[] n = {0};
        return () -> {
            long plan = n[0]++;
            Mix.Kind kind = mix.kind(plan);
            String token = session + "-" + agent + "-" + plan;
            try {
                HttpLoadClient.Answer answer = http.post(url, context.system().agentToken(), body(kind, token));
                if (answer.status() == 202) {
                    accepted.add(new Accepted(actionId(answer.body()), kind, token, Instant.now()));
                    return true;
                }
                refuse("HTTP " + answer.status() + code(answer.body()));
            } catch (RuntimeException e) {
                refuse(
                        e.getCause() == null
                                ? e.getClass().getSimpleName()
                                : e.getCause().getClass().getSimpleName());
            }
            TimeUnit.MILLISECONDS.sleep(PAUSE_AFTER_REFUSAL.toMillis());
            return false;
        };
    }

    private void refuse(String reason) {
        refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    private String body(Mix.Kind kind, String token) throws JsonProcessingException {
        Map<String, Object> params = switch (kind) {
            case READ -> Map.of("path", SystemUnderTest.FILE);
            case EFFECT -> Map.of("command", context.effects().command(token, mix.effectSleepSeconds()));
            case HELD -> Map.of("command", "echo " + token);
        };
        String intent = kind == Mix.Kind.READ ? "file.read" : "shell.run";
        return Json.mapper()
                .writeValueAsString(Map.of("intent", intent, "params", params, "session_id", session, "wait", false));
    }

    private static String actionId(String body) {
        Matcher m = ACTION_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("A 202 without an action_id: " + body);
        }
        return m.group(1);
    }

    private static String code(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? " " + m.group(1) : "";
    }
}
