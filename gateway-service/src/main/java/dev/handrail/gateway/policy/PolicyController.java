package dev.handrail.gateway.policy;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.policy.WhatIfQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.action.PlanRequest;
import dev.handrail.gateway.action.PlanRequestParser;
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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/policy}: the policy in force ({@code GET}), a plan evaluated without creating an
 * action ({@code POST /evaluate}), and a candidate policy file replayed against recorded actions
 * ({@code POST /what-if}). Answered by the policy service.
 */
@Controller("/v1/policy")
public class PolicyController {

    /** The most recorded actions one what-if may replay. */
    static final int MAX_WHAT_IF = 500;

    private final ActionBus bus;

    public PolicyController(ActionBus bus) {
        this.bus = bus;
    }

    /** Body of {@code POST /v1/policy/what-if}: the candidate file as YAML text and how many recorded actions to replay. */
    public record WhatIfRequest(String policy, Integer limit) {}

    @Get
    public CompletableFuture<HttpResponse<?>> status() {
        return bus.ask(Subjects.QUERY_POLICY_STATUS, new ListQuery(Map.of(), 0)).thenApply(PolicyReplies::respond);
    }

    @Post("/evaluate")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> evaluate(HttpRequest<?> request, @Nullable @Body String body) {
        PlanRequest plan = PlanRequestParser.parse(body);
        PlanCommand command = new PlanCommand(
                null,
                plan.intent(),
                plan.params(),
                plan.sessionId(),
                Principals.of(request),
                plan.idempotencyKey(),
                Boolean.TRUE.equals(plan.dryRun()),
                plan.timeoutMs(),
                plan.maxRetries(),
                plan.metadata(),
                plan.node(),
                Instant.now());
        return bus.ask(Subjects.QUERY_POLICY_EVALUATE, command).thenApply(PolicyReplies::respond);
    }

    @Post("/what-if")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> whatIf(@Nullable @Body String body) {
        WhatIfRequest whatIf = JsonBodies.read(body, WhatIfRequest.class, false);
        if (whatIf.policy() == null || whatIf.policy().isBlank()) {
            throw ApiException.validation("Missing required field: policy (the candidate policy file as YAML text)");
        }
        if (whatIf.limit() != null && (whatIf.limit() < 1 || whatIf.limit() > MAX_WHAT_IF)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_WHAT_IF);
        }
        return bus.ask(
                        Subjects.QUERY_POLICY_WHAT_IF,
                        new WhatIfQuery(whatIf.policy(), whatIf.limit() == null ? 100 : whatIf.limit()))
                .thenApply(PolicyReplies::respond);
    }
}
