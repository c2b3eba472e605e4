package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.devkit.Ports;
import dev.handrail.executor.desktop.x11.XServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sensitive inputs at rest, end to end: typed text, clipboard text and file content travel to the
 * executor in the execute command and nowhere else. After the actions end, no message of any
 * JetStream stream and no row of any table of any database holds them. The desktop actions run
 * under Xvfb when it is installed; without a desktop they are rejected or fail, and must not leak
 * either way.
 */
class SensitiveInputsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Set<String> ENDED =
            Set.of("succeeded", "failed", "dead_lettered", "denied", "expired", "rejected");
    /** JetStream's error code for a message that is not (or no longer) in the stream. */
    private static final int NO_MESSAGE = 10037;

    private static XServer server;
    private static LocalSystem system;
    private static Path workspace;
    private static Api agent;
    private static Api operator;

    @BeforeAll
    static void startSystem() throws IOException {
        // Reads are eventually consistent (audit projects the feed): a 404 or a missing field
        // while waiting means "not yet", not failure.
        Awaitility.ignoreExceptionsByDefault();
        Path home = Files.createTempDirectory("handrail-sensitive-it");
        workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        Map<String, String> desktop = Map.of();
        if (XServer.xvfb().isPresent()) {
            server = XServer.start(false);
            desktop = Map.of("DISPLAY", server.display(), "HANDRAIL_DESKTOP", "x11");
        }
        system = LocalSystem.start(new Settings(Ports.free(), home, workspace, repo, null, null, false), desktop);
        Api admin = Api.admin(system);
        agent = admin.as("sensitive-it-agent", "agent");
        operator = admin.as("sensitive-it-operator", "operator");
        admin.awaitNodeImplements("file.write");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noStreamAndNoTableKeepsTypedTextClipboardTextOrFileContent() throws Exception {
        String typed = "MARKER-TYPED-" + System.nanoTime();
        String clipboard = "MARKER-CLIP-" + System.nanoTime();
        String content = "MARKER-FILE-" + System.nanoTime();

        String typing = plan("keyboard.type", Map.of("text", typed));
        String writing = plan("file.write", Map.of("path", "sensitive.txt", "content", content));
        String copying = plan("clipboard.write", Map.of("text", clipboard));
        await().atMost(WAIT).untilAsserted(() -> assertThat(state(writing)).isEqualTo("pending_approval"));
        assertThat(operator.get("/v1/approvals/" + writing)
                        .body()
                        .path("pending_inputs")
                        .path("content")
                        .asText())
                .isEqualTo(content);
        for (String id : List.of(typing, writing)) {
            // keyboard.type is rejected at once where the node has no desktop; otherwise it waits like file.write.
            await().atMost(WAIT).untilAsserted(() -> assertThat(state(id)).isIn("pending_approval", "rejected"));
            if (state(id).equals("pending_approval")) {
                assertThat(operator.post("/v1/actions/" + id + "/approve", "").status())
                        .isLessThan(500);
            }
        }
        for (String id : List.of(typing, writing, copying)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(state(id)).isIn(ENDED));
        }

        assertThat(state(writing)).isEqualTo("succeeded");
        assertThat(Files.readString(workspace.resolve("sensitive.txt"))).isEqualTo(content);
        List<String> markers = List.of(typed, clipboard, content);
        // The executor acknowledges an execute command (and the work queue drops it) once its last event is stored.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(streamsHolding(markers)).isEmpty());
        assertThat(tablesHolding(markers)).isEmpty();
        // The same scans do find the digest that stands for the file content, in the feed and in the tables.
        String digest =
                SensitiveParams.digest(content).get(SensitiveParams.SHA256).toString();
        assertThat(streamsHolding(List.of(digest))).anyMatch(found -> found.startsWith("HANDRAIL_EVENTS"));
        assertThat(tablesHolding(List.of(digest)))
                .anyMatch(found -> found.contains(".policy_actions holds"))
                .anyMatch(found -> found.contains(".events holds"));
        assertThat(operator.get("/v1/approvals/" + writing).body().has("pending_inputs"))
                .isFalse();
    }

    private static String plan(String intent, Map<String, Object> params) {
        Api.Answer answer = agent.plan(Map.of("intent", intent, "params", params));
        assertThat(answer.status()).as(answer.body().toString()).isLessThan(500);
        return answer.body().get("action_id").asText();
    }

    private static String state(String id) {
        return operator.get("/v1/actions/" + id)
                .body()
                .path("action")
                .path("state")
                .asText();
    }

    /** Every message of every stream (read as the admin identity) that holds one of the markers, by stream and sequence. */
    private static List<String> streamsHolding(List<String> markers) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection nats = Nats.connect(system.infrastructure().natsUrlFor("admin"))) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            for (String stream : jsm.getStreamNames()) {
                StreamInfo info = jsm.getStreamInfo(stream);
                if (info.getStreamState().getMsgCount() == 0) {
                    continue; // an empty stream (the artifacts bucket before any capture) has no sequence 0 to read
                }
                for (long seq = info.getStreamState().getFirstSequence();
                        seq <= info.getStreamState().getLastSequence();
                        seq++) {
                    String text;
                    try {
                        text = new String(jsm.getMessage(stream, seq).getData(), StandardCharsets.UTF_8);
                    } catch (JetStreamApiException e) {
                        if (e.getApiErrorCode() == NO_MESSAGE) {
                            continue;
                        }
                        throw e;
                    }
                    for (String marker : markers) {
                        if (text.contains(marker)) {
                            found.add(stream + " #" + seq + " holds " + marker);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Every row of every table of every database on the server, as text, that holds one of the markers. */
    private static List<String> tablesHolding(List<String> markers) throws SQLException {
        String serverUrl = system.infrastructure().jdbcUrl();
        List<String> found = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        try (var c = DriverManager.getConnection(serverUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        assertThat(databases).isNotEmpty();
        for (String database : databases) {
            try (var c = DriverManager.getConnection(withDatabase(serverUrl, database));
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables "
                                + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rows = s.executeQuery("SELECT t::text FROM " + table + " AS t")) {
                        while (rows.next()) {
                            String row = rows.getString(1);
                            for (String marker : markers) {
                                if (row.contains(marker)) {
                                    found.add(database + "." + table + " holds " + marker + ": " + row);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}
