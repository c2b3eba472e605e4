package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.devkit.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./handrail up --cluster} as a person runs it: the script starts three nats-servers as one
 * cluster, PostgreSQL and the five services, says so, runs an action, and stops everything on
 * Ctrl-C (SIGTERM here). The script runs what the build made ({@code HANDRAIL_NO_BUILD=1}), since
 * this test runs after it.
 */
class HandrailUpIT {

    private static final Path REPO =
            Path.of(System.getProperty("handrail.repo", "..")).toAbsolutePath().normalize();
    private static final Duration START = Duration.ofMinutes(4);

    @Test
    void upWithTheClusterOptionRunsTheSystemOnThreeNatsServersAndStopsThemAll() throws Exception {
        Path home = Files.createTempDirectory("handrail-up-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Files.writeString(workspace.resolve("hello.txt"), "hello from up --cluster");
        int port = Ports.free();
        Process up = script(home, port, "up", "--cluster").start();
        List<String> said = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> read(up, said));
        try {
            await().atMost(START)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("./handrail up ended: " + said, () -> !up.isAlive())
                    .until(() -> said.stream().anyMatch(line -> line.startsWith("Press Ctrl-C to stop.")));
            assertThat(String.join("\n", said))
                    .contains("Handrail is up.")
                    .contains("Gateway:     http://127.0.0.1:" + port)
                    .contains("a cluster of 3 servers, each stream and bucket kept on 3");
            List<ProcessHandle> natsServers = up.descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("nats-server"))
                    .toList();
            assertThat(natsServers).hasSize(3);

            Api admin = new Api(
                    "http://127.0.0.1:" + port,
                    Files.readString(home.resolve("bootstrap-token")).trim());
            Api.Answer read = admin.as("up-agent", "agent")
                    .plan(Map.of("intent", "file.read", "params", Map.of("path", "hello.txt")));
            assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
            assertThat(read.body().get("state").asText()).isEqualTo("succeeded");
            assertThat(read.body().at("/execution/output/content").asText()).isEqualTo("hello from up --cluster");

            // SIGTERM through the handle: Process.destroy would also close the output it still writes.
            up.toHandle().destroy();
            assertThat(up.waitFor(90, TimeUnit.SECONDS))
                    .as("./handrail up stops on SIGTERM")
                    .isTrue();
            assertThat(natsServers).noneMatch(ProcessHandle::isAlive);
            reading.get(10, TimeUnit.SECONDS);
            assertThat(said).contains("Stopping Handrail ...");
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
            reading.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void upRefusesAnUnknownOptionWithItsUsage() throws Exception {
        Path home = Files.createTempDirectory("handrail-up-it");
        Process up = script(home, Ports.free(), "up", "--clustr").start();
        String said = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(up.exitValue()).as(said).isEqualTo(2);
        assertThat(said).contains("Usage: ./handrail up [--cluster]");
    }

    private static ProcessBuilder script(Path home, int port, String... args) {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(REPO.resolve("handrail").toString());
        builder.command().addAll(List.of(args));
        builder.directory(REPO.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("HANDRAIL_"));
        env.put("HANDRAIL_HOME", home.toString());
        env.put("HANDRAIL_HTTP_PORT", Integer.toString(port));
        env.put("HANDRAIL_NO_BUILD", "1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    private static void read(Process process, List<String> lines) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(cannot read the output: " + e.getMessage() + ")");
        }
    }
}
