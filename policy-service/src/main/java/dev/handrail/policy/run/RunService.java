package dev.handrail.policy.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.run.RunRequest;
import dev.handrail.policy.RefusedException;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs as policy answers for them (docs/runs.md): reads, and every change to a run, its lease,
 * steps, tool calls and artifacts. A refusal is answered with its code; a cancelled run's actions
 * that were waiting for approval are withdrawn. Stateless.
 */
@Singleton
public class RunService {

    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    static final int LIST_DEFAULT = 50;
    static final int LIST_MAX = 200;

    private final RunBook book;
    private final PendingWithdrawal withdrawal;

    public RunService(RunBook book, PendingWithdrawal withdrawal) {
        this.book = book;
        this.withdrawal = withdrawal;
    }

    /** Answers one request. */
    public Reply handle(RunRequest request) {
        try {
            return answer(request, new RunInput(request.body()));
        } catch (RefusedException e) {
            return Reply.error(e.code(), e.getMessage());
        }
    }

    private Reply answer(RunRequest r, RunInput in) {
        String who = r.principal();
        return switch (r.op()) {
            case LIST -> list(r, in);
            case GET ->
                book.detail(id(r), who, r.elevated())
                        .map(d -> Reply.ok(RunView.detail(d)))
                        .orElseGet(() -> Reply.error(ErrorCode.NOT_FOUND, "No run " + r.id()));
            case CREATE ->
                run(book.create(
                        who,
                        in.title(),
                        in.text("session_id", RunInput.MAX_ID).orElse(null),
                        in.budget("max_actions", RunInput.MAX_ACTIONS),
                        in.budget("max_duration_s", RunInput.MAX_DURATION_S)));
            case CLAIM -> claim(who, in.ttlSeconds());
            case HEARTBEAT -> {
                RunRow run = book.heartbeat(id(r), who, in.leaseToken(), in.ttlSeconds());
                yield Reply.ok(Map.of("lease", lease(run, null)));
            }
            case RELEASE -> run(book.release(id(r), who, in.leaseToken()));
            case COMPLETE ->
                run(book.finish(
                        id(r),
                        who,
                        in.leaseToken(),
                        RunState.COMPLETED,
                        in.json("result").orElse(null),
                        null));
            case FAIL -> run(book.finish(id(r), who, in.leaseToken(), RunState.FAILED, null, error(in)));
            case CANCEL -> cancel(r, in);
            case STEP_START -> {
                RunBook.Started started = book.startStep(
                        id(r),
                        who,
                        in.leaseToken(),
                        in.name(),
                        in.text("key", RunInput.MAX_ID).orElse(null));
                yield Reply.ok(Map.of("step", RunView.step(started.step()), "created", started.created()));
            }
            case STEP_SUCCEED ->
                step(book.endStep(
                        id(r),
                        who,
                        in.leaseToken(),
                        ItemState.SUCCEEDED,
                        in.json("output").orElse(null),
                        null));
            case STEP_FAIL -> step(book.endStep(id(r), who, in.leaseToken(), ItemState.FAILED, null, error(in)));
            case TOOL_CALL_START ->
                toolCall(book.startToolCall(
                        id(r), who, in.leaseToken(), in.name(), in.json("input").orElse(null)));
            case TOOL_CALL_SUCCEED ->
                toolCall(book.endToolCall(
                        id(r),
                        who,
                        in.leaseToken(),
                        ItemState.SUCCEEDED,
                        in.json("output").orElse(null),
                        null));
            case TOOL_CALL_FAIL ->
                toolCall(book.endToolCall(id(r), who, in.leaseToken(), ItemState.FAILED, null, error(in)));
            case ARTIFACT_ADD -> {
                RunInput.Artifact artifact = in.artifact();
                ArtifactRow row =
                        book.addArtifact(id(r), who, in.leaseToken(), in.name(), artifact.kind(), artifact.content());
                yield Reply.ok(Map.of("artifact", RunView.Artifact.of(row)));
            }
        };
    }

    private Reply list(RunRequest r, RunInput in) {
        String state = in.text("state", RunInput.MAX_ID).orElse(null);
        if (state != null) {
            try {
                RunState.parse(state);
            } catch (IllegalArgumentException e) {
                return Reply.error(
                        ErrorCode.BAD_QUERY,
                        "Unknown state '" + state + "'; use queued, running, completed, failed or cancelled");
            }
        }
        JsonNode limitNode = r.body() == null ? null : r.body().get("limit");
        int limit = limitNode == null || limitNode.asInt() <= 0 ? LIST_DEFAULT : Math.min(limitNode.asInt(), LIST_MAX);
        return Reply.ok(Map.of(
                "runs",
                book.newest(r.principal(), r.elevated(), state, limit).stream()
                        .map(RunView.Summary::of)
                        .toList()));
    }

    private Reply claim(String worker, int ttlSeconds) {
        return book.claim(worker, ttlSeconds)
                .map(claimed -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("run", RunView.Summary.of(claimed.run()));
                    data.put("lease", lease(claimed.run(), claimed.leaseToken()));
                    return Reply.ok(data);
                })
                .orElseGet(() -> {
                    Map<String, Object> none = new LinkedHashMap<>();
                    none.put("run", null);
                    none.put("lease", null);
                    return Reply.ok(none);
                });
    }

    private Reply cancel(RunRequest r, RunInput in) {
        RunBook.Cancelled cancelled = book.cancel(
                id(r),
                r.principal(),
                r.elevated(),
                in.text("reason", RunInput.MAX_TEXT).orElse(null));
        for (RunAction pending : cancelled.pending()) {
            try {
                withdrawal.withdraw(pending.actionId(), "run " + r.id() + " was cancelled");
            } catch (RuntimeException e) {
                LOG.warn(
                        "Run {} was cancelled but its pending action {} could not be withdrawn now; it expires "
                                + "at its time unless decided",
                        r.id(),
                        pending.actionId(),
                        e);
            }
        }
        return run(cancelled.run());
    }

    private static Map<String, Object> lease(RunRow run, String token) {
        Map<String, Object> lease = new LinkedHashMap<>();
        if (token != null) {
            lease.put("token", token);
        }
        lease.put("expires_at", run.leaseExpiresAt());
        lease.put("worker", run.worker());
        return lease;
    }

    private static String error(RunInput in) {
        return in.text("error", RunInput.MAX_TEXT).orElse("failed");
    }

    private static String id(RunRequest r) {
        if (r.id() == null || r.id().isBlank()) {
            throw new RefusedException(ErrorCode.BAD_QUERY, "The request names no id");
        }
        return r.id();
    }

    private static Reply run(RunRow run) {
        return Reply.ok(Map.of("run", RunView.Summary.of(run)));
    }

    private static Reply step(StepRow step) {
        return Reply.ok(Map.of("step", RunView.step(step)));
    }

    private static Reply toolCall(ToolCallRow call) {
        return Reply.ok(Map.of("tool_call", RunView.ToolCall.of(call)));
    }
}
