package dev.handrail.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bench.stats.Measurement;
import dev.handrail.bench.stats.Numbers;
import dev.handrail.bench.system.AuditDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario: the load for the budget's time before the fault, the fault, the load for the
 * time after it, then a bounded wait for every accepted plan to settle, and the count, from the
 * outside (the HTTP API, the audit store, the effect log), of what was lost, run twice, stored
 * twice or missing from the chain, and how long the system took to accept and settle plans again.
 */
final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final Duration VERIFY_WAIT = Duration.ofSeconds(120);
    /** Stored more than once when a command is run again: a read on redelivery; an effect's is counted as run twice. */
    private static final Set<String> RUN_AGAIN = Set.of("executing");

    private ChaosRun() {}

    static ChaosRow run(ChaosContext context, ChaosScenario scenario) throws Exception {
        ChaosBudget budget = context.budget();
        String session = "chaos-" + scenario.number() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        AgentLoad load = new AgentLoad(context, session, scenario.mix());
        Instant loadStart = Instant.now();
        load.start();
        sleep(budget.before());
        LOG.info("Scenario {} ({}): injecting the fault: {}", scenario.number(), scenario.title(), scenario.fault());
        Fault fault;
        try {
            fault = scenario.inject(context);
        } catch (Exception e) {
            load.stop();
            throw e;
        }
        LOG.info(
                "Scenario {}: the fault is over; load for {} s more",
                scenario.number(),
                budget.after().toSeconds());
        sleep(budget.after());
        Measurement plans = load.stop();
        Duration loaded = Duration.between(loadStart, Instant.now());
        List<AgentLoad.Accepted> accepted = load.accepted();
        LOG.info("Scenario {}: {} plans accepted; waiting for them to settle", scenario.number(), accepted.size());
        Settled settled = Settled.await(context, accepted, budget.settle());
        return row(context, scenario, fault, settled, load.refused(), plans, loaded);
    }

    private static ChaosRow row(
            ChaosContext context,
            ChaosScenario scenario,
            Fault fault,
            Settled settled,
            Map<String, Long> refused,
            Measurement plans,
            Duration loaded) {
        Ledger ledger = settled.ledger();
        Checked checked = scenario.check(context, settled, fault);
        List<String> violations = new ArrayList<>(checked.broken());
        long settledCount = 0;
        long storedTwice = 0;
        long executedTwice = 0;
        long readsRunAgain = 0;
        Map<String, Long> failures = new TreeMap<>();
        for (AgentLoad.Accepted plan : settled.accepted()) {
            String id = plan.actionId();
            if (ledger.settledAt(id).isPresent()) {
                settledCount++;
            }
            boolean read = plan.kind() == Mix.Kind.READ;
            if (!ledger.repeated(id, RUN_AGAIN).isEmpty() || ledger.outcomes(id) > 1) {
                storedTwice++;
                LOG.warn("Action {} ({}) has events stored twice: {}", id, plan.kind(), ledger.of(id));
            }
            if (read && ledger.count(id, "executing") > 1) {
                readsRunAgain++;
            }
            if (plan.kind() == Mix.Kind.EFFECT) {
                if (settled.runs(plan) > 1 || ledger.count(id, "executing") > 1) {
                    executedTwice++;
                    LOG.warn(
                            "Action {} ran {} times ({} executing events)",
                            id,
                            settled.runs(plan),
                            ledger.count(id, "executing"));
                }
                if (ledger.count(id, "succeeded") > 0 && settled.runs(plan) == 0) {
                    violations.add("action " + id + " succeeded but its effect is not in the effect log");
                }
            }
            ledger.failure(id).ifPresent(code -> failures.merge(code, 1L, Long::sum));
        }
        long lost = settled.accepted().size() - settledCount;
        AuditDb.ChainCheck chain;
        long fromSeq;
        try (AuditDb audit = new AuditDb(context.system().jdbcUrl())) {
            chain = audit.check();
            fromSeq = audit.firstSeq(settled.accepted().stream()
                    .map(AgentLoad.Accepted::actionId)
                    .toList());
        }
        storedTwice += chain.duplicateIds();
        long gaps = gaps(context, chain, fromSeq, violations);
        Duration recovery = recovery(settled, fault);
        List<String> notes = new ArrayList<>(fault.notes());
        notes.addAll(checked.notes());
        notes.add(Numbers.compact(plans.perSecond()) + " plans/s accepted, p99 " + Numbers.compact(plans.p99Ms())
                + " ms");
        if (!refused.isEmpty()) {
            notes.add("not accepted: " + describe(refused));
        }
        if (!failures.isEmpty()) {
            notes.add("failed: " + describe(failures));
        }
        if (readsRunAgain > 0) {
            notes.add(readsRunAgain + " reads run again on redelivery (idempotent)");
        }
        ChaosBudget budget = context.budget();
        Mix mix = scenario.mix();
        String load = budget.clients() + " agents for " + loaded.toSeconds() + " s ("
                + budget.before().toSeconds()
                + " s before the fault); " + mix.effectPercent() + "% effects"
                + (mix.effectSleepSeconds() > 0 ? " of " + mix.effectSleepSeconds() + " s" : "")
                + (mix.heldPercent() > 0 ? ", " + mix.heldPercent() + "% held for approval" : "") + ", "
                + (100 - mix.effectPercent() - mix.heldPercent()) + "% reads";
        ChaosRow row = new ChaosRow(
                scenario.number(),
                scenario.title(),
                load,
                scenario.fault(),
                settled.accepted().size(),
                settledCount,
                lost,
                executedTwice,
                storedTwice,
                gaps,
                recovery,
                notes,
                violations);
        LOG.info("Scenario {}: {}", scenario.number(), row);
        return row;
    }

    /**
     * Seqs missing from the whole chain, links that do not chain (by SQL), and (as one more) a
     * verification over HTTP of the scenario's part of the chain, from {@code fromSeq} (its first
     * event), that does not answer intact and complete once audit has caught up with the store. The
     * API walks a chain in one request within the gateway's query timeout, so the whole chain of a
     * long run is verified by SQL, not by one request (docs/services/audit-service.md).
     */
    private static long gaps(ChaosContext context, AuditDb.ChainCheck chain, long fromSeq, List<String> violations) {
        long gaps = chain.gaps() + chain.brokenLinks();
        long deadline = System.nanoTime() + VERIFY_WAIT.toNanos();
        JsonNode verify = null;
        while (System.nanoTime() < deadline) {
            try {
                verify = context.get("/v1/audit/verify?from_seq=" + fromSeq);
                if (verify.path("head_seq").asLong() >= chain.maxSeq()
                        && verify.path("intact").asBoolean()
                        && verify.path("complete").asBoolean()) {
                    return gaps;
                }
            } catch (RuntimeException notYet) {
                verify = null;
            }
            sleep(Duration.ofSeconds(2));
        }
        violations.add("/v1/audit/verify did not answer intact and complete: " + verify);
        return gaps + 1;
    }

    /** From the fault (or the release) until the first plan accepted after it succeeded; null if none did. */
    private static Duration recovery(Settled settled, Fault fault) {
        return settled.accepted().stream()
                .filter(a -> !a.at().isBefore(fault.recoverFrom()))
                .map(a -> settled.ledger().of(a.actionId()).get("succeeded"))
                .filter(s -> s != null)
                .map(s -> Duration.between(fault.recoverFrom(), s.first()))
                .min(Duration::compareTo)
                .orElse(null);
    }

    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    static void sleep(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
