package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.handrail.devkit.Ports;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One action, one trace: a system of its own exports its spans over OTLP/HTTP to a receiver this
 * test runs ({@code HANDRAIL_OTLP_ENDPOINT}); an action held for approval and then approved is one
 * trace with the spans of gateway, policy, executor and audit, every parent link inside it, the
 * approval wait as a span at least as long as the test waited, and the trace id on the action.
 */
class TracingIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration HELD = Duration.ofSeconds(2);
    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static LocalSystem system;
    private static Api admin;

    /** One received span, with the service.name of its resource. */
    record Span(
            String service,
            String name,
            String traceId,
            String spanId,
            String parentSpanId,
            long startNanos,
            long endNanos) {
        long durationNanos() {
            return endNanos - startNanos;
        }
    }

    @BeforeAll
    static void startSystem() throws IOException {
        Awaitility.ignoreExceptionsByDefault();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                InputStream in =
                        "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                                ? new GZIPInputStream(body)
                                : body;
                collect(ExportTraceServiceRequest.parseFrom(in));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                byte[] ok = new byte[0];
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        Path home = Files.createTempDirectory("handrail-tracing-it");
        Path workspace = Files.createDirectories(Settings.defaultWorkspace(home));
        Path repo = Path.of(System.getProperty("handrail.repo", ".."))
                .toAbsolutePath()
                .normalize();
        system = LocalSystem.start(
                new Settings(Ports.free(), home, workspace, repo, null, null, false),
                Map.of(
                        "HANDRAIL_OTLP_ENDPOINT",
                        "http://127.0.0.1:" + receiver.getAddress().getPort(),
                        // Batches leave every half second, so the test does not wait the default 5 s.
                        "OTEL_BSP_SCHEDULE_DELAY",
                        "500"));
        admin = Api.admin(system);
        admin.awaitNodeImplements("file.write");
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static void collect(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .map(KeyValue::getValue)
                    .map(AnyValue::getStringValue)
                    .findFirst()
                    .orElse("");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : scope.getSpansList()) {
                    SPANS.add(new Span(
                            service,
                            s.getName(),
                            hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getStartTimeUnixNano(),
                            s.getEndTimeUnixNano()));
                }
            }
        }
    }

    @Test
    void anApprovedActionIsOneTraceAcrossTheServices() throws InterruptedException {
        Api agent = admin.as("tracing-agent", "agent");
        JsonNode planned = agent.plan(
                        Map.of("intent", "file.write", "params", Map.of("path", "traced.txt", "content", "x")))
                .body();
        assertThat(planned.get("state").asText()).isEqualTo("pending_approval");
        String actionId = planned.get("action_id").asText();

        long heldFrom = System.nanoTime();
        Thread.sleep(HELD.toMillis());
        long held = System.nanoTime() - heldFrom;
        assertThat(admin.post("/v1/actions/" + actionId + "/approve", Map.of())
                        .body()
                        .get("state")
                        .asText())
                .isEqualTo("succeeded");

        String traceId = await().atMost(WAIT)
                .until(
                        () -> admin.get("/v1/actions/" + actionId)
                                .body()
                                .path("action")
                                .path("trace_id")
                                .asText(""),
                        id -> id.matches("[0-9a-f]{32}"));

        await().atMost(WAIT).untilAsserted(() -> {
            List<Span> trace =
                    SPANS.stream().filter(s -> s.traceId().equals(traceId)).toList();
            assertThat(trace.stream().map(Span::service).collect(Collectors.toSet()))
                    .contains("gateway-service", "policy-service", "executor-service", "audit-service");
            assertThat(trace)
                    .extracting(Span::name)
                    .contains("approval.wait", "policy.decide", "executor.run", "executor.verify", "audit.append");
            assertThat(trace.stream().filter(s -> s.name().startsWith("handle dev.handrail.command.execute")))
                    .extracting(Span::service)
                    .contains("executor-service");
        });

        List<Span> trace =
                SPANS.stream().filter(s -> s.traceId().equals(traceId)).toList();
        Set<String> ids = trace.stream().map(Span::spanId).collect(Collectors.toSet());
        List<Span> roots =
                trace.stream().filter(s -> s.parentSpanId().isEmpty()).toList();
        assertThat(roots)
                .as("one root: the gateway's plan request")
                .singleElement()
                .satisfies(root -> {
                    assertThat(root.service()).isEqualTo("gateway-service");
                    assertThat(root.name()).contains("POST");
                });
        assertThat(trace)
                .filteredOn(s -> !s.parentSpanId().isEmpty())
                .allSatisfy(s -> assertThat(ids)
                        .as("the parent of %s (%s)", s.name(), s.service())
                        .contains(s.parentSpanId()));
        Span wait = trace.stream()
                .filter(s -> s.name().equals("approval.wait"))
                .findFirst()
                .orElseThrow();
        assertThat(wait.service()).isEqualTo("policy-service");
        assertThat(wait.durationNanos()).isGreaterThanOrEqualTo(held);
        // The approve request is a trace of its own; the action's trace does not take its spans.
        assertThat(trace)
                .filteredOn(s -> s.name().startsWith("POST") && s.name().endsWith("/approve"))
                .isEmpty();
    }
}
