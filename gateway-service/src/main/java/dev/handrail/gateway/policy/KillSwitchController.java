package dev.handrail.gateway.policy;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.policy.KillSwitchRequest;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.gateway.action.ActionBus;
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
import io.micronaut.http.annotation.Post;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/kill-switch}: every engaged scope ({@code GET}); engage or release one
 * ({@code POST {scope, engaged, reason}}). Answered by the policy service, which stores the
 * change and announces it to every instance of every service.
 */
@Controller("/v1/kill-switch")
public class KillSwitchController {

    private final ActionBus bus;

    public KillSwitchController(ActionBus bus) {
        this.bus = bus;
    }

    /** Body of {@code POST /v1/kill-switch}. */
    public record KillSwitchBody(String scope, Boolean engaged, String reason) {}

    @Get
    public CompletableFuture<HttpResponse<?>> engaged() {
        return bus.ask(Subjects.QUERY_KILL_SWITCHES, new ListQuery(Map.of(), 0)).thenApply(PolicyReplies::respond);
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> set(HttpRequest<?> request, @Nullable @Body String body) {
        KillSwitchBody change = JsonBodies.read(body, KillSwitchBody.class, false);
        if (change.scope() == null || change.scope().isBlank()) {
            throw ApiException.validation("Missing required field: scope (global, capability:<intent> or node:<id>)");
        }
        if (change.engaged() == null) {
            throw ApiException.validation("Missing required field: engaged (true or false)");
        }
        return bus.ask(
                        Subjects.QUERY_KILL_SWITCH_SET,
                        new KillSwitchRequest(
                                change.scope(), change.engaged(), change.reason(), Principals.of(request)))
                .thenApply(PolicyReplies::respond);
    }
}
