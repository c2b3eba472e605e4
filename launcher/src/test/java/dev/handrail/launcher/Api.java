package dev.handrail.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the gateway, the way an API client would call it. */
final class Api {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    /** A client that sends {@code token} as its bearer token (null: none). */
    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The bearer token this client sends, for a browser to sign in with. */
    String token() {
        return token;
    }

    /** A client with a new token for {@code principal} in {@code role}, issued by this (admin) client. */
    Api as(String principal, String role) {
        Answer issued = post("/v1/tokens", Map.of("principal", principal, "role", role));
        if (issued.status() != 201) {
            throw new IllegalStateException("Cannot issue a token: " + issued.status() + " " + issued.body());
        }
        return new Api(base, issued.body().get("token").asText());
    }

    /** A client of the system with its admin token. */
    static Api admin(LocalSystem system) {
        return new Api(system.gatewayUrl(), system.adminToken());
    }

    /** A status code and the parsed JSON body. */
    record Answer(int status, JsonNode body) {}

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Answer post(String path, Object body) {
        String json =
                body instanceof String s ? s : new String(Json.bytes(body), java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, Object body) {
        String json =
                body instanceof String s ? s : new String(Json.bytes(body), java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer patch(String path, Object body) {
        String json =
                body instanceof String s ? s : new String(Json.bytes(body), java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Status and raw text of a GET, for endpoints that do not answer JSON. */
    HttpResponse<String> text(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Status, headers and raw bytes of a GET with this client's token, for endpoints that answer files. */
    HttpResponse<byte[]> bytes(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the node has been heard from and implements {@code intent}: before its first
     * heartbeat reaches policy, a plan is rejected as not implemented.
     */
    void awaitNodeImplements(String intent) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .ignoreExceptions()
                .until(() -> {
                    JsonNode capabilities = get("/v1/capabilities").body().get("capabilities");
                    for (JsonNode c : capabilities) {
                        if (c.get("intent").asText().equals(intent)
                                && c.get("implemented").asBoolean()) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    Answer plan(Map<String, Object> body) {
        return post("/v1/actions/plan", body);
    }

    /** Plans a {@code file.read} of {@code path} as part of a step of a run this client holds the lease of. */
    String readInStep(String path, String runId, String stepId, String leaseToken) {
        return plan(Map.of(
                        "intent", "file.read",
                        "params", Map.of("path", path),
                        "run_id", runId,
                        "step_id", stepId,
                        "lease_token", leaseToken))
                .body()
                .get("action_id")
                .asText();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : Json.mapper().readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
