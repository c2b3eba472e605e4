package dev.handrail.gateway.mcp;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.json.Json;
import dev.handrail.gateway.action.ActionDetails;
import dev.handrail.gateway.action.ActionResponse;
import dev.handrail.gateway.action.ActionService;
import dev.handrail.gateway.action.PlanRequest;
import dev.handrail.gateway.artifact.ArtifactReader;
import dev.handrail.gateway.auth.Caller;
import dev.handrail.gateway.web.ApiException;
import io.micronaut.context.annotation.Value;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What a tool call does: it plans the capability's action as the caller, in the caller's MCP
 * session, and waits for its outcome. A call that needs approval waits for the person, telling the
 * client so in progress notifications; a client that cancels the call withdraws the action. The
 * outcome becomes the tool's result: the output (structured, and as text; a screenshot as an
 * image) when the action succeeded, {@code isError} with the reason otherwise. Stateless.
 */
@Singleton
public class ActionTools {

    /** The tool-call {@code _meta} key that names a Handrail session other than the MCP session. */
    public static final String SESSION_META = "handrail/session_id";

    private static final Logger LOG = LoggerFactory.getLogger(ActionTools.class);

    private final ActionService actions;
    private final ArtifactReader artifacts;
    private final Duration window;
    private final Duration maxWait;

    public ActionTools(
            ActionService actions,
            ArtifactReader artifacts,
            @Value("${handrail.mcp.progress-every:15s}") Duration window,
            @Value("${handrail.mcp.max-wait:1h}") Duration maxWait) {
        this.actions = actions;
        this.artifacts = artifacts;
        this.window = window;
        this.maxWait = maxWait;
    }

    /** One tool specification per capability of the catalogue. */
    public List<McpServerFeatures.AsyncToolSpecification> specifications() {
        return CapabilityCatalogue.all().stream()
                .map(capability -> McpServerFeatures.AsyncToolSpecification.builder()
                        .tool(ToolCatalogue.tool(capability))
                        .callHandler((exchange, request) -> call(capability, exchange, request))
                        .build())
                .toList();
    }

    Mono<McpSchema.CallToolResult> call(
            Capability capability, McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Caller caller = McpCallers.of(exchange.transportContext());
        Progress progress = new Progress(exchange, request.progressToken());
        PlanRequest plan = new PlanRequest(
                capability.intent(),
                request.arguments() == null ? Map.of() : request.arguments(),
                sessionId(exchange, request),
                null,
                false,
                null,
                null,
                Map.of("via", "mcp"),
                null,
                true);
        return Mono.defer(() -> {
                    ActionService.Started started = actions.start(plan, caller);
                    return Mono.fromFuture(started.outcome())
                            .flatMap(settled -> follow(settled.view(), caller, progress))
                            .timeout(
                                    maxWait,
                                    Mono.defer(() -> Mono.fromFuture(actions.readable(started.actionId(), caller))))
                            .flatMap(view -> result(capability, view))
                            .doOnCancel(() -> withdraw(started.actionId(), caller));
                })
                .onErrorResume(ApiException.class, e -> Mono.just(refused(e)));
    }

    /** Follows the action until it is settled and not waiting for a person, telling the client while it waits. */
    private Mono<ActionView> follow(ActionView view, Caller caller, Progress progress) {
        ActionState state = view.state();
        if (state == null || view.isFinal()) {
            return Mono.just(view);
        }
        progress.tell(
                state == ActionState.PENDING_APPROVAL
                        ? "Waiting for an operator's approval of action " + view.actionId()
                                + (view.expiresAt() == null ? "" : "; it expires at " + view.expiresAt())
                        : "Action " + view.actionId() + " is " + state.wire());
        return Mono.fromFuture(() -> actions.awaitChange(view.actionId(), caller, window))
                .flatMap(next -> follow(next, caller, progress));
    }

    private void withdraw(String actionId, Caller caller) {
        LOG.info(
                "The MCP client of {} cancelled its call; withdrawing action {} if it still waits",
                caller.principal(),
                actionId);
        try {
            actions.cancel(actionId, caller, "The MCP client cancelled the tool call")
                    .whenComplete((answer, e) -> {
                        if (e != null) {
                            LOG.info("Action {} was not withdrawn: {}", actionId, e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("Action {} could not be withdrawn", actionId, e);
        }
    }

    private Mono<McpSchema.CallToolResult> result(Capability capability, ActionView view) {
        Map<String, Object> meta = Map.of(
                "handrail/action_id",
                view.actionId(),
                "handrail/state",
                view.state() == null ? "unknown" : view.state().wire());
        if (view.state() != ActionState.SUCCEEDED) {
            return Mono.just(McpSchema.CallToolResult.builder()
                    .addTextContent(problem(view))
                    .isError(true)
                    .meta(meta)
                    .build());
        }
        Object output = view.execution() == null ? null : view.execution().output();
        Map<String, Object> structured = structured(output);
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder()
                .addTextContent(json(structured))
                .structuredContent(structured)
                .isError(false)
                .meta(meta);
        Object artifact = structured.get("artifact");
        if (!capability.intent().equals("screen.capture") || !(artifact instanceof String name)) {
            return Mono.just(result.build());
        }
        return Mono.fromFuture(() -> artifacts.read(view.actionId(), name)).map(found -> {
            found.ifPresent(picture -> result.addContent(new McpSchema.ImageContent(
                    null, Base64.getEncoder().encodeToString(picture.bytes()), picture.mediaType())));
            return result.build();
        });
    }

    /** The output as an object: a capability's output is one; anything else is wrapped as {@code value}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(Object output) {
        if (output instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        if (output != null) {
            wrapped.put("value", output);
        }
        return wrapped;
    }

    /** What the model reads when the action did not succeed: the state, the error and its reasons. */
    static String problem(ActionView view) {
        ActionDetails details = ActionResponse.of(view).action();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action_id", view.actionId());
        body.put("state", details.state());
        ApiError error = details.error();
        String headline;
        if (view.state() == null || !view.isSettled()) {
            headline = "The action has not finished yet (" + (details.state() == null ? "unknown" : details.state())
                    + "); read resource handrail://actions/" + view.actionId() + " for its trail.";
        } else if (view.state() == ActionState.PENDING_APPROVAL) {
            headline = "No operator has decided yet; read resource handrail://actions/" + view.actionId() + " later.";
        } else {
            headline = "The action " + view.actionId() + " ended " + details.state()
                    + (error == null ? "." : ": " + error.code() + ": " + error.message());
        }
        if (error != null) {
            body.put("error", error);
        }
        if (view.decision() != null && !view.decision().reasons().isEmpty()) {
            body.put("reasons", view.decision().reasons());
        }
        if (view.validation() != null && !view.validation().valid()) {
            body.put("validation", view.validation());
        }
        return headline + "\n" + json(body);
    }

    private static McpSchema.CallToolResult refused(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        return McpSchema.CallToolResult.builder()
                .addTextContent("Refused: " + e.code() + ": " + e.getMessage() + "\n" + json(body))
                .isError(true)
                .build();
    }

    private static String sessionId(McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object named = request.meta() == null ? null : request.meta().get(SESSION_META);
        return named instanceof String s && !s.isBlank() ? s : exchange.sessionId();
    }

    /** Progress notifications of one call, when the client asked for them with a progress token. */
    private static final class Progress {
        private final McpAsyncServerExchange exchange;
        private final Object token;
        private final AtomicInteger count = new AtomicInteger();

        Progress(McpAsyncServerExchange exchange, Object token) {
            this.exchange = exchange;
            this.token = token;
        }

        void tell(String message) {
            if (token == null) {
                return;
            }
            exchange.progressNotification(
                            new McpSchema.ProgressNotification(token, count.incrementAndGet(), null, message))
                    .subscribe(ignored -> {}, e -> LOG.debug("A progress notification was not sent: {}", e.toString()));
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A tool result did not serialise", e);
        }
    }
}
