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
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/actions}: plan, read, list, approve and deny actions (the Stage 5 contract). */
@Controller("/v1/actions")
public class ActionController {

    static final int MAX_LIMIT = 500;

    private final ActionService actions;

    public ActionController(ActionService actions) {
        this.actions = actions;
    }

    @Post("/plan")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> plan(HttpRequest<?> request, @Nullable @Body String body) {
        return actions.plan(PlanRequestParser.parse(body), Principals.caller(request));
    }

    @Get("/{id}")
    public CompletableFuture<HttpResponse<?>> get(HttpRequest<?> request, @PathVariable String id) {
        return actions.get(id, Principals.caller(request));
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
