package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.query.ActionListQuery;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/actions}: plan, read, list, approve and deny actions (the Stage 5 contract). */
@Controller("/v1/actions")
public class ActionController {

    static final int MAX_LIMIT = 500;
    static final long MAX_WAIT_MS = 60_000;

    private final ActionService actions;

    public ActionController(ActionService actions) {
        this.actions = actions;
    }

    @Post("/plan")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> plan(HttpRequest<?> request, @Nullable @Body String body) {
        return actions.plan(PlanRequestParser.parse(body), Principals.caller(request));
    }

    @Get("/{id}{?wait_ms}")
    public CompletableFuture<HttpResponse<?>> get(
            HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue("wait_ms") String waitMs) {
        if (waitMs == null) {
            return actions.get(id, Principals.caller(request));
        }
        return actions.get(id, Principals.caller(request), Duration.ofMillis(waitMs(waitMs)));
    }

    /** {@code wait_ms}: how long a read may wait for the action to move on, 0..{@value #MAX_WAIT_MS}. */
    static long waitMs(String value) {
        try {
            long ms = Long.parseLong(value.trim());
            if (ms >= 0 && ms <= MAX_WAIT_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as a number out of range
        }
        throw ApiException.validation(
                "wait_ms must be a whole number of milliseconds from 0 to " + MAX_WAIT_MS + ", not " + value);
    }

    @Get("{?state,intent,session_id,principal,node,limit,from,to}")
    public CompletableFuture<HttpResponse<?>> list(
            HttpRequest<?> request,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String intent,
            @Nullable @QueryValue("session_id") String sessionId,
            @Nullable @QueryValue String principal,
            @Nullable @QueryValue String node,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue Instant from,
            @Nullable @QueryValue Instant to) {
        if (state != null && ActionState.fromWire(state).isEmpty()) {
            throw ApiException.validation("Unknown state: " + state);
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        return actions.list(
                new ActionListQuery(state, intent, sessionId, principal, node, limit == null ? 50 : limit, from, to),
                Principals.caller(request));
    }

    @Post("/{id}/approve")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> approve(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return actions.decide(id, DecideCommand.Verdict.APPROVE, Principals.caller(request), comment(body));
    }

    @Post("/{id}/deny")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> deny(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return actions.decide(id, DecideCommand.Verdict.DENY, Principals.caller(request), comment(body));
    }

    /** The planner withdraws an action waiting for approval; the body may give a {@code reason}. */
    @Post("/{id}/cancel")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> cancel(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return actions.cancel(id, Principals.caller(request), reason(body));
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            CancelRequest cancel = Json.mapper().readValue(body, CancelRequest.class);
            return cancel == null ? null : cancel.reason();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String comment(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            DecisionRequest decision = Json.mapper().readValue(body, DecisionRequest.class);
            return decision == null ? null : decision.comment();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
