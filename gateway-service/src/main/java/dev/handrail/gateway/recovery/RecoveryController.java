package dev.handrail.gateway.recovery;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Passthrough;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The recovery and observability endpoints of the Stage 5 contract, answered by the health and
 * audit services: health summary, breakers, dead letters, audit trails.
 */
@Controller("/v1")
public class RecoveryController {

    private static final int MAX_LIMIT = 500;

    private final ActionBus bus;

    public RecoveryController(ActionBus bus) {
        this.bus = bus;
    }

    @Get("/health/summary")
    public CompletableFuture<HttpResponse<?>> healthSummary() {
        return ask(Subjects.QUERY_HEALTH_SUMMARY, new ListQuery(Map.of(), 0));
    }

    @Get("/breakers")
    public CompletableFuture<HttpResponse<?>> breakers() {
        return ask(Subjects.QUERY_BREAKERS, new ListQuery(Map.of(), 0));
    }

    @Post("/breakers/{name}/reset")
    public CompletableFuture<HttpResponse<?>> resetBreaker(@PathVariable String name) {
        return ask(Subjects.QUERY_BREAKER_RESET, new ByIdQuery(name));
    }

    @Get("/dead-letters{?intent,node,error_code,limit}")
    public CompletableFuture<HttpResponse<?>> deadLetters(
            @Nullable @QueryValue String intent,
            @Nullable @QueryValue String node,
            @Nullable @QueryValue("error_code") String errorCode,
            @Nullable @QueryValue Integer limit) {
        return ask(Subjects.QUERY_DEAD_LETTERS, list(limit, "intent", intent, "node", node, "error_code", errorCode));
    }

    @Get("/dead-letters/{id}")
    public CompletableFuture<HttpResponse<?>> deadLetter(@PathVariable String id) {
        return ask(Subjects.QUERY_DEAD_LETTER, new ByIdQuery(id));
    }

    @Get("/audit-trails{?state,intent,session_id,limit}")
    public CompletableFuture<HttpResponse<?>> trails(
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String intent,
            @Nullable @QueryValue("session_id") String sessionId,
            @Nullable @QueryValue Integer limit) {
        return ask(Subjects.QUERY_TRAILS, list(limit, "state", state, "intent", intent, "session_id", sessionId));
    }

    /** One action's trail as {@code {ok, trail: {action_id, intent, events}}}, the Stage 5 shape. */
    @Get("/audit-trails/{actionId}")
    public CompletableFuture<HttpResponse<?>> trail(@PathVariable String actionId) {
        return bus.ask(Subjects.QUERY_TRAIL, new ByIdQuery(actionId))
                .thenApply(reply -> Passthrough.respondAs("trail", reply));
    }

    private CompletableFuture<HttpResponse<?>> ask(String subject, Object query) {
        return bus.ask(subject, query).thenApply(Passthrough::respond);
    }

    private static ListQuery list(Integer limit, String... pairs) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                filters.put(pairs[i], pairs[i + 1]);
            }
        }
        return new ListQuery(filters, limit == null ? 50 : limit);
    }
}
