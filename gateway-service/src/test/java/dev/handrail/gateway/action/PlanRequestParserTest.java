package dev.handrail.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.gateway.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanRequestParserTest {

    @Test
    void readsTheStageFiveFields() {
        PlanRequest r = PlanRequestParser.parse("""
                {"intent":"file.read","params":{"path":"a"},"session_id":"s","idempotency_key":"k",
                 "dry_run":true,"timeout_ms":500,"max_retries":2,"metadata":{"m":1},"wait":false}""");

        assertThat(r.intent()).isEqualTo("file.read");
        assertThat(r.params()).containsEntry("path", "a");
        assertThat(r.sessionId()).isEqualTo("s");
        assertThat(r.idempotencyKey()).isEqualTo("k");
        assertThat(r.dryRun()).isTrue();
        assertThat(r.timeoutMs()).isEqualTo(500);
        assertThat(r.maxRetries()).isEqualTo(2);
        assertThat(r.waitForOutcome()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "|INVALID_JSON|The request body is empty; send a JSON object",
                "{\"intent\":|INVALID_JSON|The body is not valid JSON",
                "{}|VALIDATION_FAILED|Missing required field: intent",
                "{\"intent\":\"  \"}|VALIDATION_FAILED|Missing required field: intent",
                "{\"intent\":\"file.read\",\"params\":\"path\"}|VALIDATION_FAILED|Field params has the wrong type",
                "{\"intent\":\"file.read\",\"timeout_ms\":0}|VALIDATION_FAILED|timeout_ms must be a positive number",
                "{\"intent\":\"file.read\",\"max_retries\":-1}|VALIDATION_FAILED|max_retries must not be negative",
                "{\"intent\":\"file.read\",\"node\":\"a.>\"}|VALIDATION_FAILED|node must be 1-64 letters"
            })
    void refusesMalformedBodiesWithACode(String body, String code, String message) {
        assertThatThrownBy(() -> PlanRequestParser.parse(body))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageStartingWith(message);
    }
}
