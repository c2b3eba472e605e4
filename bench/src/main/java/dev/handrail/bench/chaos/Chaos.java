package dev.handrail.bench.chaos;

import dev.handrail.bench.system.SystemUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./handrail chaos}: starts the system with durable settings (a kept home: PostgreSQL with
 * fsync and synchronous commit, the JetStream file store kept across a restart), runs each fault
 * scenario in turn under a load of concurrent agents, and writes {@code docs/reliability.md} (its
 * generated part). Options: {@code --only 1,3} for some scenarios, {@code --quick} for the small
 * load of the test profile, {@code --out <dir>} to write somewhere else than {@code docs/}. Exits
 * with 1 when a row shows something lost, run twice, stored twice or missing from the chain.
 */
public final class Chaos {

    private static final Logger LOG = LoggerFactory.getLogger(Chaos.class);
    /** How long a held action waits for a person before it expires, in this run. */
    static final Duration APPROVAL_TTL = Duration.ofSeconds(10);

    private Chaos() {}

    /** Every scenario, in the order of the report. */
    static List<ChaosScenario> scenarios() {
        return List.of(
                new AuditKilled(),
                new NatsRestarted(),
                new PostgresKilled(),
                new ExecutorKilled(),
                new PolicyKilled(),
                new EverythingRestarted(),
                new KillSwitchEngaged(),
                new ClusterLeaderLost());
    }

    /**
     * The scenarios the test profile runs: each takes a minute or two with the quick budget. Policy
     * killed (5) and every service restarted (6) hold too, but take several minutes each (a service
     * start under load, the backlog it left): they run in {@code ./handrail chaos}. The kill switch
     * (8) does not hold every time yet: an execute command delivered before the switch reached its
     * executor can start after the switch's answer (docs/reliability.md, "Still open").
     */
    public static final Set<Integer> QUICK = Set.of(1, 2, 3, 4, 9);

    public static void main(String[] args) {
        List<String> options = List.of(args);
        ChaosBudget budget = options.contains("--quick") ? ChaosBudget.quick() : ChaosBudget.full();
        Set<Integer> only = only(options);
        Path repo = Path.of(System.getProperty("handrail.repo", "."))
                .toAbsolutePath()
                .normalize();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        List<ChaosRow> rows = run(repo, budget, only);
        int out = options.indexOf("--out");
        Path docs = out >= 0 && out + 1 < options.size()
                ? Path.of(options.get(out + 1)).toAbsolutePath()
                : repo.resolve("docs");
        Path file = write(docs, ChaosReport.render(rows, budget.mode(), startedAt, (System.nanoTime() - t0) / 1e9));
        boolean clean = rows.stream().allMatch(ChaosRow::clean);
        LOG.info("Wrote {}: {}", file, clean ? "every row holds" : "NOT every row holds");
        System.exit(clean ? 0 : 1);
    }

    /**
     * Runs the scenarios numbered in {@code only} (all when empty), a row each: those on one
     * nats-server on one durable system, those on a cluster on a second one.
     */
    public static List<ChaosRow> run(Path repo, ChaosBudget budget, Set<Integer> only) {
        EffectLog effects = EffectLog.create();
        List<ChaosRow> rows = new ArrayList<>();
        Map<Integer, List<ChaosScenario>> bySystem = new TreeMap<>();
        for (ChaosScenario scenario : scenarios()) {
            if (only.isEmpty() || only.contains(scenario.number())) {
                bySystem.computeIfAbsent(scenario.natsServers(), n -> new ArrayList<>())
                        .add(scenario);
            }
        }
        for (Map.Entry<Integer, List<ChaosScenario>> group : bySystem.entrySet()) {
            int servers = group.getKey();
            LOG.info(
                    "Starting the system with durable settings on {} ({} run) ...",
                    servers == 1 ? "one nats-server" : "a cluster of " + servers + " nats-servers",
                    budget.mode());
            try (SystemUnderTest system = SystemUnderTest.start(repo, true, policy(), environment(effects), servers);
                    ChaosContext context = new ChaosContext(system, budget, effects)) {
                for (ChaosScenario scenario : group.getValue()) {
                    LOG.info("Scenario {}: {} ...", scenario.number(), scenario.title());
                    rows.add(runOrReport(context, scenario));
                }
            } catch (Exception e) {
                throw new IllegalStateException("The chaos run failed: " + e.getMessage(), e);
            }
        }
        rows.sort(Comparator.comparingInt(ChaosRow::number));
        return rows;
    }

    /** The scenario's row; a scenario that could not run is a row that says why, and the run goes on. */
    private static ChaosRow runOrReport(ChaosContext context, ChaosScenario scenario) {
        try {
            return ChaosRun.run(context, scenario);
        } catch (Exception e) {
            LOG.warn("Scenario {} could not run", scenario.number(), e);
            return new ChaosRow(
                    scenario.number(),
                    scenario.title(),
                    "–",
                    scenario.fault(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    null,
                    List.of(),
                    List.of("the scenario could not run: " + e.getMessage()));
        }
    }

    /** The benchmark's policy, with the effect script allowed without a person (other {@code shell.run}s are held). */
    private static String policy() {
        return SystemUnderTest.policy(
                "chaos-1",
                "The built-in policy with budgets the load cannot reach; the harness's effect script runs unheld.",
                """

                  - id: chaos-effect
                    description: the fault harness's effect script (one line per run)
                    match:
                      intent: shell.run
                      params:
                        command: "re:%s "
                    effect: allow\
                """.formatted(EffectLog.SCRIPT));
    }

    private static Map<String, String> environment(EffectLog effects) {
        return Map.of(
                "HANDRAIL_EXECUTOR_SHELL_ALLOWED_EXECUTABLES", effects.script() + ",echo",
                "HANDRAIL_POLICY_APPROVAL_TTL", APPROVAL_TTL.toSeconds() + "s");
    }

    private static Set<Integer> only(List<String> options) {
        int at = options.indexOf("--only");
        if (at < 0) {
            return Set.of();
        }
        String list = at + 1 < options.size() ? options.get(at + 1) : "";
        if (!list.matches("[0-9]+(,[0-9]+)*")) {
            System.err.println("--only needs scenario numbers, e.g. --only 1,3");
            System.exit(2);
        }
        return Arrays.stream(list.split(",")).map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static Path write(Path docs, String generated) {
        try {
            Files.createDirectories(docs);
            Path md = docs.resolve("reliability.md");
            String existing = Files.exists(md) ? Files.readString(md) : null;
            Files.writeString(md, ChaosReport.merge(existing, generated));
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report into " + docs, e);
        }
    }
}
