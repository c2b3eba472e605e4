package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics on each service's management port ({@code /prometheus}) after a scripted run on a
 * system of its own: the counters of planned, decided and finished actions match what ran, the
 * hop timers saw each action, policy reports the approval left pending, audit the chain head, and
 * every service the lag of the durables it consumes.
 */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static LocalSystem system;
    private static Api admin;

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-metrics-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Files.writeString(workspace.resolve("notes.txt"), "metrics");
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(new Settings(Ports.free(), home, workspace, repo, null, null, false));
        admin = Api.admin(system);
        admin.awaitNodeImplements("file.read");
        // The health leader's consumer (which the action meters read from) starts at new events.
        await().atMost(WAIT).until(() -> scrape("health-service").contains("durable=\"" + "health-breakers" + "\""));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    private static String scrape(String module) {
        return new Api(system.service(module).managementUrl(), null)
                .text("/prometheus")
                .body();
    }

    /** The value of the series {@code name{labels...}} (labels in any order), 0 when absent. */
    static double value(String scrape, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        double sum = 0;
        while (m.find()) {
            String present = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= present.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void theCountersMatchAScriptedRun() {
        Api agent = admin.as("metrics-agent", "agent");
        for (int i = 0; i < 3; i++) {
            assertThat(agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "notes.txt")))
                            .body()
                            .get("state")
                            .asText())
                    .isEqualTo("succeeded");
        }
        assertThat(agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "missing.txt")))
                        .body()
                        .get("state")
                        .asText())
                .isEqualTo("failed");
        assertThat(agent.plan(Map.of("intent", "file.write", "params", Map.of("path", "w.txt", "content", "x")))
                        .body()
                        .get("state")
                        .asText())
                .isEqualTo("pending_approval");

        await().atMost(WAIT).untilAsserted(() -> {
            String health = scrape("health-service");
            assertThat(value(health, "handrail_actions_planned_total", "intent", "file.read"))
                    .isEqualTo(4);
            assertThat(value(health, "handrail_actions_planned_total", "intent", "file.write"))
                    .isEqualTo(1);
            assertThat(value(health, "handrail_actions_decided_total", "intent", "file.read", "effect", "allow"))
                    .isEqualTo(4);
            assertThat(value(
                            health,
                            "handrail_actions_decided_total",
                            "intent",
                            "file.write",
                            "effect",
                            "require_approval"))
                    .isEqualTo(1);
            assertThat(value(health, "handrail_actions_finished_total", "intent", "file.read", "outcome", "succeeded"))
                    .isEqualTo(3);
            assertThat(value(
                            health,
                            "handrail_actions_finished_total",
                            "intent",
                            "file.read",
                            "outcome",
                            "failed",
                            "error_code",
                            "FILE_NOT_FOUND"))
                    .isEqualTo(1);
            assertThat(value(health, "handrail_action_end_to_end_seconds_count", "outcome", "succeeded"))
                    .isEqualTo(3);
            assertThat(value(health, "handrail_action_hop_seconds_count", "hop", "execute"))
                    .isEqualTo(4);
            assertThat(value(health, "handrail_capability_duration_seconds_count", "intent", "file.read"))
                    .isEqualTo(4);
            assertThat(value(health, "handrail_actions_dead_lettered_total", "intent", "file.read"))
                    .isEqualTo(1);
            assertThat(value(health, "handrail_breakers", "state", "closed")).isPositive();
        });
        await().atMost(WAIT).untilAsserted(() -> {
            String policy = scrape("policy-service");
            assertThat(value(policy, "handrail_approvals_pending")).isEqualTo(1);
            assertThat(value(policy, "handrail_kill_switch_global")).isZero();
            assertThat(value(policy, "handrail_consumer_pending", "durable", "policy"))
                    .isZero();
        });
        await().atMost(WAIT).untilAsserted(() -> {
            String audit = scrape("audit-service");
            assertThat(value(audit, "handrail_audit_chain_head")).isGreaterThanOrEqualTo(5 * 3);
            assertThat(audit).contains("handrail_audit_checkpoint_age_seconds");
            assertThat(audit).contains("durable=\"audit\"");
        });
        assertThat(scrape("executor-service")).contains("handrail_consumer_ack_pending{durable=\"executor-local\"");

        // The dashboard and the alert rules in docs/ name only series the services export.
        StringBuilder all = new StringBuilder();
        LocalSystem.modules().forEach(module -> all.append(scrape(module)));
        Path docs = Path.of(System.getProperty("handrail.repo", "..")).resolve("docs/observability");
        Matcher names = Pattern.compile("handrail_[a-z_]+")
                .matcher(read(docs.resolve("grafana-dashboard.json")) + read(docs.resolve("alerts.yml")));
        int checked = 0;
        while (names.find()) {
            assertThat(all.toString()).as("a series the docs use").contains(names.group());
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
