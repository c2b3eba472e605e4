package dev.handrail.gateway.health;

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
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/incidents}: what went wrong (a tripped breaker, a node down, a burst of dead
 * letters), newest first, filtered by state and kind, and one incident by id; answered by the
 * health service.
 */
@Controller("/v1/incidents")
public class IncidentController {

    static final int MAX_LIMIT = 500;
    private static final Set<String> STATES = Set.of("open", "closed");
    private static final Set<String> KINDS = Set.of("breaker", "node", "dead_letters");

    private final ActionBus bus;

    public IncidentController(ActionBus bus) {
        this.bus = bus;
    }

    @Get("{?state,kind,limit}")
    public CompletableFuture<HttpResponse<?>> list(
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String kind,
            @Nullable @QueryValue Integer limit) {
        if (state != null && !STATES.contains(state)) {
            throw ApiException.validation("state must be open or closed");
        }
        if (kind != null && !KINDS.contains(kind)) {
            throw ApiException.validation("kind must be breaker, node or dead_letters");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        Map<String, String> filters = new LinkedHashMap<>();
        if (state != null) {
            filters.put("state", state);
        }
        if (kind != null) {
            filters.put("kind", kind);
        }
        return bus.ask(Subjects.QUERY_INCIDENTS, new ListQuery(filters, limit == null ? 50 : limit))
                .thenApply(Passthrough::respond);
    }

    @Get("/{id}")
    public CompletableFuture<HttpResponse<?>> one(@PathVariable String id) {
        return bus.ask(Subjects.QUERY_INCIDENT, new ByIdQuery(id)).thenApply(Passthrough::respond);
    }
}
