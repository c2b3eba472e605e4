package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.claim.ClaimKeys;
import dev.handrail.contracts.claim.ClaimSigner;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.devkit.Infrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Plays the gateway and an executor node against a running policy service. */
final class Driver {

    static final String PRINCIPAL = "agent-1";
    static final String SESSION = "session-1";
    static final String SOURCE = "/handrail/policy-test";

    /** Signs as the gateway does, with the test run's gateway key (the one policy is configured to trust). */
    static final ClaimSigner GATEWAY = new ClaimSigner(
            "gateway",
            ClaimKeys.privateKey(
                    ClaimKeys.read(Infrastructure.shared().gatewayClaimKey().privateKeyFile())),
            Duration.ofMinutes(5),
            Clock.systemUTC());

    private final Bus bus;

    Driver(Bus bus) {
        this.bus = bus;
    }

    /** Announces node {@code local} as an executor would, and waits until policy lists it. */
    void localNodeIsOnline() {
        Heartbeat beat = new Heartbeat(
                "node",
                "local",
                "executor-service",
                Instant.now(),
                Instant.now(),
                60_000,
                new Heartbeat.NodeInfo(
                        "linux", null, List.of("file.read", "file.write", "shell.run"), List.of("/tmp"), Map.of()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            bus.connection().publish(Subjects.heartbeat("node", "local"), Json.bytes(beat));
            JsonNode fileRead = capabilities().data().get("capabilities").get(0);
            assertThat(fileRead.get("nodes").toString()).contains("local");
        });
    }

    /** Announces a node offering every capability, with {@code labels}, and waits until policy lists it. */
    void nodeOnline(String node, Map<String, String> labels) {
        List<String> all = dev.handrail.contracts.capability.CapabilityCatalogue.all().stream()
                .map(dev.handrail.contracts.capability.Capability::intent)
                .toList();
        Heartbeat beat = new Heartbeat(
                "node",
                node,
                "executor-service",
                Instant.now(),
                Instant.now(),
                60_000,
                new Heartbeat.NodeInfo("linux", ":0", all, List.of("/tmp"), labels));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            bus.connection().publish(Subjects.heartbeat("node", node), Json.bytes(beat));
            JsonNode clipboard = capabilities().data().get("capabilities").get(12);
            assertThat(clipboard.get("nodes").toString()).contains(node);
        });
    }

    /** A plan by {@code principal} in {@code session}. */
    static PlanCommand plan(String intent, Map<String, Object> params, String principal, String session) {
        return new PlanCommand(
                ActionIds.next(),
                intent,
                params,
                session,
                principal,
                null,
                false,
                null,
                null,
                Map.of(),
                null,
                Instant.now());
    }

    Reply capabilities() {
        return bus.request(Subjects.QUERY_CAPABILITIES, new ListQuery(Map.of(), 50), Duration.ofSeconds(2))
                .join();
    }

    static PlanCommand plan(String intent, Map<String, Object> params) {
        return plan(intent, params, null, false);
    }

    static PlanCommand plan(String intent, Map<String, Object> params, String idempotencyKey, boolean dryRun) {
        return new PlanCommand(
                ActionIds.next(),
                intent,
                params,
                SESSION,
                PRINCIPAL,
                idempotencyKey,
                dryRun,
                null,
                null,
                Map.of("test", "policy"),
                null,
                Instant.now());
    }

    /** Sends a plan as the gateway does and returns its action id. */
    String send(PlanCommand plan) {
        bus.publish(Subjects.CMD_PLAN, signed(Envelope.of(SOURCE, plan, plan.principal(), plan.sessionId())))
                .join();
        return plan.actionId();
    }

    /** Asks one of policy's queries and waits for the reply. */
    Reply ask(String subject, Object query) {
        return bus.request(subject, query, Duration.ofSeconds(5)).join();
    }

    /** Sends an operator's decision as the gateway does. */
    void decide(String actionId, Verdict verdict, String operator) {
        DecideCommand decide = new DecideCommand(actionId, verdict, operator, "checked by " + operator);
        bus.publish(Subjects.CMD_DECIDE, signed(Envelope.of(SOURCE, decide, operator, SESSION)))
                .join();
    }

    /** {@code command} with the gateway's principal claim. */
    static Envelope signed(Envelope command) {
        return GATEWAY.sign(command, null, null);
    }
}
