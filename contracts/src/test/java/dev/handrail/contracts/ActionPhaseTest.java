package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.action.ActionPhase;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.Notice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ActionPhaseTest {

    @Test
    void everyStateEndsItsOwnPhase() {
        assertThat(Arrays.stream(ActionState.values()).map(ActionPhase::of))
                .doesNotHaveDuplicates()
                .hasSize(ActionState.values().length);
        assertThat(ActionPhase.of(ActionState.PLANNED).wire()).isEqualTo("plan");
        assertThat(ActionPhase.of(ActionState.VALIDATED).wire()).isEqualTo("validate");
        assertThat(ActionPhase.of(ActionState.APPROVED).wire()).isEqualTo("approve");
        assertThat(ActionPhase.of(ActionState.DENIED).wire()).isEqualTo("deny");
        assertThat(ActionPhase.of(ActionState.EXECUTING).wire()).isEqualTo("execute");
        assertThat(ActionPhase.of(ActionState.SUCCEEDED).wire()).isEqualTo("verify");
        assertThat(ActionPhase.of(ActionState.PENDING_APPROVAL).wire()).isEqualTo("await_approval");
    }

    @Test
    void everyMessageAboutAnActionHasAPhaseAndNoOtherDoes() {
        for (Message message : Samples.all()) {
            boolean aboutAnAction = message instanceof ActionEvent || message instanceof Notice;
            assertThat(ActionPhase.of(message).isPresent())
                    .as(message.getClass().getSimpleName())
                    .isEqualTo(aboutAnAction);
        }
    }

    @Test
    void checksCarryTheirStage5NamesBesideTheirOwnAndReadBackFromEither() throws Exception {
        JsonNode json = Json.mapper().valueToTree(Check.fail("params_valid", "x must be a number"));

        assertThat(json.get("check").asText()).isEqualTo("params_valid");
        assertThat(json.get("pass").asBoolean()).isFalse();
        assertThat(json.get("name").asText()).isEqualTo("params_valid");
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("message").asText()).isEqualTo("x must be a number");
        assertThat(Json.mapper().treeToValue(json, Check.class))
                .isEqualTo(Check.fail("params_valid", "x must be a number"));
    }
}
