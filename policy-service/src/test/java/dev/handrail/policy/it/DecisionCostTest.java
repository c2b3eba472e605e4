package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.policy.decision.Conditions;
import dev.handrail.policy.decision.DecisionMaker;
import dev.handrail.policy.decision.Proposal;
import dev.handrail.policy.rules.PolicyDocument;
import dev.handrail.policy.rules.PolicyFileParser;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A small harness for docs/benchmarks.md ("policy decision cost"): it prints decisions per second
 * in-process and the evaluate request-reply hop next to a raw NATS request-reply on the same
 * connection. It asserts only that the work was done; the numbers are for reading.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionCostTest implements TestPropertyProvider {

    private static final int IN_PROCESS = 200_000;
    private static final int HOPS = 2_000;

    @Inject
    Bus bus;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties("policy"));
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @Test
    void measuresDecisionsPerSecondInProcess() {
        StringBuilder rules = new StringBuilder("version: bench\nrules:\n");
        for (int i = 0; i < 20; i++) {
            rules.append("  - id: r").append(i).append("\n    match: {intent: shell.run, principal: \"team-").append(i)
                    .append("-*\", params: {command: \"re:^deploy ").append(i).append("\"}}\n    effect: deny\n");
        }
        PolicyDocument twentyRules = PolicyFileParser.parse(rules.toString());
        List<Proposal> proposals = List.of(
                new Proposal(CapabilityCatalogue.find("file.read").orElseThrow(), Map.of("path", "/tmp/a"), "local", "agent", "s"),
                new Proposal(CapabilityCatalogue.find("shell.run").orElseThrow(), Map.of("command", "git status && ls -la"),
                        "local", "agent", "s"),
                new Proposal(CapabilityCatalogue.find("keyboard.hotkey").orElseThrow(), Map.of("keys", "ctrl+c"), "local",
                        "agent", "s"));

        int denied = 0;
        for (int warm = 0; warm < 2; warm++) {
            long start = System.nanoTime();
            for (int i = 0; i < IN_PROCESS; i++) {
                if (DecisionMaker.decide(proposals.get(i % 3), twentyRules, Conditions.none()).effect()
                        == dev.handrail.contracts.action.Decision.Effect.DENY) {
                    denied++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (warm == 1) {
                System.out.printf("Policy decision cost in-process (20 rules, mix of file.read / parsed shell.run / "
                        + "hotkey, no database): %,.0f decisions/s%n", IN_PROCESS / seconds);
            }
        }
        assertThat(denied).isZero();
    }

    @Test
    void comparesTheEvaluateHopWithARawRequestReply() {
        bus.respond("handrail.v1.query.bench.echo", "bench", ListQuery.class, query -> Reply.ok(Map.of("ok", true)));
        PlanCommand plan = new PlanCommand(null, "file.read", Map.of("path", "/tmp/a"), "s", "agent", null, false, null,
                null, Map.of(), null, Instant.now());
        long[] raw = time(() -> bus.request("handrail.v1.query.bench.echo", new ListQuery(Map.of(), 0), Duration.ofSeconds(5)).join());
        long[] evaluate = time(() -> bus.request(Subjects.QUERY_POLICY_EVALUATE, plan, Duration.ofSeconds(5)).join());

        System.out.printf("Request-reply over NATS, %d sequential requests: raw echo p50 %.2f ms p99 %.2f ms; "
                        + "policy evaluate p50 %.2f ms p99 %.2f ms%n", HOPS, raw[0] / 1e3, raw[1] / 1e3,
                evaluate[0] / 1e3, evaluate[1] / 1e3);
        assertThat(evaluate[0]).isPositive();
    }

    private static long[] time(Runnable request) {
        for (int i = 0; i < HOPS / 4; i++) {
            request.run();
        }
        long[] micros = new long[HOPS];
        for (int i = 0; i < HOPS; i++) {
            long start = System.nanoTime();
            request.run();
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        return new long[] {micros[HOPS / 2], micros[HOPS * 99 / 100]};
    }
}
