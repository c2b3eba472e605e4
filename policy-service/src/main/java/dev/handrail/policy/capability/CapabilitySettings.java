package dev.handrail.policy.capability;

import dev.handrail.policy.decision.ApprovalMode;
import dev.handrail.policy.jdbc.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Operators' per-capability settings, kept in {@code capability_settings} and cached here: the
 * cache is replaced whole on every {@link #refresh()} (after a change on this instance, and
 * periodically, so changes made through another instance arrive within the refresh interval).
 * Thread-safe: readers see one whole immutable map or the next.
 */
@Singleton
public class CapabilitySettings {

    private final Database database;
    private final AtomicReference<Map<String, CapabilitySetting>> cache = new AtomicReference<>(Map.of());

    public CapabilitySettings(Database database) {
        this.database = database;
    }

    /** The setting of one capability, if an operator made one. */
    public Optional<CapabilitySetting> of(String intent) {
        return Optional.ofNullable(cache.get().get(intent));
    }

    /** Whether the capability is enabled (it is unless an operator disabled it). */
    public boolean enabled(String intent) {
        return of(intent).map(CapabilitySetting::enabled).orElse(true);
    }

    /** The approval mode an operator set, if any. */
    public Optional<ApprovalMode> approvalMode(String intent) {
        return of(intent).map(CapabilitySetting::approvalMode);
    }

    /** Stores a setting and refreshes the cache. */
    public void save(CapabilitySetting setting) {
        database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO capability_settings "
                    + "(intent, enabled, approval_mode, changed_by, changed_at) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (intent) DO UPDATE SET enabled = EXCLUDED.enabled, approval_mode = EXCLUDED.approval_mode, "
                    + "changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at")) {
                s.setString(1, setting.intent());
                s.setBoolean(2, setting.enabled());
                s.setString(
                        3,
                        setting.approvalMode() == null
                                ? null
                                : setting.approvalMode().wire());
                s.setString(4, setting.changedBy());
                s.setTimestamp(5, Timestamp.from(setting.changedAt()));
                return s.executeUpdate();
            }
        });
        refresh();
    }

    /** Re-reads every setting from the table. */
    public void refresh() {
        cache.set(database.autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT intent, enabled, approval_mode, changed_by, changed_at FROM capability_settings");
                    ResultSet rs = s.executeQuery()) {
                Map<String, CapabilitySetting> settings = new HashMap<>();
                while (rs.next()) {
                    settings.put(
                            rs.getString(1),
                            new CapabilitySetting(
                                    rs.getString(1),
                                    rs.getBoolean(2),
                                    ApprovalMode.fromWire(rs.getString(3)).orElse(null),
                                    rs.getString(4),
                                    rs.getTimestamp(5).toInstant()));
                }
                return Map.copyOf(settings);
            }
        }));
    }
}
