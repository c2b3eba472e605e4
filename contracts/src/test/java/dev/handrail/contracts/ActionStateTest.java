package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.IllegalTransitionException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionStateTest {

    @ParameterizedTest
    @CsvSource({
        "planned,validated",
        "planned,rejected",
        "validated,approved",
        "validated,pending_approval",
        "validated,denied",
        "pending_approval,approved",
        "pending_approval,denied",
        "pending_approval,expired",
        "approved,executing",
        "approved,failed",
        "executing,succeeded",
        "executing,failed",
        "failed,dead_lettered"
    })
    void allowsTheLifeCycleTransitions(String from, String to) {
        ActionState a = ActionState.fromWire(from).orElseThrow();
        ActionState b = ActionState.fromWire(to).orElseThrow();
        assertThat(a.moveTo(b)).isEqualTo(b);
    }

    @ParameterizedTest
    @CsvSource({
        "planned,executing",
        "pending_approval,executing",
        "succeeded,failed",
        "denied,approved",
        "expired,approved",
        "rejected,validated",
        "validated,succeeded",
        "executing,approved"
    })
    void refusesAnIllegalTransition(String from, String to) {
        ActionState a = ActionState.fromWire(from).orElseThrow();
        ActionState b = ActionState.fromWire(to).orElseThrow();
        assertThatThrownBy(() -> a.moveTo(b))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Illegal action transition: " + from + " -> " + to);
    }

    @Test
    void terminalStatesHaveNoWayOut() {
        EnumSet<ActionState> terminal = EnumSet.noneOf(ActionState.class);
        for (ActionState s : ActionState.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
            }
        }
        assertThat(terminal)
                .containsExactlyInAnyOrder(
                        ActionState.REJECTED,
                        ActionState.DENIED,
                        ActionState.EXPIRED,
                        ActionState.CANCELLED,
                        ActionState.SUCCEEDED,
                        ActionState.DEAD_LETTERED);
    }

    @Test
    void aStateFollowsEveryStateItCanBeReachedFrom() {
        assertThat(ActionState.SUCCEEDED.follows(ActionState.PLANNED)).isTrue();
        assertThat(ActionState.SUCCEEDED.follows(ActionState.APPROVED)).isTrue();
        assertThat(ActionState.DEAD_LETTERED.follows(ActionState.EXECUTING)).isTrue();
        assertThat(ActionState.APPROVED.follows(ActionState.SUCCEEDED)).isFalse();
        assertThat(ActionState.VALIDATED.follows(ActionState.VALIDATED)).isFalse();
        assertThat(ActionState.DENIED.follows(ActionState.EXECUTING))
                .as("two ends of different paths")
                .isFalse();
    }

    @Test
    void wireNamesAreSnakeCase() {
        assertThat(ActionState.PENDING_APPROVAL.wire()).isEqualTo("pending_approval");
        assertThat(ActionState.fromWire("dead_lettered")).contains(ActionState.DEAD_LETTERED);
        assertThat(ActionState.fromWire("PENDING_APPROVAL")).isEmpty();
    }
}
