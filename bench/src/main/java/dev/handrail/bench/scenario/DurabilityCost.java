package dev.handrail.bench.scenario;

import dev.handrail.bench.report.Comparison;
import dev.handrail.bench.report.ScenarioResult;
import dev.handrail.bench.stats.Goal;
import dev.handrail.bench.stats.Numbers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * What the durable default costs: the sustained load once more with PostgreSQL's
 * {@code synchronous_commit} turned off for the services' database (the embedded library's own
 * default, under which a crash of PostgreSQL can lose commits already acknowledged), compared
 * with the sustained run under the durable default ({@code on}) measured just before. The services
 * that use the database are restarted so their new sessions take the setting, warmed up, and
 * restarted again afterwards with the setting back as it was.
 */
public final class DurabilityCost implements Scenario {

    static final String NAME = "safe actions end to end, sustained, 64 clients, synchronous_commit off";
    /** The services with a database connection pool: their sessions read the setting when they open. */
    static final List<String> WITH_DATABASE = List.of("policy-service", "audit-service", "health-service");

    private final Sustained durable;

    /** Compares with {@code durable}, the sustained load under the durable default (run before this). */
    public DurabilityCost(Sustained durable) {
        this.durable = durable;
    }

    @Override
    public ScenarioResult run(BenchContext context) {
        String jdbcUrl = context.system().jdbcUrl();
        String before = setting(jdbcUrl);
        Sustained.Outcome relaxed;
        try {
            setForDatabase(jdbcUrl, "off");
            restartWithDatabase(context);
            relaxed = Sustained.load(context, NAME, context.system().gatewayUrls(), (id, at) -> {});
        } finally {
            resetForDatabase(jdbcUrl);
            restartWithDatabase(context);
        }
        Sustained.Outcome on = durable.outcome();
        double ratio = on.actions().perSecond() / relaxed.actions().perSecond();
        return new ScenarioResult(
                "durability_cost",
                "What synchronous commit costs (sustained, 64 clients)",
                List.of(relaxed.actions(), relaxed.lag()),
                List.of(
                        Comparison.of(
                                "throughput with synchronous_commit on",
                                "actions/s",
                                on.actions().perSecond(),
                                "synchronous_commit off",
                                relaxed.actions().perSecond(),
                                Goal.ratioAtLeast(0.9)),
                        Comparison.of(
                                "p99 with synchronous_commit on",
                                "ms",
                                on.actions().p99Ms(),
                                "synchronous_commit off",
                                relaxed.actions().p99Ms(),
                                Goal.ratioAtMost(1.25))),
                relaxed.cores(),
                List.of(
                        "The durable default (synchronous_commit " + before
                                + ", fsync on) against synchronous_commit off"
                                + " for the services' database, everything else alike: "
                                + Numbers.compact(on.actions().perSecond()) + " against "
                                + Numbers.compact(relaxed.actions().perSecond()) + " actions/s ("
                                + Numbers.ratio(ratio) + "), p50 "
                                + Numbers.compact(on.actions().p50Ms())
                                + " against "
                                + Numbers.compact(relaxed.actions().p50Ms()) + " ms.",
                        "With synchronous_commit off, a crash of PostgreSQL can lose the last commits the services"
                                + " had already acknowledged (approvals, audit rows); the default keeps it on"
                                + " (docs/operations.md, \"What a crash can cost\").",
                        "policy, audit and health were restarted (and warmed up) to take the setting, and"
                                + " restarted again afterwards to put it back."));
    }

    private static void restartWithDatabase(BenchContext context) {
        WITH_DATABASE.forEach(module -> context.system().restart(module));
        WarmUp.run(context);
    }

    private static String setting(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read synchronous_commit: " + e.getMessage(), e);
        }
    }

    private static void setForDatabase(String jdbcUrl, String value) {
        execute(jdbcUrl, "ALTER DATABASE " + database(jdbcUrl) + " SET synchronous_commit = " + value);
    }

    private static void resetForDatabase(String jdbcUrl) {
        execute(jdbcUrl, "ALTER DATABASE " + database(jdbcUrl) + " RESET synchronous_commit");
    }

    private static void execute(String jdbcUrl, String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The database name of a JDBC URL ({@code jdbc:postgresql://host:port/name?...}). */
    static String database(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        int slash = path.indexOf('/');
        int query = path.indexOf('?');
        String name = path.substring(slash + 1, query < 0 ? path.length() : query);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name in " + jdbcUrl);
        }
        return name;
    }

    @Override
    public List<String> profiled() {
        return List.of();
    }

    @Override
    public void rerun(BenchContext context, Duration window) {
        throw new UnsupportedOperationException("The durability cost is not profiled");
    }
}
