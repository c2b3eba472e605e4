package dev.handrail.gateway.action;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.query.ActionListQuery;
import dev.handrail.contracts.query.ActionPage;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.run.RunLink;
import dev.handrail.gateway.auth.Caller;
import dev.handrail.gateway.auth.Role;
import dev.handrail.gateway.authority.CommandSigner;
import dev.handrail.gateway.web.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The action endpoints' work: turn a request into a command signed for its caller, hold the
 * request open (without a thread) until the action can be answered, and read actions back from
 * the audit projection. Whether a decision may be taken is policy's to say, from its own record:
 * deciding reads nothing from the audit projection.
 */
@Singleton
public class ActionService {

    private static final String RUN_ID = "run_id";
    private static final String STEP_ID = "step_id";
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration NOT_FOUND_RETRY = Duration.ofMillis(250);

    private final ActionBus bus;
    private final PendingActions pending;
    private final GatewayConfig config;
    private final AnsweredViews answered;
    private final CommandSigner signer;

    public ActionService(
            ActionBus bus, PendingActions pending, GatewayConfig config, AnsweredViews answered, CommandSigner signer) {
        this.bus = bus;
        this.pending = pending;
        this.config = config;
        this.answered = answered;
        this.signer = signer;
    }

    /** Plans an action and, unless the client said not to wait, answers with its outcome. */
    public CompletableFuture<HttpResponse<?>> plan(PlanRequest request, Caller caller) {
        if (Boolean.FALSE.equals(request.waitForOutcome())) {
            Planned planned = command(request, caller);
            PlanCommand command = planned.command();
            return bus.send(Subjects.CMD_PLAN, planned.envelope())
                    .thenApply(sent -> HttpResponse.accepted()
                            .body(ActionResponse.accepted(
                                    command.actionId(),
                                    request.intent(),
                                    request.sessionId(),
                                    command.dryRun(),
                                    command.receivedAt())));
        }
        return settle(request, caller).thenApply(this::answer);
    }

    /**
     * Plans an action and waits until it is settled (a pending approval counts: it waits for a
     * person), or answers what was known at the plan's wait limit ({@code timedOut}). A plan policy
     * refuses outright fails with the refusal's {@link ApiException}.
     */
    public CompletableFuture<Outcome.Settled> settle(PlanRequest request, Caller caller) {
        return start(request, caller).outcome();
    }

    /** A plan sent: the id its action has, and its outcome to come (as {@link #settle}). */
    public record Started(String actionId, CompletableFuture<Outcome.Settled> outcome) {}

    /** As {@link #settle}, with the action's id known at once (to withdraw it if the caller goes away). */
    public Started start(PlanRequest request, Caller caller) {
        Planned planned = command(request, caller);
        Duration wait = config.waitFor(request.timeoutMs());
        CompletableFuture<Outcome> outcome = pending.awaitPlan(
                planned.command().actionId(), planned.envelope().id(), wait);
        return new Started(
                planned.command().actionId(),
                bus.send(Subjects.CMD_PLAN, planned.envelope())
                        .thenCompose(sent -> outcome)
                        .thenCompose(o -> switch (o) {
                            case Outcome.Deduplicated d -> settledView(d.duplicateOf(), deadline(wait));
                            case Outcome.Settled s -> CompletableFuture.completedFuture(s);
                            case Outcome.Refused r -> CompletableFuture.failedFuture(refusal(r));
                        })
                        .thenApply(settled -> {
                            // Reads that follow (a long poll, an MCP call) never see less than this.
                            if (!settled.timedOut() && settled.view().state() != null) {
                                answered.answered(settled.view());
                            }
                            return settled;
                        }));
    }

    private record Planned(PlanCommand command, Envelope envelope) {}

    /** The plan command for {@code request}, signed for its caller, with a fresh action id. */
    private Planned command(PlanRequest request, Caller caller) {
        String principal = caller.principal();
        String actionId = ActionIds.next();
        PlanCommand command = new PlanCommand(
                actionId,
                request.intent(),
                request.params(),
                request.sessionId(),
                principal,
                request.idempotencyKey(),
                Boolean.TRUE.equals(request.dryRun()),
                request.timeoutMs(),
                request.maxRetries(),
                runMetadata(request),
                request.node(),
                Instant.now(),
                request.inRun() ? new RunLink(request.runId(), request.stepId(), request.leaseToken()) : null);
        return new Planned(
                command, signer.sign(Envelope.of(bus.source(), command, principal, request.sessionId()), caller));
    }

    /**
     * The plan's metadata with {@code run_id} and {@code step_id} as the plan's run link says (and
     * without them when it names no run), so the trail shows only the membership policy checked.
     */
    private static Map<String, Object> runMetadata(PlanRequest request) {
        Map<String, Object> given = request.metadata() == null ? Map.of() : request.metadata();
        if (!request.inRun() && !given.containsKey(RUN_ID) && !given.containsKey(STEP_ID)) {
            return given;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(given);
        metadata.remove(RUN_ID);
        metadata.remove(STEP_ID);
        if (request.inRun()) {
            metadata.put(RUN_ID, request.runId());
            metadata.put(STEP_ID, request.stepId());
        }
        return metadata;
    }

    /**
     * Approves or denies a pending action and answers with where the decision led. Policy refuses
     * a decision by the action's planner ({@code SELF_APPROVAL}, 403) and a second decision
     * ({@code ALREADY_DECIDED}, 409); the answer folds the events the decision caused.
     */
    public CompletableFuture<HttpResponse<?>> decide(
            String actionId, DecideCommand.Verdict verdict, Caller caller, String comment) {
        return decision(actionId, verdict, caller, comment).thenApply(o -> switch (o) {
            case Outcome.Settled s -> answer(s);
            case Outcome.Refused r -> throw refusal(r);
            case Outcome.Deduplicated d -> throw new IllegalStateException("A decision cannot be deduplicated");
        });
    }

    /**
     * Withdraws an action its caller planned while it waits for approval, and answers with it
     * ({@code cancelled}). Policy refuses anyone but the planner: to an agent that is
     * {@code NOT_FOUND} (it learns nothing of others' actions), to an operator {@code NOT_PLANNER}
     * (an operator denies instead); {@code NOT_PENDING} or {@code ALREADY_DECIDED} once decided,
     * {@code APPROVAL_EXPIRED} once lapsed.
     */
    public CompletableFuture<HttpResponse<?>> cancel(String actionId, Caller caller, String reason) {
        return decision(actionId, DecideCommand.Verdict.CANCEL, caller, reason).thenApply(o -> switch (o) {
            case Outcome.Settled s -> answer(s);
            case Outcome.Refused r
            when r.code().equals(ErrorCode.NOT_PLANNER.code()) && !caller.is(Role.OPERATOR) ->
                throw ApiException.notFound("No action with id " + actionId);
            case Outcome.Refused r -> throw refusal(r);
            case Outcome.Deduplicated d -> throw new IllegalStateException("A withdrawal cannot be deduplicated");
        });
    }

    private CompletableFuture<Outcome> decision(
            String actionId, DecideCommand.Verdict verdict, Caller caller, String comment) {
        requireId(actionId);
        String principal = caller.principal();
        Envelope envelope = signer.sign(
                Envelope.of(bus.source(), new DecideCommand(actionId, verdict, principal, comment), principal, null),
                caller);
        CompletableFuture<Outcome> outcome =
                pending.awaitDecision(ActionView.empty(actionId), envelope.id(), config.getDefaultWait());
        return bus.send(Subjects.CMD_DECIDE, envelope).thenCompose(sent -> outcome);
    }

    /**
     * One action as the audit projection holds it, never in an earlier state than this gateway has
     * already answered with (it waits for the projection to catch up, up to the query timeout,
     * then answers what it answered before); an agent sees only its own. Answered {@code ok}
     * whatever the action's outcome: the read was served.
     */
    public CompletableFuture<HttpResponse<?>> get(String actionId, Caller caller) {
        return readable(actionId, caller).thenApply(view -> {
            answered.answered(view);
            return HttpResponse.ok(ActionRead.of(view));
        });
    }

    /**
     * As {@link #get}, answered once the action leaves the state it is in when asked (or at once
     * when it is final: nothing more will happen to it), or when {@code within} has passed with the
     * state it then has: a long poll, so an agent on plain HTTP waits for an approval without polling.
     */
    public CompletableFuture<HttpResponse<?>> get(String actionId, Caller caller, Duration within) {
        return awaitChange(actionId, caller, within).thenApply(view -> {
            answered.answered(view);
            return HttpResponse.ok(ActionRead.of(view));
        });
    }

    /**
     * The action as {@link #readable}, once its state has moved on from the one it has now, or
     * when it is final, or at {@code within} as it then stands. The wait is registered before the
     * read, so no transition can slip between them; no thread waits.
     */
    public CompletableFuture<ActionView> awaitChange(String actionId, Caller caller, Duration within) {
        requireId(actionId);
        PendingActions.Change change = pending.awaitChange(actionId, within);
        return readableBy(actionId, caller, deadline(within))
                .handle((view, failure) -> {
                    if (failure != null || view.isFinal() || within.isZero()) {
                        change.abandon();
                        return failure != null
                                ? CompletableFuture.<ActionView>failedFuture(failure)
                                : CompletableFuture.completedFuture(view);
                    }
                    // Timed out: nothing moved after the read, which is then the answer.
                    return change.from(view).thenApply(s -> s.timedOut() ? view : s.view());
                })
                .thenCompose(f -> f);
    }

    /**
     * As {@link #readable}, but an action that is not there is looked for again until the
     * deadline: the projection may not have it yet. Unknown, not yet projected or another's, a
     * waiting read answers {@code NOT_FOUND} only at its deadline, so its timing tells nothing.
     */
    private CompletableFuture<ActionView> readableBy(String actionId, Caller caller, long deadlineNanos) {
        return readable(actionId, caller).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            boolean notFound = cause instanceof ApiException api && api.code().equals(ErrorCode.NOT_FOUND.code());
            if (!notFound || System.nanoTime() >= deadlineNanos) {
                return CompletableFuture.failedFuture(cause);
            }
            long pause = Math.min(NOT_FOUND_RETRY.toNanos(), Math.max(0, deadlineNanos - System.nanoTime()));
            return CompletableFuture.supplyAsync(
                            () -> null, CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS))
                    .thenCompose(ignored -> readableBy(actionId, caller, deadlineNanos));
        });
    }

    /**
     * The action if the caller may read it (an operator any, an agent its own); otherwise, and when
     * there is none, {@code NOT_FOUND} alike, so nobody learns that an action they may not see exists.
     */
    public CompletableFuture<ActionView> readable(String actionId, Caller caller) {
        requireId(actionId);
        return caughtUp(actionId, deadline(config.getQueryTimeout()))
                .thenApply(found -> found.filter(v ->
                                caller.is(Role.OPERATOR) || caller.principal().equals(v.principal()))
                        .orElseThrow(() -> ApiException.notFound("No action with id " + actionId)));
    }

    /** A filtered page of actions, newest first; an agent's list holds only its own. */
    public CompletableFuture<HttpResponse<?>> list(ActionListQuery requested, Caller caller) {
        ActionListQuery query = caller.is(Role.OPERATOR) ? requested : requested.withPrincipal(caller.principal());
        return bus.ask(Subjects.QUERY_ACTIONS, query).thenApply(reply -> {
            ActionPage page = data(reply, ActionPage.class);
            return HttpResponse.ok(new ActionList(
                    true,
                    page.actions().stream()
                            .map(view -> answered.aheadOf(view.actionId(), Optional.of(view))
                                    .orElse(view))
                            .map(ActionResponse::of)
                            .toList(),
                    page.total()));
        });
    }

    private HttpResponse<?> answer(Outcome.Settled settled) {
        ActionView view = settled.view();
        if (settled.timedOut() || view.state() == null) {
            return HttpResponse.accepted().body(ActionResponse.of(view));
        }
        answered.answered(view);
        ActionResponse body = ActionResponse.of(view);
        if (view.state() == ActionState.DENIED
                && view.decision() != null
                && view.decision().reasons().contains("rate_limited")) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", "60")
                    .body(body);
        }
        return switch (view.state()) {
            // A rejection answers with its code's status: 400 for a plan that is not valid, 409 for a lost run lease.
            case REJECTED ->
                HttpResponse.status(HttpStatus.valueOf(Optional.ofNullable(view.error())
                                .flatMap(error -> ErrorCode.find(error.code()))
                                .map(ErrorCode::httpStatus)
                                .orElse(HttpStatus.BAD_REQUEST.getCode())))
                        .body(body);
            default -> HttpResponse.ok(body);
        };
    }

    private CompletableFuture<Outcome.Settled> settledView(String actionId, long deadlineNanos) {
        return readUntil(
                        actionId,
                        deadlineNanos,
                        found -> found.isPresent() && found.get().isSettled())
                .thenApply(
                        read -> new Outcome.Settled(read.view().orElse(ActionView.empty(actionId)), read.timedOut()));
    }

    /** The projection's view once it has reached what this gateway answered before, or that answer at the deadline. */
    private CompletableFuture<Optional<ActionView>> caughtUp(String actionId, long deadlineNanos) {
        return readUntil(
                        actionId,
                        deadlineNanos,
                        found -> answered.aheadOf(actionId, found).isEmpty())
                .thenApply(read -> {
                    Optional<ActionView> found = read.view();
                    // What was answered may come from the later events only: the projection fills in the rest.
                    return answered.aheadOf(actionId, found)
                            .map(ahead -> found.map(f -> f.overlay(ahead)).orElse(ahead))
                            .or(() -> found);
                });
    }

    /** What the projection answered last, and whether the deadline passed before it was what was wanted. */
    private record Read(Optional<ActionView> view, boolean timedOut) {}

    /** Reads the action every {@link #POLL} until {@code wanted} holds of the answer or the deadline passes. */
    private CompletableFuture<Read> readUntil(
            String actionId, long deadlineNanos, Predicate<Optional<ActionView>> wanted) {
        return projection(actionId).thenCompose(found -> {
            if (wanted.test(found)) {
                return CompletableFuture.completedFuture(new Read(found, false));
            }
            if (System.nanoTime() >= deadlineNanos) {
                return CompletableFuture.completedFuture(new Read(found, true));
            }
            return CompletableFuture.supplyAsync(
                            () -> null, CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> readUntil(actionId, deadlineNanos, wanted));
        });
    }

    /** The action's projection, without checking who may read it (the caller has checked). */
    public CompletableFuture<Optional<ActionView>> projection(String actionId) {
        return bus.ask(Subjects.QUERY_ACTION, new ByIdQuery(actionId)).thenApply(reply -> {
            if (reply.isError(ErrorCode.NOT_FOUND)) {
                return Optional.empty();
            }
            return Optional.of(data(reply, ActionView.class));
        });
    }

    private static <T> T data(Reply reply, Class<T> type) {
        if (!reply.ok()) {
            throw ApiException.upstreamFailed(reply.error());
        }
        return reply.data(type);
    }

    private static ApiException refusal(Outcome.Refused refused) {
        return ApiException.relayed(new ApiError(refused.code(), refused.message()));
    }

    private static void requireId(String actionId) {
        if (!ActionIds.isValid(actionId)) {
            throw ApiException.notFound("No action with id " + actionId);
        }
    }

    private static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }
}
