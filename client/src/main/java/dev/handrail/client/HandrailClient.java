package dev.handrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client of Handrail's public {@code /v1} HTTP API and its live feed, for the command line and
 * other tools: every call sends the bearer token, answers a record (or the JSON where the API's
 * answer has no fixed shape), and throws {@link HandrailException.ApiError} with the API's stable
 * error code, or {@link HandrailException.Unreachable} when the gateway cannot be reached.
 * Thread-safe: it holds only immutable settings and a {@link HttpClient}.
 */
public final class HandrailClient {

    /** The gateway of {@code ./handrail up} on its default port. */
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8080");

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /** A client of the gateway at {@code base} sending {@code token} (null: none). */
    public HandrailClient(URI base, String token) {
        this(base, token, Duration.ofSeconds(90));
    }

    /** As {@link #HandrailClient(URI, String)}, with a limit on each request (plans wait for their outcome). */
    public HandrailClient(URI base, String token, Duration timeout) {
        String text = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.timeout = timeout;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The gateway this client talks to, without a trailing slash. */
    public URI base() {
        return base;
    }

    // ---- who am I, what can be done

    /** Who the token belongs to ({@code GET /v1/me}): principal, kind, role and token id. */
    public Me me() {
        JsonNode body = get("/v1/me");
        return new Me(
                Json.text(body, "principal"),
                Json.text(body, "kind"),
                Json.text(body, "role"),
                Json.text(body, "token_id"));
    }

    /** The capability catalogue with what is implemented and enabled ({@code GET /v1/capabilities}). */
    public JsonNode capabilities() {
        return get("/v1/capabilities");
    }

    // ---- actions

    /** What an agent asks for ({@code POST /v1/actions/plan}). */
    public record PlanRequest(
            String intent,
            Map<String, Object> params,
            String sessionId,
            boolean dryRun,
            boolean waitForOutcome,
            String idempotencyKey) {

        public PlanRequest {
            Objects.requireNonNull(intent, "intent");
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        /** A plan of {@code intent} with {@code params} that waits for its outcome. */
        public static PlanRequest of(String intent, Map<String, Object> params) {
            return new PlanRequest(intent, params, null, false, true, null);
        }
    }

    /**
     * Plans an action. A plan the API refuses as invalid (400 {@code VALIDATION_FAILED}) answers
     * with the action in state {@code rejected}, as the API does, rather than throwing.
     */
    public ActionView plan(PlanRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intent", request.intent());
        body.put("params", request.params());
        if (request.sessionId() != null) {
            body.put("session_id", request.sessionId());
        }
        if (request.idempotencyKey() != null) {
            body.put("idempotency_key", request.idempotencyKey());
        }
        body.put("dry_run", request.dryRun());
        body.put("wait", request.waitForOutcome());
        Answer answer = send(builder("/v1/actions/plan").POST(jsonBody(body)));
        if (answer.status() == 400 && answer.body().hasNonNull("action_id")) {
            return ActionView.of(answer.body());
        }
        return ActionView.of(orThrow(answer));
    }

    /** One action ({@code GET /v1/actions/{id}}). */
    public ActionView action(String id) {
        return action(id, Duration.ZERO);
    }

    /** Filters of {@link #actions}; null fields do not filter. */
    public record ActionFilter(String sessionId, String state, String intent, Integer limit) {}

    /** Actions, newest first ({@code GET /v1/actions}). */
    public List<ActionView> actions(ActionFilter filter) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("session_id", filter.sessionId());
        query.put("state", filter.state());
        query.put("intent", filter.intent());
        query.put("limit", filter.limit());
        List<ActionView> actions = new ArrayList<>();
        get("/v1/actions" + query(query)).path("actions").forEach(a -> actions.add(ActionView.of(a)));
        return actions;
    }

    /** Every lifecycle event of one action, in order ({@code GET /v1/audit-trails/{id}}): the {@code trail} object. */
    public JsonNode trail(String actionId) {
        return get("/v1/audit-trails/" + segment(actionId)).path("trail");
    }

    /**
     * Plans an action and waits through approval: when the plan answers before the action is
     * settled (pending an operator's approval, or accepted but not finished), waits for the outcome
     * as {@link #awaitOutcome} does and answers the final state, or the latest one seen once
     * {@code within} has passed (still {@code pending_approval} when nobody decided in time).
     */
    public ActionView planAndWait(PlanRequest request, Duration within) {
        Instant deadline = Instant.now().plus(within);
        ActionView planned = plan(request);
        if (planned.settled() || planned.actionId() == null) {
            return planned;
        }
        return awaitOutcome(planned.actionId(), remaining(deadline), false);
    }

    /**
     * Withdraws an action of the caller's that is pending approval ({@code POST
     * /v1/actions/{id}/cancel}) and answers it, now {@code cancelled}; {@code reason} (null: none)
     * is recorded on its trail. Throws {@link HandrailException.ApiError} {@code NOT_FOUND} for an
     * unknown action or another principal's, {@code NOT_PENDING} when it is no longer pending.
     */
    public ActionView cancel(String actionId, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null) {
            body.put("reason", reason);
        }
        JsonNode answer = orThrow(
                send(builder("/v1/actions/" + segment(actionId) + "/cancel").POST(jsonBody(body))));
        return ActionView.of(answer.has("action") ? answer.get("action") : answer);
    }

    /**
     * Waits until the action is settled (or pending approval, when {@code orPending}) and answers
     * it; past {@code within} answers the latest state seen. Each request is a long poll ({@code
     * GET /v1/actions/{id}?wait_ms=}) that the gateway answers as soon as the state changes, at
     * most 30 s long and never past {@code within}. An action the audit projection
     * does not know yet (404) is asked for again until {@code within} has passed.
     */
    public ActionView awaitOutcome(String actionId, Duration within, boolean orPending) {
        Instant deadline = Instant.now().plus(within);
        ActionView latest = null;
        while (true) {
            HandrailException.ApiError notYet = null;
            Duration wait = min(LONG_POLL, remaining(deadline));
            Instant asked = Instant.now();
            String before = latest == null ? null : latest.state();
            try {
                latest = action(actionId, latest == null ? Duration.ZERO : wait);
                if (latest.settled() || (orPending && "pending_approval".equals(latest.state()))) {
                    return latest;
                }
            } catch (HandrailException.ApiError e) {
                // The audit projection may not have the action yet: a 404 means "not yet" until the deadline.
                if (e.status() != 404) {
                    throw e;
                }
                notYet = e;
            }
            if (!Instant.now().isBefore(deadline)) {
                if (latest == null) {
                    throw notYet;
                }
                return latest;
            }
            if (notYet != null || Objects.equals(before, latest.state())) {
                // Not known yet, or a gateway that answered without waiting: do not ask again at once.
                Duration since = Duration.between(asked, Instant.now());
                if (since.compareTo(MIN_POLL) < 0) {
                    pause(min(MIN_POLL.minus(since), remaining(deadline)));
                }
            }
        }
    }

    /** The longest single wait of {@link #awaitOutcome}'s long polls (the gateway allows up to a minute). */
    static final Duration LONG_POLL = Duration.ofSeconds(30);

    /** The shortest time between two polls that answered nothing new. */
    static final Duration MIN_POLL = Duration.ofMillis(200);

    /** One action, answered as soon as its state changes within {@code wait} (zero: at once). */
    private ActionView action(String id, Duration wait) {
        long waitMs = Math.max(0, wait.toMillis());
        HttpRequest.Builder request = builder("/v1/actions/" + segment(id) + (waitMs > 0 ? "?wait_ms=" + waitMs : ""));
        if (waitMs > 0) {
            // The request outlives its wait by a margin, so a slow answer is not mistaken for a dead gateway.
            request.timeout(wait.plus(timeout));
        }
        return ActionView.of(orThrow(send(request.GET())).path("action"));
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // ---- approvals

    /** What an operator decides on a pending approval. */
    public enum Decision {
        APPROVE,
        DENY,
        HOLD;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Approvals, newest first ({@code GET /v1/approvals}); {@code state} null for every state. */
    public List<Approval> approvals(String state, Integer limit) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("limit", limit);
        List<Approval> approvals = new ArrayList<>();
        get("/v1/approvals" + query(query)).path("approvals").forEach(a -> approvals.add(Approval.of(a)));
        return approvals;
    }

    /** One approval with its history ({@code GET /v1/approvals/{id}}). */
    public Approval approval(String actionId) {
        JsonNode body = get("/v1/approvals/" + segment(actionId));
        return Approval.of(body.has("approval") ? body.get("approval") : body);
    }

    /**
     * Decides a pending approval ({@code POST /v1/approvals/{id}/decide}). Approve and deny answer
     * the action where the decision led; hold answers the action as it stands (still pending).
     */
    public ActionView decide(String actionId, Decision decision, String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.wire());
        if (comment != null) {
            body.put("comment", comment);
        }
        JsonNode answer = orThrow(
                send(builder("/v1/approvals/" + segment(actionId) + "/decide").POST(jsonBody(body))));
        if (decision == Decision.HOLD) {
            JsonNode approval = answer.has("approval") ? answer.get("approval") : answer;
            return new ActionView(
                    actionId,
                    Json.text(approval, "intent"),
                    "pending_approval",
                    Json.text(approval, "risk_level"),
                    Json.text(approval, "session_id"),
                    Json.text(approval, "node"),
                    Json.text(approval, "requested_at"),
                    null,
                    null,
                    answer);
        }
        return ActionView.of(answer);
    }

    // ---- runs

    /**
     * Runs, newest first ({@code GET /v1/runs}): the {@code runs} array of summaries; {@code state}
     * (queued, running, completed, failed, cancelled) and {@code limit} null do not filter.
     */
    public JsonNode runs(String state, Integer limit) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("limit", limit);
        return get("/v1/runs" + query(query)).path("runs");
    }

    /** One run with its steps, their tool calls, artifacts and actions ({@code GET /v1/runs/{id}}). */
    public JsonNode run(String id) {
        return get("/v1/runs/" + segment(id)).path("run");
    }

    /**
     * Cancels a queued or running run ({@code POST /v1/runs/{id}/cancel}; its creator, an operator or
     * an admin) and answers it, now {@code cancelled}; {@code reason} (null: none) is kept on the
     * run. Throws {@link HandrailException.ApiError} {@code NOT_FOUND} for a run the caller may not
     * see, {@code ALREADY_ENDED} for one that has ended.
     */
    public JsonNode cancelRun(String id, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null) {
            body.put("reason", reason);
        }
        return orThrow(send(builder("/v1/runs/" + segment(id) + "/cancel").POST(jsonBody(body))))
                .path("run");
    }

    // ---- kill switch

    /** Every engaged scope ({@code GET /v1/kill-switch}). */
    public List<KillSwitchScope> killSwitch() {
        return scopes(get("/v1/kill-switch"));
    }

    /** Engages or releases one scope (admin); answers every engaged scope afterwards. */
    public List<KillSwitchScope> setKillSwitch(String scope, boolean engaged, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope);
        body.put("engaged", engaged);
        if (reason != null) {
            body.put("reason", reason);
        }
        return scopes(orThrow(send(builder("/v1/kill-switch").POST(jsonBody(body)))));
    }

    private static List<KillSwitchScope> scopes(JsonNode body) {
        List<KillSwitchScope> scopes = new ArrayList<>();
        body.path("engaged").forEach(s -> {
            if (s.path("engaged").asBoolean(true)) {
                scopes.add(KillSwitchScope.of(s));
            }
        });
        return scopes;
    }

    // ---- tokens

    /** Every token (admin; {@code GET /v1/tokens}): never their secrets. */
    public List<TokenInfo> tokens() {
        List<TokenInfo> tokens = new ArrayList<>();
        get("/v1/tokens").path("tokens").forEach(t -> tokens.add(TokenInfo.of(t)));
        return tokens;
    }

    /** Issues a token (admin); {@code expiresIn} null for one that does not expire. */
    public IssuedToken createToken(String principal, String role, Duration expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("principal", principal);
        body.put("role", role);
        if (expiresIn != null) {
            body.put("expires_in_s", expiresIn.toSeconds());
        }
        return IssuedToken.of(orThrow(send(builder("/v1/tokens").POST(jsonBody(body)))));
    }

    /** Revokes a token (admin): it is refused from then on. */
    public void revokeToken(String id) {
        orThrow(send(builder("/v1/tokens/" + segment(id)).DELETE()));
    }

    // ---- health and recovery

    /** {@code GET /v1/health/summary}: overall state and each dependency's. */
    public JsonNode health() {
        return get("/v1/health/summary");
    }

    /** {@code GET /v1/breakers}: each breaker by name. */
    public JsonNode breakers() {
        return get("/v1/breakers");
    }

    /** Closes a breaker by name (admin; {@code POST /v1/breakers/{name}/reset}): its state afterwards. */
    public JsonNode resetBreaker(String name) {
        return orThrow(send(builder("/v1/breakers/" + segment(name) + "/reset").POST(jsonBody(Map.of()))));
    }

    /** {@code GET /v1/dead-letters}: {@code dead_letters} and {@code total}. */
    public JsonNode deadLetters(Integer limit) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        return get("/v1/dead-letters" + query(query));
    }

    /** Replays a dead letter as a new action through policy (admin); the answer names the new action. */
    public JsonNode replayDeadLetter(String id) {
        return orThrow(
                send(builder("/v1/dead-letters/" + segment(id) + "/replay").POST(jsonBody(Map.of()))));
    }

    /** {@code GET /v1/incidents}: incidents in {@code state} (null: every state). */
    public JsonNode incidents(String state) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        return get("/v1/incidents" + query(query));
    }

    // ---- audit

    /**
     * Streams the signed audit export ({@code GET /v1/audit/export}, JSON lines) into {@code out};
     * answers the bytes written. The caller closes {@code out}.
     */
    public long exportAudit(java.io.OutputStream out) {
        HttpRequest request = builder("/v1/audit/export")
                .timeout(Duration.ofMinutes(30))
                .GET()
                .build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                orThrow(new Answer(
                        response.statusCode(), parseOrEmpty(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            }
            return in.transferTo(out);
        } catch (IOException e) {
            throw new HandrailException.Unreachable("The export broke off: " + e.getMessage(), e);
        }
    }

    /** {@code GET /v1/audit/verify}: the chain checked by the audit service itself. */
    public JsonNode verifyAudit() {
        return get("/v1/audit/verify");
    }

    // ---- policy

    /** The policy in force (admin). */
    public JsonNode policy() {
        return get("/v1/policy");
    }

    /** Replays the last recorded actions under a candidate policy file (admin). */
    public JsonNode whatIf(String policyYaml, Integer limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policyYaml);
        if (limit != null) {
            body.put("limit", limit);
        }
        return orThrow(send(builder("/v1/policy/what-if").POST(jsonBody(body))));
    }

    // ---- the live feed

    /**
     * The seq of the newest stored event ({@code head_seq} of {@code GET /v1/events}): a feed opened
     * from the next one misses nothing that happened after this call.
     */
    public long headSeq() {
        return get("/v1/events?limit=1").path("head_seq").asLong();
    }

    /**
     * Opens the live feed ({@code GET /v1/events/stream}) from {@code fromSeq} (null: the live
     * edge). The feed reconnects by itself with Last-Event-ID and hands out every event once.
     */
    public EventFeed feed(EventFeed.Filter filter, Long fromSeq) {
        return new EventFeed(this, filter, fromSeq);
    }

    /**
     * The live feed as a {@link java.util.concurrent.Flow.Publisher}: each subscriber gets its
     * own connection from {@code fromSeq} (null: the live edge), opened at its first request and
     * resumed with Last-Event-ID after a drop, and is handed each event once, in seq order, only as
     * fast as it requests them. Cancelling closes the connection. A refusal (401, 403) or a
     * gateway that cannot be reached at first ends the subscription with {@code onError} carrying
     * the {@link HandrailException}. For an agent's token the gateway sends only that agent's own
     * actions.
     */
    public java.util.concurrent.Flow.Publisher<StoredEvent> events(EventFeed.Filter filter, Long fromSeq) {
        return new FeedPublisher(this, filter, fromSeq);
    }

    // ---- MCP

    /**
     * A connection to the gateway's MCP server ({@code /mcp}, Streamable HTTP) carrying JSON-RPC
     * messages as they are, for a bridge or a client that speaks MCP itself.
     */
    public McpConnection mcp() {
        return new McpConnection(this);
    }

    // ---- plumbing

    /** A status and the parsed JSON body (an empty object when there is none). */
    record Answer(int status, JsonNode body) {}

    JsonNode get(String path) {
        return orThrow(send(builder(path).GET()));
    }

    HttpRequest.Builder builder(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Content-Type", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new HandrailException.Unreachable(
                    "Cannot reach the gateway at " + base + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandrailException.Unreachable("Interrupted while calling " + base, e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), parseOrEmpty(response.body()));
    }

    static JsonNode orThrow(Answer answer) {
        if (answer.status() >= 200 && answer.status() < 300) {
            return answer.body();
        }
        throw error(answer.status(), answer.body());
    }

    static HandrailException.ApiError error(int status, JsonNode body) {
        JsonNode error = body.path("error");
        String code = Json.text(error, "code");
        String message = Json.text(error, "message");
        return new HandrailException.ApiError(
                status, code == null ? "HTTP_" + status : code, message == null ? "HTTP status " + status : message);
    }

    private static JsonNode parseOrEmpty(String text) {
        if (text == null || text.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return Json.mapper().createObjectNode().put("text", text);
        }
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) {
        return HttpRequest.BodyPublishers.ofString(Json.compact(body));
    }

    static String segment(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "id"), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    static String query(Map<String, Object> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&')
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandrailException.Unreachable("Interrupted", e);
        }
    }
}
