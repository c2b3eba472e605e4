package dev.handrail.bus.tracing;

import io.micronaut.context.annotation.Value;
import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Turns span export on when {@value #PROPERTY} ({@code HANDRAIL_OTLP_ENDPOINT}, e.g.
 * {@code http://127.0.0.1:4318}) is set: OTLP over HTTP with protobuf, to {@code /v1/traces} of
 * that address, spans sent in batches. Unset, there is no exporter and every span is sampled out
 * ({@code always_off}): nothing is recorded, a span costs its ids, and the trace id still reaches
 * the logs and the action. (Disabling the SDK instead would leave a tracer that records every span
 * for nobody.) Whatever an operator sets in {@code otel.*} otherwise
 * (sampler, batch delay) still applies. Stateless.
 */
@Singleton
public class OtlpExport implements OpenTelemetryBuilderCustomizer {

    /** The property naming the OTLP/HTTP endpoint; empty or absent: no export. */
    public static final String PROPERTY = "handrail.otlp.endpoint";

    /** The environment variable the property is read from. */
    public static final String ENV = "HANDRAIL_OTLP_ENDPOINT";

    private final String endpoint;

    public OtlpExport(@Value("${" + PROPERTY + ":}") String endpoint) {
        this.endpoint = endpoint.trim();
    }

    /** Whether spans are exported. */
    public boolean enabled() {
        return !endpoint.isEmpty();
    }

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addPropertiesCustomizer(config -> properties());
    }

    /** The {@code otel.*} properties this sets over the service's own. */
    Map<String, String> properties() {
        if (!enabled()) {
            return Map.of("otel.traces.exporter", "none", "otel.traces.sampler", "always_off");
        }
        return Map.of(
                "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.traces.protocol", "http/protobuf",
                "otel.exporter.otlp.traces.endpoint", stripSlash(endpoint) + "/v1/traces");
    }

    private static String stripSlash(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }
}
