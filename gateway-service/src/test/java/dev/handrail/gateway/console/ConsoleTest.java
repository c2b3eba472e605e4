package dev.handrail.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.gateway.auth.PrincipalKind;
import dev.handrail.gateway.auth.Role;
import dev.handrail.gateway.auth.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console's files as the gateway serves them, and {@code GET /v1/me}, on a real NATS. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTest implements TestPropertyProvider {

    private static final String ADMIN = "hr_console_test_admin";
    private static final List<String> FILES = List.of(
            "index.html",
            "app.js",
            "api.js",
            "dom.js",
            "feed.js",
            "inbox.js",
            "timeline.js",
            "inspector.js",
            "runs.js",
            "health.js",
            "kill-switch.js",
            "policy.js",
            "console.css");

    @Inject
    EmbeddedServer server;

    @Inject
    Tokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties(null));
        properties.put("handrail.gateway.security.bootstrap-token", ADMIN);
        properties.put("handrail.service.heartbeats", "false");
        return properties;
    }

    @Test
    void thePageIsServedWithoutATokenUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/console", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .contains(ConsoleController.CONTENT_SECURITY_POLICY);
        assertThat(ConsoleController.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.js", "inbox.js", "console.css"})
    void assetsAreServedWithTheirMediaType(String file) throws Exception {
        HttpResponse<String> asset = get("/console/" + file, null);

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        t -> assertThat(t).startsWith(file.endsWith(".css") ? "text/css" : "text/javascript"));
        assertThat(asset.headers().firstValue("Content-Security-Policy"))
                .contains(ConsoleController.CONTENT_SECURITY_POLICY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/console/missing.js",
                "/console/..%2Fapplication.yml",
                "/console/logback.xml",
                "/console/index.html.bak",
                "/console/App.js"
            })
    void nothingOutsideTheConsoleFilesIsServed(String path) throws Exception {
        assertThat(get(path, null).statusCode()).isEqualTo(404);
    }

    @Test
    void apiCallsStillNeedAToken() throws Exception {
        assertThat(get("/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void meNamesThePrincipalAndRoleOfTheToken() throws Exception {
        Tokens.Issued issued = tokens.issue("console-agent", PrincipalKind.AGENT, Role.AGENT, null, "test");

        HttpResponse<String> me = get("/v1/me", issued.secret());
        JsonNode body = Json.mapper().readTree(me.body());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("principal").asText()).isEqualTo("console-agent");
        assertThat(body.get("role").asText()).isEqualTo("agent");
        assertThat(body.get("kind").asText()).isEqualTo("agent");
        assertThat(me.body()).doesNotContain(issued.secret());
    }

    @Test
    void theFilesHoldNoInlineScriptStyleHtmlInjectionOrEval() throws IOException {
        for (String file : FILES) {
            String text = resource(file);
            assertThat(text)
                    .as(file)
                    .doesNotContain(
                            "innerHTML",
                            "outerHTML",
                            "insertAdjacentHTML",
                            "document.write",
                            "eval(",
                            "new Function",
                            "style=\"",
                            "javascript:");
            assertThat(text).as(file).doesNotContainPattern("\\son[a-z]+=\"");
            assertThat(text).as(file).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
            assertThat(text).as(file).doesNotContain("<style");
            assertThat(text).as(file).doesNotContain("localStorage", "document.cookie");
        }
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = ConsoleTest.class.getClassLoader().getResourceAsStream("console/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
