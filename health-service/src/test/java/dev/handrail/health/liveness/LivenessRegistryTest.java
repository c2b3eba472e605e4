package dev.handrail.health.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.devkit.MutableClock;
import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivenessRegistryTest {

    private static final long INTERVAL = 1_000;
    private static final String NODE = "node:desk-1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LivenessRegistry registry = new LivenessRegistry(clock, new LivenessConfig());

    @Test
    void tracksOneEntryPerServiceInstanceAndPerNode() {
        registry.onHeartbeat(service("policy-service", "inst-a"));
        registry.onHeartbeat(service("policy-service", "inst-b"));
        registry.onHeartbeat(node("desk-1"));

        Map<String, EntryView> entries = registry.snapshot();

        assertThat(entries).containsOnlyKeys("service:policy-service/inst-a", "service:policy-service/inst-b", NODE);
        assertThat(entries.get(NODE).kind()).isEqualTo("node");
        assertThat(entries.get(NODE).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(((HeartbeatDetail) entries.get(NODE).detail()).node().os()).isEqualTo("linux");
        assertThat(entries.get("service:policy-service/inst-a").kind()).isEqualTo("service");
    }

    @Test
    void failsAnEntryWhoseHeartbeatIsOlderThanThreeIntervals() {
        registry.onHeartbeat(node("desk-1"));

        clock.advanceMillis(3 * INTERVAL);
        registry.check();
        assertThat(state()).isNotEqualTo(HealthState.FAILED);

        clock.advanceMillis(1);
        registry.check();
        EntryView entry = registry.snapshot().get(NODE);
        assertThat(entry.state()).isEqualTo(HealthState.FAILED);
        assertThat(entry.consecutiveFailures()).isEqualTo(3);
        assertThat(entry.lastError()).contains("No heartbeat for 3001 ms");
        assertThat(entry.lastOk()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void degradesAnEntryWhoseHeartbeatIsLateButNotOverdue() {
        registry.onHeartbeat(node("desk-1"));

        clock.advanceMillis(2 * INTERVAL);
        registry.check();

        assertThat(state()).isEqualTo(HealthState.DEGRADED);
        registry.onHeartbeat(node("desk-1"));
        clock.advanceMillis(INTERVAL);
        registry.onHeartbeat(node("desk-1"));
        assertThat(state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aFailedEntryIsRecoveringWhenItsHeartbeatReturns() {
        failNode();

        registry.onHeartbeat(node("desk-1"));

        EntryView entry = registry.snapshot().get(NODE);
        assertThat(entry.state()).isEqualTo(HealthState.RECOVERING);
        assertThat(entry.consecutiveFailures()).isZero();
        assertThat(entry.lastOk()).isEqualTo(clock.instant());
    }

    @Test
    void aRecoveringEntryIsHealthyAfterThreeOnTimeHeartbeats() {
        failNode();
        registry.onHeartbeat(node("desk-1"));

        beatOnTime(2);
        assertThat(state()).isEqualTo(HealthState.RECOVERING);

        beatOnTime(1);
        assertThat(state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aLateHeartbeatWhileRecoveringStartsTheCountAgain() {
        failNode();
        registry.onHeartbeat(node("desk-1"));
        beatOnTime(2);

        clock.advanceMillis(2 * INTERVAL);
        registry.onHeartbeat(node("desk-1"));
        beatOnTime(2);
        assertThat(state()).isEqualTo(HealthState.RECOVERING);

        beatOnTime(1);
        assertThat(state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aHeartbeatAfterAMissedCheckStillGoesThroughFailedToRecovering() {
        registry.onHeartbeat(node("desk-1"));

        clock.advanceMillis(10 * INTERVAL);
        registry.onHeartbeat(node("desk-1"));

        assertThat(state()).isEqualTo(HealthState.RECOVERING);
    }

    @Test
    void forgetsLongFailedServiceInstancesButKeepsNodes() {
        registry.onHeartbeat(service("policy-service", "gone"));
        registry.onHeartbeat(node("desk-1"));

        clock.advance(Duration.ofMinutes(6));
        registry.check();

        assertThat(registry.snapshot()).containsOnlyKeys(NODE);
        assertThat(state()).isEqualTo(HealthState.FAILED);
    }

    @Test
    void ignoresHeartbeatsThatNameNoSender() {
        assertThat(registry.onHeartbeat(new Heartbeat("service", "x", null, null, clock.instant(), INTERVAL, null)))
                .isFalse();
        assertThat(registry.onHeartbeat(new Heartbeat("toaster", "x", "t", null, clock.instant(), INTERVAL, null)))
                .isFalse();
        assertThat(registry.onHeartbeat(new Heartbeat("node", "bad id", null, null, clock.instant(), INTERVAL, null)))
                .isFalse();
        assertThat(registry.onHeartbeat(new Heartbeat("node", "n", null, null, clock.instant(), 0, null)))
                .isFalse();
        assertThat(registry.snapshot()).isEmpty();
    }

    private void failNode() {
        registry.onHeartbeat(node("desk-1"));
        clock.advanceMillis(4 * INTERVAL);
        registry.check();
        assertThat(state()).isEqualTo(HealthState.FAILED);
    }

    private void beatOnTime(int times) {
        for (int i = 0; i < times; i++) {
            clock.advanceMillis(INTERVAL);
            registry.onHeartbeat(node("desk-1"));
        }
    }

    private HealthState state() {
        return registry.snapshot().get(NODE).state();
    }

    private Heartbeat service(String name, String instance) {
        return new Heartbeat("service", instance, name, clock.instant(), clock.instant(), INTERVAL, null);
    }

    private Heartbeat node(String id) {
        return new Heartbeat(
                "node",
                id,
                "executor-service",
                clock.instant(),
                clock.instant(),
                INTERVAL,
                new Heartbeat.NodeInfo("linux", ":0", List.of("file.read"), List.of("/tmp"), Map.of()));
    }
}
