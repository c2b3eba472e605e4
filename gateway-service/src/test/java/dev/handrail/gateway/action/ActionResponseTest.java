package dev.handrail.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two shapes of an action in the HTTP API, as the Stage 5 contract has them. */
class ActionResponseTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aReadIsOkWhateverTheOutcomeAndNestsTheActionWithItsError() {
        JsonNode read = Json.mapper().valueToTree(ActionRead.of(failed()));

        assertThat(read.get("ok").asBoolean()).isTrue();
        assertThat(read.has("error")).as("no request error").isFalse();
        assertThat(read.has("state")).as("the action is not flat").isFalse();
        JsonNode action = read.get("action");
        assertThat(action.get("action_id").asText()).isEqualTo("a1");
        assertThat(action.get("state").asText()).isEqualTo("failed");
        assertThat(action.get("error").get("code").asText()).isEqualTo("TIMEOUT");
        assertThat(action.get("execution").get("error_code").asText()).isEqualTo("TIMEOUT");
        assertThat(action.has("ok")).isFalse();
    }

    @Test
    void aPlanOrApproveAnswerIsFlatAndNotOkWhenTheActionFailed() {
        JsonNode answer = Json.mapper().valueToTree(ActionResponse.of(failed()));

        assertThat(answer.get("ok").asBoolean()).isFalse();
        assertThat(answer.get("action_id").asText()).isEqualTo("a1");
        assertThat(answer.get("state").asText()).isEqualTo("failed");
        assertThat(answer.get("error").get("code").asText()).isEqualTo("TIMEOUT");
        assertThat(answer.has("action")).isFalse();
        assertThat(fieldNames(answer).subList(0, 11))
                .containsExactly(
                        "ok",
                        "action_id",
                        "intent",
                        "state",
                        "risk_level",
                        "requires_confirmation",
                        "validation",
                        "execution",
                        "decision",
                        "telemetry",
                        "error");
    }

    @Test
    void anExpiredOrDeniedActionIsNotOkAndItsAnswerSaysWhy() {
        ActionView expired = view(ActionState.EXPIRED, null, new ApiError("APPROVAL_EXPIRED", "lapsed"));
        ActionView denied = view(ActionState.DENIED, null, null);

        JsonNode expiredAnswer = Json.mapper().valueToTree(ActionResponse.of(expired));
        JsonNode deniedAnswer = Json.mapper().valueToTree(ActionResponse.of(denied));
        JsonNode read = Json.mapper().valueToTree(ActionRead.of(denied));

        assertThat(expiredAnswer.get("ok").asBoolean()).isFalse();
        assertThat(expiredAnswer.get("error").get("code").asText()).isEqualTo("APPROVAL_EXPIRED");
        assertThat(deniedAnswer.get("ok").asBoolean()).isFalse();
        assertThat(deniedAnswer.get("error").get("code").asText()).isEqualTo("DENIED");
        assertThat(read.get("ok").asBoolean()).as("the read was served").isTrue();
    }

    @Test
    void aReadAndAnAnswerShowTheSameActionFields() {
        JsonNode answer = Json.mapper().valueToTree(ActionResponse.of(failed()));
        JsonNode read = Json.mapper().valueToTree(ActionRead.of(failed()));

        assertThat(fieldNames(answer).subList(1, fieldNames(answer).size())).isEqualTo(fieldNames(read.get("action")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ActionView failed() {
        return view(
                ActionState.FAILED,
                Execution.failed(ErrorCode.TIMEOUT, "Timed out after 5000 ms", 5000, 0),
                new ApiError("TIMEOUT", "Timed out after 5000 ms"));
    }

    private static ActionView view(ActionState state, Execution execution, ApiError error) {
        return new ActionView(
                "a1",
                "shell.run",
                state,
                null,
                true,
                Map.of(),
                "s",
                "agent",
                "local",
                false,
                null,
                null,
                null,
                execution,
                error,
                null,
                null,
                AT,
                Map.of(ActionState.PLANNED, AT, state, AT.plusSeconds(5)));
    }
}
