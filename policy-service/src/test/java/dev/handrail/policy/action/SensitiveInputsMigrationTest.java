package dev.handrail.policy.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Infrastructure;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class SensitiveInputsMigrationTest {

    @Test
    void digestsTheSensitiveValuesOfRowsPlannedBeforeAndKeepsThoseOfPendingApprovalsAside() throws SQLException {
        String url = Infrastructure.shared().newDatabase("policy_migration");
        migrate(url, "3");
        try (Connection c = DriverManager.getConnection(url)) {
            insert(c, "a-pending", "keyboard.type", "{\"text\": \"MARKER-typed ü\", \"delay_ms\": 5}", "pending");
            insert(c, "a-done", "file.write", "{\"path\": \"/tmp/a\", \"content\": \"MARKER-file\"}", "approved");
            insert(c, "a-clip", "clipboard.write", "{\"text\": \"MARKER-clip\"}", "allowed");
            insert(c, "a-shell", "shell.run", "{\"command\": \"ls\"}", "allowed");

            migrate(url, null);

            assertThat(params(c, "a-pending"))
                    .isEqualTo(Map.of("text", SensitiveParams.digest("MARKER-typed ü"), "delay_ms", 5));
            assertThat(params(c, "a-done"))
                    .isEqualTo(Map.of("path", "/tmp/a", "content", SensitiveParams.digest("MARKER-file")));
            assertThat(params(c, "a-clip")).isEqualTo(Map.of("text", SensitiveParams.digest("MARKER-clip")));
            assertThat(params(c, "a-shell")).isEqualTo(Map.of("command", "ls"));
            assertThat(inputs(c)).isEqualTo(Map.of("a-pending", Map.of("text", "MARKER-typed ü")));
        }
    }

    private static void migrate(String url, String target) {
        var config = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    private static void insert(Connection c, String id, String intent, String params, String state)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO policy_actions (action_id, intent, params, node, "
                + "timeout_ms, max_retries, content_hash, validation, state) VALUES (?, ?, ?::json, 'local', 1000, 0, 'h', "
                + "'{}'::jsonb, ?)")) {
            s.setString(1, id);
            s.setString(2, intent);
            s.setString(3, params);
            s.setString(4, state);
            s.executeUpdate();
        }
    }

    private static Map<String, Object> params(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT params FROM policy_actions WHERE action_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return json(rs.getString(1));
            }
        }
    }

    private static Map<String, Map<String, Object>> inputs(Connection c) throws SQLException {
        Map<String, Map<String, Object>> all = new java.util.HashMap<>();
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT action_id, inputs FROM policy_action_inputs")) {
            while (rs.next()) {
                all.put(rs.getString(1), json(rs.getString(2)));
            }
        }
        return all;
    }

    private static Map<String, Object> json(String text) {
        try {
            return Json.mapper().readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
