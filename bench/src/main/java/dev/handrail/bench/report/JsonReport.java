package dev.handrail.bench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.handrail.contracts.json.Json;
import java.io.IOException;

/**
 * Writes a run as {@code docs/benchmarks.json}: the report's records with the wire JSON settings
 * (snake_case, ISO instants), indented, and a value that was not measured as {@code null} rather
 * than a non-standard {@code NaN}.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = Json.mapper()
            .copy()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("nan-as-null")
                    .addSerializer(Double.class, new NanAsNull())
                    .addSerializer(double.class, new NanAsNull()));

    private JsonReport() {}

    public static String render(BenchReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the report as JSON", e);
        }
    }

    /** Finite doubles as numbers, NaN and infinities as null. */
    private static final class NanAsNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
