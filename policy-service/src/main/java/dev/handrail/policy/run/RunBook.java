package dev.handrail.policy.run;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.RunChanged;
import dev.handrail.policy.RefusedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Keeps runs, their steps, tool calls and artifacts, and their leases. Every change a worker
 * makes locks the run's row, checks the lease it holds (its principal, its token, not expired)
 * and publishes the change's event before the transaction commits, so a change that could not be
 * announced is rolled back and a stale worker's write never lands. A claim takes the oldest
 * claimable run with {@code FOR UPDATE SKIP LOCKED}, so two claims never get the same run.
 * Lease tokens are random 256-bit values; only their SHA-256 is stored. Thread-safe (the
 * database orders concurrent changes).
 */
@Singleton
public class RunBook {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunRepository runs;
    private final StepRepository steps;
    private final ToolCallRepository toolCalls;
    private final ArtifactRepository artifacts;
    private final RunActionRepository actions;
    private final RunAnnouncer announcer;
    private final Clock clock;

    public RunBook(
            RunRepository runs,
            StepRepository steps,
            ToolCallRepository toolCalls,
            ArtifactRepository artifacts,
            RunActionRepository actions,
            RunAnnouncer announcer,
            Clock clock) {
        this.runs = runs;
        this.steps = steps;
        this.toolCalls = toolCalls;
        this.artifacts = artifacts;
        this.actions = actions;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** A run handed to a worker, with the lease token it alone gets to see. */
    public record Claimed(RunRow run, String leaseToken) {}

    /** A step, and whether this request started it (false: the step with the same key already existed). */
    public record Started(StepRow step, boolean created) {}

    /** Queues a new run. */
    @Transactional
    public RunRow create(
            String principal,
            String title,
            @Nullable String sessionId,
            @Nullable Integer maxActions,
            @Nullable Integer maxDurationS) {
        Instant now = now();
        RunRow run = runs.save(new RunRow(
                ActionIds.next(),
                title,
                sessionId,
                principal,
                RunState.QUEUED.wire(),
                maxActions,
                maxDurationS,
                null,
                null,
                null,
                0,
                null,
                null,
                now,
                null,
                null,
                now));
        announce(run, "created", null, null, principal, title, List.of());
        return run;
    }

    /** Gives the oldest queued run, or one whose lease expired, to {@code worker}; empty when there is none. */
    @Transactional
    public Optional<Claimed> claim(String worker, int ttlSeconds) {
        Instant now = now();
        return runs.nextClaimable(now).map(free -> {
            String token = newToken();
            RunRow run = runs.update(free.claimedBy(worker, hash(token), now.plusSeconds(ttlSeconds), now));
            announce(
                    run,
                    "claimed",
                    null,
                    null,
                    worker,
                    free.worker() == null ? null : "lease of " + free.worker() + " expired",
                    List.of());
            return new Claimed(run, token);
        });
    }

    /** Extends the worker's lease by {@code ttlSeconds} from now. */
    @Transactional
    public RunRow heartbeat(String runId, String worker, String token, int ttlSeconds) {
        Instant now = now();
        RunRow run = leased(runId, worker, token, now);
        return runs.update(run.extendedTo(now.plusSeconds(ttlSeconds), now));
    }

    /** Gives the run back to the queue; another worker may claim it. */
    @Transactional
    public RunRow release(String runId, String worker, String token) {
        Instant now = now();
        RunRow run = runs.update(leased(runId, worker, token, now).released(now));
        announce(run, "released", null, null, worker, null, List.of());
        return run;
    }

    /** Ends the run as {@code completed} or {@code failed}, as its worker says. */
    @Transactional
    public RunRow finish(
            String runId,
            String worker,
            String token,
            RunState state,
            @Nullable String result,
            @Nullable String error) {
        Instant now = now();
        RunRow run = runs.update(leased(runId, worker, token, now).endedAs(state, result, error, now));
        announce(run, state.wire(), null, null, worker, error, List.of());
        return run;
    }

    /**
     * Cancels a queued or running run, whoever holds its lease; returns the run and its actions
     * still waiting for a decision, which the caller withdraws.
     */
    @Transactional
    public Cancelled cancel(String runId, String principal, boolean elevated, @Nullable String reason) {
        RunRow run = visibleForUpdate(runId, principal, elevated);
        if (!elevated && !run.createdBy().equals(principal)) {
            throw new RefusedException(
                    ErrorCode.FORBIDDEN, "Only the run's creator, an operator or an admin may cancel run " + runId);
        }
        if (run.ended()) {
            throw alreadyEnded(run);
        }
        Instant now = now();
        RunRow cancelled = runs.update(run.endedAs(RunState.CANCELLED, null, reason, now));
        List<RunAction> all = actions.actionsOf(runId);
        List<String> admitted = all.stream()
                .filter(RunAction::admitted)
                .map(RunAction::actionId)
                .toList();
        announce(cancelled, "cancelled", null, null, principal, reason, admitted);
        return new Cancelled(
                cancelled, all.stream().filter(a -> a.state().equals("pending")).toList());
    }

    /** A cancelled run and its actions that were pending approval. */
    public record Cancelled(RunRow run, List<RunAction> pending) {}

    /** Starts a step; a step with the same {@code key} in the run is returned instead of a second one. */
    @Transactional
    public Started startStep(String runId, String worker, String token, String name, @Nullable String key) {
        Instant now = now();
        RunRow run = leased(runId, worker, token, now);
        if (key != null) {
            Optional<StepRow> existing = steps.findByRunIdAndStepKey(runId, key);
            if (existing.isPresent()) {
                return new Started(existing.get(), false);
            }
        }
        StepRow step = steps.save(new StepRow(
                ActionIds.next(),
                runId,
                steps.nextSeq(runId),
                name,
                key,
                ItemState.RUNNING.wire(),
                null,
                null,
                worker,
                now,
                null));
        announce(run, "step_started", step.id(), null, worker, name, List.of());
        return new Started(step, true);
    }

    /** Ends a running step. */
    @Transactional
    public StepRow endStep(
            String stepId,
            String worker,
            String token,
            ItemState state,
            @Nullable String output,
            @Nullable String error) {
        Instant now = now();
        Leased leased = leasedStep(stepId, worker, token, now);
        StepRow step = leased.step();
        StepRow ended = steps.update(step.endedAs(state, output, error, now));
        announce(
                leased.run(),
                "step_" + state.wire(),
                stepId,
                null,
                worker,
                error == null ? step.name() : error,
                List.of());
        return ended;
    }

    /** Records a tool call starting in a running step. */
    @Transactional
    public ToolCallRow startToolCall(String stepId, String worker, String token, String name, @Nullable String input) {
        Instant now = now();
        Leased leased = leasedStep(stepId, worker, token, now);
        ToolCallRow call = toolCalls.save(new ToolCallRow(
                ActionIds.next(),
                leased.run().id(),
                stepId,
                name,
                input,
                ItemState.RUNNING.wire(),
                null,
                null,
                now,
                null));
        announce(leased.run(), "tool_call_started", stepId, call.id(), worker, name, List.of());
        return call;
    }

    /** Ends a running tool call. */
    @Transactional
    public ToolCallRow endToolCall(
            String toolCallId,
            String worker,
            String token,
            ItemState state,
            @Nullable String output,
            @Nullable String error) {
        ToolCallRow call = toolCalls.findById(toolCallId).orElseThrow(() -> notFound("tool call", toolCallId));
        Instant now = now();
        RunRow run = leased(call.runId(), worker, token, now);
        if (call.ended()) {
            throw new RefusedException(ErrorCode.ALREADY_ENDED, "Tool call " + toolCallId + " already " + call.state());
        }
        ToolCallRow ended = toolCalls.update(call.endedAs(state, output, error, now));
        announce(
                run,
                "tool_call_" + state.wire(),
                call.stepId(),
                toolCallId,
                worker,
                error == null ? call.name() : error,
                List.of());
        return ended;
    }

    /** Attaches an artifact to a running step. */
    @Transactional
    public ArtifactRow addArtifact(
            String stepId, String worker, String token, String name, String kind, String content) {
        Instant now = now();
        Leased leased = leasedStep(stepId, worker, token, now);
        ArtifactRow artifact =
                artifacts.save(new ArtifactRow(ActionIds.next(), leased.run().id(), stepId, name, kind, content, now));
        announce(leased.run(), "artifact_added", stepId, artifact.id(), worker, name, List.of());
        return artifact;
    }

    /** A run the principal may see, with everything recorded under it. */
    @Transactional
    public Optional<RunDetail> detail(String runId, String principal, boolean elevated) {
        return runs.findById(runId)
                .filter(run -> visible(run, principal, elevated))
                .map(run -> new RunDetail(
                        run,
                        steps.findByRunIdOrderBySeq(runId),
                        toolCalls.findByRunIdOrderByCreatedAt(runId),
                        artifacts.findByRunIdOrderByCreatedAt(runId),
                        actions.actionsOf(runId),
                        actions.admitted(runId)));
    }

    /** A run with its steps, tool calls, artifacts and actions. */
    public record RunDetail(
            RunRow run,
            List<StepRow> steps,
            List<ToolCallRow> toolCalls,
            List<ArtifactRow> artifacts,
            List<RunAction> actions,
            long actionsAdmitted) {}

    /** The newest runs the principal may see. */
    @Transactional
    public List<RunRow> newest(String principal, boolean elevated, @Nullable String state, int limit) {
        return elevated ? runs.newest(state, limit) : runs.newestOf(principal, state, limit);
    }

    /**
     * Whether an action planned by {@code worker} with {@code token} may join {@code stepId} of
     * {@code runId} now; a refusal says why. Takes no lock: a plan racing a lease's end is judged
     * on the lease as it was read.
     */
    @Transactional
    public Membership membership(String runId, String stepId, String worker, String token) {
        Instant now = now();
        RunRow run = runs.findById(runId).orElseThrow(() -> notFound("run", runId));
        checkLease(run, worker, token, now);
        requireOpen(steps.findById(stepId)
                .filter(s -> s.runId().equals(runId))
                .orElseThrow(
                        () -> new RefusedException(ErrorCode.NOT_FOUND, "Run " + runId + " has no step " + stepId)));
        boolean actionsSpent = run.maxActions() != null && actions.admitted(runId) >= run.maxActions();
        boolean timeSpent = run.maxDurationS() != null
                && run.startedAt() != null
                && !now.isBefore(run.startedAt().plusSeconds(run.maxDurationS()));
        return new Membership(actionsSpent, timeSpent);
    }

    /** Whether the run's budget of actions or of time is spent. */
    public record Membership(boolean actionsSpent, boolean timeSpent) {
        public boolean budgetSpent() {
            return actionsSpent || timeSpent;
        }
    }

    /** Records that an action was planned in a step (once; a redelivered plan changes nothing). */
    @Transactional
    public void link(String actionId, String runId, String stepId, boolean admitted) {
        actions.link(actionId, runId, stepId, admitted, now());
    }

    private record Leased(RunRow run, StepRow step) {}

    private Leased leasedStep(String stepId, String worker, String token, Instant now) {
        StepRow step = steps.findById(stepId).orElseThrow(() -> notFound("step", stepId));
        RunRow run = leased(step.runId(), worker, token, now);
        return new Leased(run, requireOpen(step));
    }

    private static StepRow requireOpen(StepRow step) {
        if (step.ended()) {
            throw new RefusedException(
                    ErrorCode.ALREADY_ENDED, "Step " + step.id() + " already " + step.state() + "; start a new step");
        }
        return step;
    }

    /** The run, locked, if {@code worker} holds its lease with {@code token} and it has not expired. */
    private RunRow leased(String runId, String worker, String token, Instant now) {
        RunRow run = runs.findByIdForUpdate(runId).orElseThrow(() -> notFound("run", runId));
        checkLease(run, worker, token, now);
        return run;
    }

    private static void checkLease(RunRow run, String worker, String token, Instant now) {
        if (run.ended()) {
            throw alreadyEnded(run);
        }
        boolean holder = run.state().equals(RunState.RUNNING.wire())
                && worker.equals(run.worker())
                && run.leaseTokenHash() != null
                && MessageDigest.isEqual(
                        run.leaseTokenHash().getBytes(StandardCharsets.US_ASCII),
                        hash(token).getBytes(StandardCharsets.US_ASCII));
        if (!holder) {
            throw new RefusedException(
                    ErrorCode.LEASE_LOST,
                    "This lease on run " + run.id() + " is not held any more (released, or claimed by another "
                            + "worker after it expired); claim a run again with POST /v1/runs/claim");
        }
        if (run.leaseExpiresAt() == null || !now.isBefore(run.leaseExpiresAt())) {
            throw new RefusedException(
                    ErrorCode.LEASE_LOST,
                    "The lease on run " + run.id() + " expired at " + run.leaseExpiresAt()
                            + "; heartbeat before it runs out, and claim a run again now");
        }
    }

    private RunRow visibleForUpdate(String runId, String principal, boolean elevated) {
        return runs.findByIdForUpdate(runId)
                .filter(run -> visible(run, principal, elevated))
                .orElseThrow(() -> notFound("run", runId));
    }

    private static boolean visible(RunRow run, String principal, boolean elevated) {
        return elevated || run.createdBy().equals(principal) || principal.equals(run.worker());
    }

    private void announce(
            RunRow run,
            String event,
            @Nullable String stepId,
            @Nullable String itemId,
            String by,
            @Nullable String detail,
            List<String> actionIds) {
        announcer.announce(new RunChanged(
                run.id(), event, run.state(), stepId, itemId, run.worker(), by, now(), detail, actionIds));
    }

    private static RefusedException alreadyEnded(RunRow run) {
        return new RefusedException(ErrorCode.ALREADY_ENDED, "Run " + run.id() + " already " + run.state());
    }

    private static RefusedException notFound(String what, String id) {
        return new RefusedException(ErrorCode.NOT_FOUND, "No " + what + " " + id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
