package dev.handrail.contracts.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeTraceparentTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static Envelope planned() {
        return Envelope.of("/handrail/test/1", new PlanRefused("01JD7Z3Q4R5S6T7V8W9X0Y1Z9E", "X", "why"), "agent", "s");
    }

    @Test
    void anEnvelopeWithoutTraceContextWritesNoTraceparent() {
        JsonNode json = Json.mapper().valueToTree(planned());

        assertThat(json.has("traceparent")).isFalse();
    }

    @Test
    void theTraceparentExtensionRoundTrips() {
        Envelope traced = planned().withTraceparent(TRACEPARENT);

        Envelope parsed = Envelope.parse(traced.toBytes());

        assertThat(parsed.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(parsed).isEqualTo(traced);
    }

    @Test
    void anEnvelopeWrittenBeforeTheExtensionReadsWithoutIt() {
        String old = "{\"specversion\":\"1.0\",\"id\":\"01JD7Z3Q4R5S6T7V8W9X0Y1Z9F\",\"source\":\"/handrail/x\","
                + "\"type\":\"dev.handrail.notice.plan_refused.v1\",\"subject\":\"01JD7Z3Q4R5S6T7V8W9X0Y1Z9E\","
                + "\"time\":\"2026-01-01T00:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"correlationid\":\"c\",\"causationid\":null,\"principal\":null,\"session\":null,\"data\":{}}";

        Envelope parsed = Envelope.parse(old.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.traceparent()).isNull();
    }

    @Test
    void aMessageCausedByATracedOneCarriesItsTraceContext() {
        Envelope cause = planned().withTraceparent(TRACEPARENT);

        Envelope caused = Envelope.causedBy(
                cause, "/handrail/test/2", new PlanRefused("01JD7Z3Q4R5S6T7V8W9X0Y1Z9E", "X", "again"));

        assertThat(caused.traceparent()).isEqualTo(TRACEPARENT);
    }

    @Test
    void redactedDataKeepsTheTraceContext() {
        Envelope traced = planned().withTraceparent(TRACEPARENT);

        assertThat(traced.withData(Json.mapper().createObjectNode()).traceparent())
                .isEqualTo(TRACEPARENT);
    }
}
