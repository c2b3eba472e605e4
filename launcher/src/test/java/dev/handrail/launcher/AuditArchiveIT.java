package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.devkit.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archiving sealed audit segments while the real system runs: the archive command (as the owner of
 * the audit tables) moves them into files, the service keeps verifying and appending across the cut,
 * the trail of an archived action names its file, and the files with an export of the rest verify
 * offline as one chain.
 */
class AuditArchiveIT {

    private static final Duration WAIT = Duration.ofSeconds(180);

    private static LocalSystem system;
    private static Api api;
    private static Path workspace;
    private static Path home;

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        home = Files.createTempDirectory("handrail-audit-archive-it");
        workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of("HANDRAIL_AUDIT_CHECKPOINT_EVERY_EVENTS", "5"));
        api = Api.admin(system);
        api.awaitNodeImplements("file.read");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void archivedSegmentsLeaveTheStoreWhileVerifyTrailsAndOfflineVerificationHold() throws Exception {
        Files.writeString(workspace.resolve("a.txt"), "archive me");
        String first = readFile();
        for (int i = 0; i < 3; i++) {
            readFile();
        }
        JsonNode firstEvents =
                api.get("/v1/audit-trails/" + first).body().get("trail").get("events");
        long firstDone = firstEvents.get(firstEvents.size() - 1).get("seq").asLong();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode sealed = api.get("/v1/audit/verify").body();
            assertThat(sealed.get("last_checkpoint_seq").asLong()).isGreaterThanOrEqualTo(firstDone);
            assertThat(sealed.get("head_seq").asLong())
                    .isGreaterThan(sealed.get("last_checkpoint_seq").asLong());
        });
        Path key = Files.writeString(
                home.resolve("audit-key.json"),
                api.get("/v1/audit/public-key").body().toString());
        Path archive = home.resolve("archive");

        AuditJar.Run archived = AuditJar.run(
                system,
                "dev.handrail.audit.archive.ArchiveCommand",
                "--before",
                Instant.now().toString(),
                "--to",
                archive.toString(),
                "--segment-events",
                "5",
                "--min-age",
                "0m",
                "--db-url",
                system.infrastructure().jdbcUrl());

        assertThat(archived.exit()).as(archived.output()).isZero();
        assertThat(archived.output()).startsWith("Archived seqs 1..");
        JsonNode verify = api.get("/v1/audit/verify").body();
        assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
        long through = verify.get("archived_through_seq").asLong();
        assertThat(through).isGreaterThanOrEqualTo(firstDone);
        assertThat(verify.get("from_seq").asLong()).isEqualTo(through + 1);
        assertThat(verify.get("archived_segments").asInt()).isPositive();

        JsonNode trail = api.get("/v1/audit-trails/" + first).body().get("trail");
        assertThat(trail.get("events")).isEmpty();
        assertThat(trail.get("archived").get(0).get("file").asText()).startsWith("audit-segment-");
        assertThat(api.get("/v1/actions/" + first)
                        .body()
                        .get("action")
                        .get("state")
                        .asText())
                .isEqualTo("succeeded");

        readFile();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode again = api.get("/v1/audit/verify").body();
            assertThat(again.get("intact").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.get("head_seq").asLong())
                    .isGreaterThan(verify.get("head_seq").asLong());
        });

        Path hot = home.resolve("hot.jsonl");
        Files.write(hot, api.bytes("/v1/audit/export").body());
        List<String> args = new ArrayList<>(List.of("--public-key", key.toString()));
        try (Stream<Path> files = Files.list(archive)) {
            files.map(Path::toString).sorted().forEach(args::add);
        }
        args.add(hot.toString());
        AuditJar.Run offline =
                AuditJar.run(system, "dev.handrail.audit.cli.VerifyCommand", args.toArray(String[]::new));
        assertThat(offline.exit()).as(offline.output()).isZero();
        assertThat(offline.output()).contains("events verified (seq 1..");
    }

    private String readFile() {
        Api.Answer answer = api.plan(Map.of("intent", "file.read", "params", Map.of("path", "a.txt")));
        String id = answer.body().get("action_id").asText();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get("/v1/actions/" + id)
                                .body()
                                .get("action")
                                .get("state")
                                .asText())
                        .isEqualTo("succeeded"));
        return id;
    }
}
