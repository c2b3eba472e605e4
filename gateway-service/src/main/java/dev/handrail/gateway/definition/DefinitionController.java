package dev.handrail.gateway.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.definition.DefinitionRender;
import dev.handrail.contracts.definition.DefinitionVersionQuery;
import dev.handrail.contracts.definition.DefinitionWrite;
import dev.handrail.contracts.definition.RenderedPlan;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.action.ActionService;
import dev.handrail.gateway.action.PlanRequest;
import dev.handrail.gateway.action.PlanRequestParser;
import dev.handrail.gateway.policy.JsonBodies;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Passthrough;
import dev.handrail.gateway.web.Principals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/action-definitions}: the registry of reusable action definitions, kept and validated
 * by the policy service (docs/definitions.md), and {@code POST /{id}/run}, which renders a
 * definition's current version into a plan and plans it exactly as {@code POST /v1/actions/plan}
 * does, through policy; the action's metadata names the definition and version. Answers
 * {@code {ok, action}} and {@code {ok, actions}}.
 */
@Controller("/v1/action-definitions")
public class DefinitionController {

    static final int MAX_LIMIT = 200;

    private final ActionBus bus;
    private final ActionService actions;

    public DefinitionController(ActionBus bus, ActionService actions) {
        this.bus = bus;
        this.actions = actions;
    }

    /** Body of a run: the arguments of an action definition, and how to plan it. */
    public record RunRequest(
            Map<String, Object> arguments,
            String sessionId,
            String idempotencyKey,
            Boolean dryRun,
            String node,

            @com.fasterxml.jackson.annotation.JsonProperty("wait")
            Boolean waitForOutcome,

            String runId,
            String stepId,
            String leaseToken) {}

    @Get("{?limit,kind}")
    public CompletableFuture<HttpResponse<?>> list(
            @Nullable @QueryValue Integer limit, @Nullable @QueryValue String kind) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        Map<String, String> filters = kind == null ? Map.of() : Map.of("kind", kind);
        return bus.ask(Subjects.QUERY_DEFINITIONS, new ListQuery(filters, limit == null ? 0 : limit))
                .thenApply(Passthrough::respond);
    }

    @Get("/{id}")
    public CompletableFuture<HttpResponse<?>> get(@PathVariable String id) {
        return bus.ask(Subjects.QUERY_DEFINITION, new ByIdQuery(id)).thenApply(Passthrough::respond);
    }

    /** Every stored version of a definition, newest first; they outlive the definition. */
    @Get("/{id}/versions")
    public CompletableFuture<HttpResponse<?>> versions(@PathVariable String id) {
        return bus.ask(Subjects.QUERY_DEFINITION_VERSIONS, new DefinitionVersionQuery(id, null))
                .thenApply(Passthrough::respond);
    }

    /** One stored version of a definition, as an action run from it was rendered. */
    @Get("/{id}/versions/{version}")
    public CompletableFuture<HttpResponse<?>> version(@PathVariable String id, @PathVariable int version) {
        return bus.ask(Subjects.QUERY_DEFINITION_VERSIONS, new DefinitionVersionQuery(id, version))
                .thenApply(Passthrough::respond);
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request, @Nullable @Body String body) {
        return bus.ask(
                        Subjects.QUERY_DEFINITION_CREATE,
                        new DefinitionWrite(null, object(body), Principals.of(request)))
                .thenApply(reply -> created(Passthrough.respond(reply)));
    }

    @Put("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> update(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return bus.ask(Subjects.QUERY_DEFINITION_UPDATE, new DefinitionWrite(id, object(body), Principals.of(request)))
                .thenApply(Passthrough::respond);
    }

    @Delete("/{id}")
    public CompletableFuture<HttpResponse<?>> delete(@PathVariable String id) {
        return bus.ask(Subjects.QUERY_DEFINITION_DELETE, new ByIdQuery(id)).thenApply(Passthrough::respond);
    }

    @Post("/{id}/run")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> run(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        RunRequest run = runRequest(body);
        Map<String, Object> arguments = run.arguments() == null ? Map.of() : run.arguments();
        return bus.ask(Subjects.QUERY_DEFINITION_RENDER, new DefinitionRender(id, arguments))
                .thenCompose(reply -> actions.plan(plan(reply, run), Principals.caller(request)));
    }

    /** The plan a rendered definition makes, checked like any plan body. */
    private static PlanRequest plan(Reply reply, RunRequest run) {
        if (!reply.ok()) {
            throw ApiException.relayed(reply.error());
        }
        RenderedPlan rendered = reply.data(RenderedPlan.class);
        Map<String, Object> metadata = new HashMap<>(rendered.metadata());
        PlanRequest plan = new PlanRequest(
                rendered.intent(),
                rendered.params(),
                run.sessionId(),
                run.idempotencyKey(),
                run.dryRun(),
                rendered.timeoutMs(),
                null,
                metadata,
                run.node(),
                run.waitForOutcome(),
                run.runId(),
                run.stepId(),
                run.leaseToken());
        PlanRequestParser.check(plan);
        return plan;
    }

    private static RunRequest runRequest(String body) {
        if (body == null || body.isBlank()) {
            return new RunRequest(Map.of(), null, null, null, null, null, null, null, null);
        }
        object(body);
        try {
            return Json.mapper().readValue(body, RunRequest.class);
        } catch (MismatchedInputException e) {
            String field =
                    e.getPath().isEmpty() ? "body" : e.getPath().getFirst().getFieldName();
            throw new ApiException(ErrorCode.INVALID_BODY, "Field " + field + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode object(String body) {
        return JsonBodies.object(body, false);
    }

    private static HttpResponse<?> created(HttpResponse<?> ok) {
        return HttpResponse.created(ok.body());
    }
}
