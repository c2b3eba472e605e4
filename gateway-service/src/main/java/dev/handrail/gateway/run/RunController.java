package dev.handrail.gateway.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.contracts.run.RunRequest;
import dev.handrail.contracts.run.RunRequest.Op;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.action.ActionService;
import dev.handrail.gateway.auth.Caller;
import dev.handrail.gateway.auth.Role;
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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs, their steps, tool calls, artifacts and leases (docs/runs.md), kept by the policy
 * service: this controller relays each request with the caller's principal and whether the
 * caller may see every run (operator, admin), and answers with policy's reply. A change that
 * creates something answers 201. An agent sees the runs it created or works on.
 */
@Controller("/v1")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
public class RunController {

    static final int MAX_LIMIT = 200;
    /** At most this many actions of a run get their projected state read. */
    static final int MAX_ACTION_STATES = 200;
    /** At most this many events of the run and of each of its actions make its trail. */
    static final int TRAIL_EVENTS = 1000;

    private final ActionBus bus;
    private final ActionService actions;

    public RunController(ActionBus bus, ActionService actions) {
        this.bus = bus;
        this.actions = actions;
    }

    @Get("/runs{?state,limit}")
    public CompletableFuture<HttpResponse<?>> list(
            HttpRequest<?> request, @Nullable @QueryValue String state, @Nullable @QueryValue Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.validation("limit must be between 1 and " + MAX_LIMIT);
        }
        ObjectNode query = Json.mapper().createObjectNode();
        query.put("state", state);
        query.put("limit", limit == null ? 0 : limit);
        return read(request, Op.LIST, null, query);
    }

    /**
     * One run with its steps; each action shows the state its projection has reached (policy
     * knows only how it was decided), or policy's when the projection does not have it yet.
     */
    @Get("/runs/{id}")
    public CompletableFuture<HttpResponse<?>> get(HttpRequest<?> request, @PathVariable String id) {
        return bus.ask(Subjects.QUERY_RUNS, runRequest(request, Op.GET, id, null))
                .thenCompose(reply -> {
                    if (!reply.ok() || reply.data() == null) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    List<CompletableFuture<?>> reads = new ArrayList<>();
                    for (JsonNode step : reply.data().path("run").path("steps")) {
                        for (JsonNode action : step.path("actions")) {
                            if (reads.size() < MAX_ACTION_STATES && action instanceof ObjectNode a) {
                                reads.add(actions.projection(a.path("action_id").asText())
                                        .thenAccept(view -> view.map(ActionView::state)
                                                .ifPresent(state -> a.put("state", state.wire())))
                                        .exceptionally(failed -> null));
                            }
                        }
                    }
                    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                            .thenApply(done -> reply);
                })
                .thenApply(Passthrough::respond);
    }

    /**
     * The run's trail as a whole: its own events and those of every action planned in it, in the
     * audit chain's order (at most 1,000 of each), as {@code {run_id, events}}.
     */
    @Get("/runs/{id}/trail")
    public CompletableFuture<HttpResponse<?>> trail(HttpRequest<?> request, @PathVariable String id) {
        return bus.ask(Subjects.QUERY_RUNS, runRequest(request, Op.GET, id, null))
                .thenCompose(reply -> {
                    if (!reply.ok() || reply.data() == null) {
                        return CompletableFuture.completedFuture(Passthrough.respond(reply));
                    }
                    List<String> subjects = new ArrayList<>();
                    subjects.add(id);
                    for (JsonNode step : reply.data().path("run").path("steps")) {
                        for (JsonNode action : step.path("actions")) {
                            subjects.add(action.path("action_id").asText());
                        }
                    }
                    List<CompletableFuture<Reply>> pages = subjects.stream()
                            .limit(MAX_ACTION_STATES + 1L)
                            .map(subject -> bus.ask(
                                    Subjects.QUERY_EVENTS,
                                    new EventQuery(0, 0, TRAIL_EVENTS, subject, null, null, null, null)))
                            .toList();
                    return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                            .thenApply(done -> trail(id, pages));
                });
    }

    private static HttpResponse<?> trail(String runId, List<CompletableFuture<Reply>> pages) {
        List<JsonNode> events = new ArrayList<>();
        for (CompletableFuture<Reply> page : pages) {
            Reply reply = page.join();
            if (!reply.ok()) {
                throw ApiException.upstreamFailed(reply.error());
            }
            reply.data().path("events").forEach(events::add);
        }
        events.sort(Comparator.comparingLong(e -> e.path("seq").asLong()));
        ObjectNode body = Json.mapper().createObjectNode().put("ok", true).put("run_id", runId);
        body.set("events", Json.mapper().valueToTree(events));
        return HttpResponse.ok(body);
    }

    @Post("/runs")
    public CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request, @Nullable @Body String body) {
        return change(request, Op.CREATE, null, JsonBodies.object(body, false)).thenApply(RunController::created);
    }

    @Post("/runs/claim")
    public CompletableFuture<HttpResponse<?>> claim(HttpRequest<?> request, @Nullable @Body String body) {
        return change(request, Op.CLAIM, null, JsonBodies.object(body, true));
    }

    @Post("/runs/{id}/lease/heartbeat")
    public CompletableFuture<HttpResponse<?>> heartbeat(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.HEARTBEAT, id, JsonBodies.object(body, false));
    }

    @Post("/runs/{id}/lease/release")
    public CompletableFuture<HttpResponse<?>> release(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.RELEASE, id, JsonBodies.object(body, false));
    }

    @Post("/runs/{id}/complete")
    public CompletableFuture<HttpResponse<?>> complete(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.COMPLETE, id, JsonBodies.object(body, false));
    }

    @Post("/runs/{id}/fail")
    public CompletableFuture<HttpResponse<?>> fail(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.FAIL, id, JsonBodies.object(body, false));
    }

    @Post("/runs/{id}/cancel")
    public CompletableFuture<HttpResponse<?>> cancel(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.CANCEL, id, JsonBodies.object(body, true));
    }

    @Post("/runs/{id}/steps")
    public CompletableFuture<HttpResponse<?>> startStep(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.STEP_START, id, JsonBodies.object(body, false))
                .thenApply(ok -> ok.body() instanceof JsonNode node
                                && node.path("created").asBoolean(true)
                        ? created(ok)
                        : ok);
    }

    @Post("/steps/{id}/succeed")
    public CompletableFuture<HttpResponse<?>> stepSucceeded(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.STEP_SUCCEED, id, JsonBodies.object(body, false));
    }

    @Post("/steps/{id}/fail")
    public CompletableFuture<HttpResponse<?>> stepFailed(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.STEP_FAIL, id, JsonBodies.object(body, false));
    }

    @Post("/steps/{id}/toolcalls")
    public CompletableFuture<HttpResponse<?>> startToolCall(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.TOOL_CALL_START, id, JsonBodies.object(body, false))
                .thenApply(RunController::created);
    }

    @Post("/steps/{id}/artifacts")
    public CompletableFuture<HttpResponse<?>> addArtifact(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.ARTIFACT_ADD, id, JsonBodies.object(body, false))
                .thenApply(RunController::created);
    }

    @Post("/toolcalls/{id}/succeed")
    public CompletableFuture<HttpResponse<?>> toolCallSucceeded(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.TOOL_CALL_SUCCEED, id, JsonBodies.object(body, false));
    }

    @Post("/toolcalls/{id}/fail")
    public CompletableFuture<HttpResponse<?>> toolCallFailed(
            HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return change(request, Op.TOOL_CALL_FAIL, id, JsonBodies.object(body, false));
    }

    private CompletableFuture<HttpResponse<?>> read(
            HttpRequest<?> request, Op op, @Nullable String id, @Nullable JsonNode body) {
        return bus.ask(Subjects.QUERY_RUNS, runRequest(request, op, id, body)).thenApply(Passthrough::respond);
    }

    private CompletableFuture<HttpResponse<?>> change(
            HttpRequest<?> request, Op op, @Nullable String id, JsonNode body) {
        return bus.ask(Subjects.QUERY_RUN_CHANGE, runRequest(request, op, id, body))
                .thenApply(Passthrough::respond);
    }

    private static RunRequest runRequest(HttpRequest<?> request, Op op, @Nullable String id, @Nullable JsonNode body) {
        Caller caller = Principals.caller(request);
        return new RunRequest(op, id, body, caller.principal(), caller.is(Role.OPERATOR));
    }

    private static HttpResponse<?> created(HttpResponse<?> ok) {
        return HttpResponse.created(ok.body());
    }
}
