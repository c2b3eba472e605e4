package dev.handrail.policy.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.message.Heartbeat;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.devkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeDirectoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final NodeDirectory directory = new NodeDirectory(clock);

    @Test
    void knowsNothingOfANodeNeverHeardFrom() {
        assertThat(directory.onlineCapabilities("local")).isEmpty();
        assertThat(directory.onlineCapabilities(null)).isEmpty();
    }

    @Test
    void offersWhatTheLatestHeartbeatLists() {
        directory.record(node("local", 1_000, "file.read"));
        directory.record(node("local", 1_000, "file.read", "shell.run"));

        assertThat(directory.onlineCapabilities("local")).contains(Set.of("file.read", "shell.run"));
    }

    @Test
    void staysOnlineForThreeIntervalsThenGoesOffline() {
        directory.record(node("local", 1_000, "file.read"));

        clock.advance(Duration.ofMillis(3_000));
        assertThat(directory.onlineCapabilities("local")).isPresent();
        assertThat(directory.online()).extracting(NodeStatus::id).containsExactly("local");

        clock.advance(Duration.ofMillis(1));
        assertThat(directory.onlineCapabilities("local")).isEmpty();
        assertThat(directory.online()).isEmpty();
    }

    @Test
    void ignoresServiceHeartbeats() {
        directory.record(
                new Heartbeat("service", "audit-1", "audit-service", clock.instant(), clock.instant(), 1_000, null));

        assertThat(directory.online()).isEmpty();
    }

    @Test
    void takesTheVirtualScreenFromTheHeartbeatElseFromItsLabel() {
        directory.record(new Heartbeat(
                "node",
                "win",
                "executor-service",
                clock.instant(),
                clock.instant(),
                1_000,
                new Heartbeat.NodeInfo(
                        "windows",
                        null,
                        List.of("mouse.click"),
                        List.of(),
                        Map.of("virtual_screen", "0,0,10,10"),
                        new dev.handrail.contracts.message.ScreenBounds(-1_920, -200, 3_840, 1_280))));
        directory.record(new Heartbeat(
                "node",
                "old",
                "executor-service",
                clock.instant(),
                clock.instant(),
                1_000,
                new Heartbeat.NodeInfo(
                        "linux", ":0", List.of("mouse.click"), List.of(), Map.of("virtual_screen", "0,0,1920,1080"))));

        assertThat(directory.screenBounds("win")).contains(new ScreenBounds(-1_920, -200, 3_840, 1_280));
        assertThat(directory.screenBounds("old")).contains(new ScreenBounds(0, 0, 1_920, 1_080));
        assertThat(directory.screenBounds("local")).isEmpty();
    }

    private Heartbeat node(String id, long intervalMs, String... capabilities) {
        return new Heartbeat(
                "node",
                id,
                "executor-service",
                clock.instant(),
                clock.instant(),
                intervalMs,
                new Heartbeat.NodeInfo("linux", ":0", List.of(capabilities), List.of("/tmp"), Map.of()));
    }
}
