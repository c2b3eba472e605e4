package dev.handrail.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bus.Bus;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.devkit.MutableClock;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway's own defences, on a real NATS (tokens live in its key-value store). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySecurityTest implements TestPropertyProvider {

    private static final String ADMIN = "hr_test_admin_secret";

    @Inject
    EmbeddedServer server;

    @Inject
    Tokens tokens;

    @Inject
    TokenStore store;

    @Inject
    Bus bus;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties(null));
        properties.put("handrail.gateway.security.bootstrap-token", ADMIN);
        properties.put("handrail.gateway.security.requests-per-second", "5");
        properties.put("handrail.gateway.security.burst", "5");
        properties.put("handrail.gateway.query-timeout", "200ms");
        properties.put("handrail.service.heartbeats", "false");
        return properties;
    }

    @Test
    void aPrincipalOverItsRateGets429WithRetryAfter() throws Exception {
        String secret = tokens.issue("hasty", PrincipalKind.AGENT, Role.AGENT, null, "test")
                .secret();
        int passed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = send("GET", "/v1/actions/unknown", secret, null);
            if (i < 5) {
                assertThat(r.statusCode())
                        .as("request %d is within the burst of 5", i + 1)
                        .isNotEqualTo(429);
            }
            if (r.statusCode() == 429) {
                assertThat(json(r).get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
                assertThat(Integer.parseInt(
                                r.headers().firstValue("Retry-After").orElseThrow()))
                        .isBetween(1, 60);
            } else {
                passed++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // A burst of 5 plus 5 a second: however slow the machine, no more than that got through.
        assertThat(passed).isLessThanOrEqualTo(5 + (int) Math.ceil(5 * seconds));
        assertThat(send(
                                "GET",
                                "/v1/actions/unknown",
                                tokens.issue("calm", PrincipalKind.AGENT, Role.AGENT, null, "t")
                                        .secret(),
                                null)
                        .statusCode())
                .isNotEqualTo(429);
    }

    @Test
    void aBodyLargerThanANatsMessageCarriesIsRefusedWith413() throws Exception {
        String secret = tokens.issue("large", PrincipalKind.AGENT, Role.AGENT, null, "test")
                .secret();
        int justOver = (int) bus.largestBody() + 1;
        String overTheDoor = "{\"intent\":\"file.read\",\"metadata\":{\"n\":\"" + "x".repeat(justOver) + "\"}}";
        String overTheServer = "{\"intent\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        for (String body : List.of(overTheDoor, overTheServer)) {
            HttpResponse<String> r = send("POST", "/v1/actions/plan", secret, body);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(r).get("error").get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        assertThat(bus.largestBody()).isLessThan(1024 * 1024);
    }

    /** Every endpoint that takes a body, with a value that NATS could carry but the audit store could not keep. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "POST  | /v1/actions/plan                 | {\"intent\":\"file.read\",\"session_id\":\"s\\u0000\"}",
                "POST  | /v1/actions/plan                 | {\"intent\":\"file.read\",\"idempotency_key\":\"k\\u0000\"}",
                "POST  | /v1/actions/plan                 | {\"intent\":\"file.read\",\"metadata\":{\"note\":\"\\ud800\"}}",
                "POST  | /v1/actions/01J00000000000000000000000/approve | {\"comment\":\"ok\\u0000\"}",
                "POST  | /v1/actions/01J00000000000000000000000/deny    | {\"comment\":\"no\\u0000\"}",
                "POST  | /v1/approvals/01J00000000000000000000000/decide | {\"decision\":\"approve\",\"comment\":\"\\u0000\"}",
                "POST  | /v1/tokens                       | {\"principal\":\"p\\u0000\",\"role\":\"agent\"}",
                "POST  | /v1/kill-switch                  | {\"engaged\":true,\"reason\":\"\\u0000\"}",
                "PATCH | /v1/capabilities/shell.run       | {\"enabled\":false,\"x\":1e400}",
                "POST  | /v1/policy/evaluate              | {\"intent\":\"file.read\",\"n\":-1e400}",
            })
    void aBodyHoldingWhatCannotBeStoredIsRefusedWithInvalidJsonValue(String method, String path, String body)
            throws Exception {
        String secret = tokens.issue("door-" + Math.abs(body.hashCode()), PrincipalKind.USER, Role.ADMIN, null, "test")
                .secret();

        HttpResponse<String> r = send(method, path, secret, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("INVALID_JSON_VALUE");
    }

    @Test
    void numbersBeyondADoubleAndDeepNestingAreRefusedWithInvalidJsonValue() throws Exception {
        String secret = tokens.issue("numbers", PrincipalKind.AGENT, Role.AGENT, null, "test")
                .secret();
        String digits = "{\"intent\":\"file.read\",\"metadata\":{\"n\":" + "9".repeat(400) + "}}";
        String nested65 = "{\"intent\":\"file.read\",\"metadata\":" + "[".repeat(64) + "]".repeat(64) + "}";
        String nested998 = "{\"intent\":\"file.read\",\"metadata\":" + "[".repeat(997) + "]".repeat(997) + "}";

        for (String body : List.of(digits, nested65, nested998)) {
            HttpResponse<String> r = send("POST", "/v1/actions/plan", secret, body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("error").get("code").asText()).isEqualTo("INVALID_JSON_VALUE");
            assertThat(json(r).get("error").get("message").asText()).contains("/metadata");
        }
    }

    @Test
    void anExpiredTokenIsRefusedWithItsOwnCode() throws Exception {
        // Issued as if an hour and a half ago: one still has half a minute to live, one ran out.
        MutableClock past = new MutableClock(Instant.now().minus(Duration.ofMinutes(90)));
        Tokens issuer = new Tokens(store, past);
        Tokens.Issued live = issuer.issue(
                "brief",
                PrincipalKind.USER,
                Role.OPERATOR,
                Duration.ofMinutes(90).plusSeconds(30),
                "test");
        Tokens.Issued expired =
                issuer.issue("brief", PrincipalKind.USER, Role.OPERATOR, Duration.ofMinutes(60), "test");

        assertThat(send("GET", "/v1/tokens", live.secret(), null).statusCode())
                .as("an operator may not list tokens")
                .isEqualTo(403);
        HttpResponse<String> r = send("GET", "/v1/tokens", expired.secret(), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void tokensAreIssuedOnceAndStoredOnlyAsHashes() throws Exception {
        HttpResponse<String> issued = send(
                "POST", "/v1/tokens", ADMIN, "{\"principal\":\"ci-bot\",\"role\":\"agent\",\"expires_in_s\":3600}");

        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode body = json(issued);
        String secret = body.get("token").asText();
        assertThat(secret).startsWith("hr_");
        assertThat(body.get("expires_at").isNull()).isFalse();
        String listed = send("GET", "/v1/tokens", ADMIN, null).body();
        assertThat(listed).contains("ci-bot").doesNotContain(secret).doesNotContain(Tokens.hash(secret));
        assertThat(send("POST", "/v1/tokens", ADMIN, "{\"principal\":\"x\",\"role\":\"root\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void answersCarrySecurityHeadersAndNoCors() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/v1/capabilities"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "GET")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unauthenticated = send("GET", "/v1/capabilities", null, null);

        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("X-Content-Type-Options"))
                .contains("nosniff");
        assertThat(unauthenticated.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(unauthenticated.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(unauthenticated.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    private HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }
}
