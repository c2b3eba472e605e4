package dev.handrail.gateway.health;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.ReplayRequest;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.web.Passthrough;
import dev.handrail.gateway.web.Principals;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/dead-letters/{id}/replay}: a new attempt at a dead letter's action, planned
 * through policy on behalf of the caller (so it is validated, decided and, if policy says so,
 * held for approval again); one dead letter makes at most one new action however often this is
 * called. Answered by the health service with {@code dead_letter_id}, {@code replay_action_id}
 * and the new action's {@code state}.
 */
@Controller("/v1/dead-letters")
public class DeadLetterReplayController {

    private final ActionBus bus;

    public DeadLetterReplayController(ActionBus bus) {
        this.bus = bus;
    }

    @Post("/{id}/replay")
    public CompletableFuture<HttpResponse<?>> replay(HttpRequest<?> request, @PathVariable String id) {
        return bus.ask(Subjects.QUERY_DEAD_LETTER_REPLAY, new ReplayRequest(id, Principals.of(request)))
                .thenApply(Passthrough::respond);
    }
}
