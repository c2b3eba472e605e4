package dev.handrail.bus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogFormatEncoderTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("dev.handrail.policy.Decisions");

    LogFormatEncoderTest() {
        context.setMDCAdapter(MDC.getMDCAdapter());
    }

    private String encode(String format, Map<String, String> mdc, @Nullable RuntimeException thrown) {
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        mdc.forEach(MDC::put);
        try {
            LoggingEvent event =
                    new LoggingEvent(Logger.FQCN, logger, Level.WARN, "Denied {}", thrown, new Object[] {"act_1"});
            event.setInstant(Instant.parse("2026-12-03T10:15:30.123Z"));
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            MDC.clear();
        }
    }

    @Test
    void textCarriesTheDateTheTimeAndWhatTheLineIsAbout() {
        String line = encode("text", Map.of("action_id", "act_1", "principal", "alice"), null);

        String date = OffsetDateTime.parse(line.substring(0, line.indexOf(' ')))
                .toLocalDate()
                .toString();
        assertThat(date).startsWith("2026-12-0");
        assertThat(line)
                .contains("WARN ")
                .contains("action_id=act_1")
                .contains("principal=alice")
                .endsWith("- Denied act_1" + System.lineSeparator());
    }

    @Test
    void textWithoutContextHasNoEmptyBraces() {
        String line = encode("text", Map.of(), null);

        assertThat(line).doesNotContain("{}").contains("Decisions - Denied act_1");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheMdcAndTheException() throws Exception {
        String line = encode("JSON", Map.of("action_id", "act_1", "session", "s-1"), new IllegalStateException("boom"));

        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = Json.mapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("loggerName").asText()).isEqualTo("dev.handrail.policy.Decisions");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("Denied act_1");
        assertThat(json.has("arguments")).as("the message once, formatted").isFalse();
        assertThat(json.get("timestamp").asLong())
                .isEqualTo(Instant.parse("2026-12-03T10:15:30.123Z").toEpochMilli());
        assertThat(json.get("mdc").get("action_id").asText()).isEqualTo("act_1");
        assertThat(json.get("mdc").get("session").asText()).isEqualTo("s-1");
        assertThat(json.get("throwable").toString()).contains("boom");
    }

    @Test
    void anUnknownFormatWritesTextAndSaysSo() {
        String line = encode("xml", Map.of(), null);

        assertThat(line).contains("Decisions - Denied act_1");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> assertThat(s.getMessage()).contains("HANDRAIL_LOG_FORMAT=xml is not a log format"));
    }
}
