package dev.handrail.bus.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter is on only with an endpoint: an OTLP receiver on a free port gets spans when
 * {@code handrail.otlp.endpoint} names it, and nothing when it is unset, even with the OTLP
 * exporter otherwise configured.
 */
class OtlpExportTest {

    private HttpServer receiver;
    private final List<String> posts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            posts.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    /** The SDK as micronaut-tracing builds it (exporter none unless told), with an operator's OTLP settings and the customizer. */
    private OpenTelemetrySdk sdk(OtlpExport export) {
        AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
                .disableShutdownHook()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.traces.exporter", "none",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none",
                        "otel.service.name", "otlp-export-test",
                        "otel.exporter.otlp.endpoint", endpoint(),
                        "otel.bsp.schedule.delay", "10"));
        export.configure(builder);
        return builder.build().getOpenTelemetrySdk();
    }

    private static void oneSpan(OpenTelemetrySdk sdk) {
        Span span = sdk.getTracer("test").spanBuilder("one").startSpan();
        span.end();
        sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
    }

    @Test
    void spansGoToTheConfiguredEndpoint() {
        try (OpenTelemetrySdk sdk = sdk(new OtlpExport(endpoint()))) {
            oneSpan(sdk);

            await().atMost(Duration.ofSeconds(10)).until(() -> !posts.isEmpty());
        }
        assertThat(posts).allMatch(p -> p.equals("POST /v1/traces"));
    }

    @Test
    void withoutAnEndpointNothingIsRecordedOrExported() {
        try (OpenTelemetrySdk sdk = sdk(new OtlpExport(""))) {
            Span span = sdk.getTracer("test").spanBuilder("one").startSpan();
            assertThat(span.isRecording()).isFalse();
            span.end();
            sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
        }
        assertThat(posts).isEmpty();
    }
}
