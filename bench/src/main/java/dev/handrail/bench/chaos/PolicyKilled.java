package dev.handrail.bench.chaos;

import dev.handrail.bench.load.HttpLoadClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 5. Policy is killed (SIGKILL) while approvals are pending, and started again: each held action
 * ends exactly once, either decided by a person (approved once: a second approval is refused) or
 * expired, never before its time: the {@code expires_at} its {@code pending_approval} event states,
 * {@link Chaos#APPROVAL_TTL} after policy opened the approval. (An approval opened just before the
 * kill is announced only once policy is back, so it may be announced late; it still lapses at its
 * time.)
 */
final class PolicyKilled implements ChaosScenario {

    private static final Mix MIX = new Mix(20, 20, 0);
    private static final int APPROVE = 5;
    /** Event times come from two processes' clocks on one machine: a little slack either way. */
    private static final Duration SLACK = Duration.ofMillis(500);

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "policy killed with approvals pending";
    }

    @Override
    public String fault() {
        return "SIGKILL policy-service while approvals (" + Chaos.APPROVAL_TTL.toSeconds()
                + " s to live) are pending; start it again; approve a few";
    }

    @Override
    public Mix mix() {
        return MIX;
    }

    @Override
    public Fault inject(ChaosContext context) {
        Instant at = Instant.now();
        Duration down = context.killAndRestart("policy-service", Duration.ZERO);
        List<String> pending = pending(context);
        int approved = 0;
        int refusedAgain = 0;
        for (String id : pending) {
            if (approve(context, id).status() == 200) {
                approved++;
                if (approve(context, id).status() == 409) {
                    refusedAgain++;
                }
            }
        }
        return Fault.since(
                at,
                "policy healthy again after " + down.toSeconds() + " s",
                approved + " pending approvals approved after the restart, a second approval refused (409) for "
                        + refusedAgain);
    }

    /** Up to {@link #APPROVE} pending approvals, asked again while the restarted policy catches up (a minute at most). */
    private static List<String> pending(ChaosContext context) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                List<String> ids = new ArrayList<>();
                context.get("/v1/approvals?state=pending&limit=" + APPROVE)
                        .path("approvals")
                        .forEach(a -> ids.add(a.path("action_id").asText()));
                return ids;
            } catch (HttpLoadClient.UnexpectedAnswerException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                ChaosRun.sleep(Duration.ofSeconds(1));
            }
        }
    }

    private static HttpLoadClient.Answer approve(ChaosContext context, String actionId) {
        return context.post("/v1/actions/" + actionId + "/approve", Map.of("comment", "chaos scenario"));
    }

    @Override
    public Checked check(ChaosContext context, Settled settled, Fault fault) {
        List<String> broken = new ArrayList<>();
        long expired = 0;
        long decided = 0;
        Duration latest = Duration.ZERO;
        for (AgentLoad.Accepted held : settled.of(Mix.Kind.HELD)) {
            var events = settled.ledger().of(held.actionId());
            Ledger.Stored pending = events.get("pending_approval");
            Ledger.Stored expiry = events.get("expired");
            if (expiry != null && pending != null && pending.expiresAt().isPresent()) {
                expired++;
                Duration late = Duration.between(pending.expiresAt().get(), expiry.first());
                if (late.plus(SLACK).isNegative()) {
                    broken.add("approval of " + held.actionId() + " expired "
                            + late.negated().toMillis() + " ms before its time");
                }
                latest = late.compareTo(latest) > 0 ? late : latest;
            } else if (events.containsKey("approved") || events.containsKey("denied")) {
                decided++;
            }
        }
        return new Checked(
                List.of(settled.of(Mix.Kind.HELD).size() + " held: " + expired + " expired (the latest "
                        + latest.toMillis() + " ms after its time), " + decided + " decided"),
                broken);
    }
}
