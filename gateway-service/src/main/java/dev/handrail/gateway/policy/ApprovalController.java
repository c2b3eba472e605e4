package dev.handrail.gateway.policy;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.policy.ApprovalHold;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.action.ActionService;
import dev.handrail.gateway.auth.Caller;
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
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/approvals}: pending (or past) approvals, one approval with who decided what, when
 * and why, and {@code POST /{id}/decide} with {@code approve | deny | hold}. Approve and deny go
 * the way of {@code /v1/actions/{id}/approve|deny} and answer with the action's outcome; hold
 * keeps the approval pending and answers with the approval.
 */
@Controller("/v1/approvals")
public class ApprovalController {

    static final int MAX_LIMIT = 500;

    private final ActionBus bus;
    private final ActionService actions;

    public ApprovalController(ActionBus bus, ActionService actions) {
        this.bus = bus;
        this.actions = actions;
    }

    /** Body of {@code POST /v1/approvals/{id}/decide}. */
    public record DecideBody(String decision, String comment) {}

    @Get("{?state,limit}")
    public CompletableFuture<HttpResponse<?>> list(
            @Nullable @QueryValue String state, @Nullable @QueryValue Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        Map<String, String> filters = new HashMap<>();
        if (state != null) {
            filters.put("state", state);
        }
        return bus.ask(Subjects.QUERY_APPROVALS, new ListQuery(filters, limit == null ? 50 : limit))
                .thenApply(PolicyReplies::respond);
    }

    @Get("/{id}")
    public CompletableFuture<HttpResponse<?>> get(@PathVariable String id) {
        requireId(id);
        return bus.ask(Subjects.QUERY_APPROVAL, new ByIdQuery(id)).thenApply(PolicyReplies::respond);
    }

    @Post("/{id}/decide")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> decide(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        requireId(id);
        DecideBody decide = JsonBodies.read(body, DecideBody.class, false);
        String decision = decide.decision() == null ? null : decide.decision().toLowerCase(Locale.ROOT);
        if (decision == null || !PolicyReplies.DECISIONS.contains(decision)) {
            throw ApiException.validation("decision must be approve, deny or hold");
        }
        Caller caller = Principals.caller(request);
        return switch (decision) {
            case "approve" -> actions.decide(id, DecideCommand.Verdict.APPROVE, caller, decide.comment());
            case "deny" -> actions.decide(id, DecideCommand.Verdict.DENY, caller, decide.comment());
            default ->
                bus.ask(Subjects.QUERY_APPROVAL_HOLD, new ApprovalHold(id, caller.principal(), decide.comment()))
                        .thenApply(PolicyReplies::respond);
        };
    }

    private static void requireId(String id) {
        if (!ActionIds.isValid(id)) {
            throw ApiException.notFound("No approval for action " + id);
        }
    }
}
