package dev.handrail.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.devkit.Infrastructure;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/openapi.yaml against the gateway's real routes: every route is documented, every
 * documented route exists, and every operation documents what the door can answer (a missing or
 * bad token, a role it lacks, the rate limit; a body too large or not storable).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest implements TestPropertyProvider {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties(null));
        properties.put("handrail.gateway.security.bootstrap-token", "hr_openapi_test_admin");
        properties.put("handrail.service.heartbeats", "false");
        return properties;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws IOException {
        Set<String> routes = new TreeSet<>();
        router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toPathString().startsWith("/v1/")
                        || route.getUriMatchTemplate().toPathString().equals("/mcp"))
                .filter(route ->
                        route.getHttpMethod() != HttpMethod.HEAD && route.getHttpMethod() != HttpMethod.OPTIONS)
                .forEach(route -> routes.add(operation(
                        route.getHttpMethod(), route.getUriMatchTemplate().toPathString())));

        Set<String> documented = new TreeSet<>();
        paths().forEach((path, item) -> item.keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> documented.add(operation(HttpMethod.parse(method.toUpperCase(Locale.ROOT)), path))));

        assertThat(documented).containsExactlyElementsOf(routes);
    }

    @Test
    void declaresTheBearerTokenForEveryCall() throws IOException {
        Map<String, Object> document = document();
        Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
        Map<String, Object> bearer = map(schemes.get("bearer"));

        assertThat(bearer).containsEntry("type", "http").containsEntry("scheme", "bearer");
        assertThat(document.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
    }

    @Test
    void everyOperationDocumentsTheAnswersOfTheDoor() throws IOException {
        paths().forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = map(value);
            Set<String> responses = map(operation.get("responses")).keySet();
            assertThat(responses).as("%s %s", method, path).contains("401", "403", "429");
            if (operation.containsKey("requestBody")) {
                assertThat(responses).as("%s %s (has a body)", method, path).contains("400", "413");
            }
        }));
    }

    private static String operation(HttpMethod method, String path) {
        // Path variables by position, not by name: {id} and {actionId} are the same slot.
        return method + " " + path.replaceAll("\\{[^}]*}", "{}");
    }

    private static Map<String, Map<String, Object>> paths() throws IOException {
        Map<String, Map<String, Object>> paths = new HashMap<>();
        map(document().get("paths")).forEach((path, item) -> paths.put(path, map(item)));
        return paths;
    }

    private static Map<String, Object> document() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("..", "docs", "openapi.yaml"))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
