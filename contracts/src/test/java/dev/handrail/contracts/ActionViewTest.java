package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ExecutionStarted;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionViewTest {

    private static final String ID = Samples.ID;
    private static final Instant T = Samples.AT;

    private static ActionView approvedOnNode(String node) {
        return ActionView.empty(ID)
                .apply(
                        new ActionPlanned(
                                ID,
                                "file.read",
                                Map.of("path", "a"),
                                "s",
                                "p",
                                null,
                                false,
                                1000,
                                0,
                                Map.of(),
                                node,
                                RiskLevel.SAFE,
                                false,
                                T),
                        T)
                .apply(new ActionValidated(ID, "file.read", Samples.VALID, false), T)
                .apply(new ActionApproved(ID, "file.read", Samples.ALLOW, null, null), T);
    }

    @Test
    void foldsTheLifeCycleInOrder() {
        ActionView view = approvedOnNode("local")
                .apply(new ExecutionStarted(ID, "file.read", "local", 1), T)
                .apply(new ActionSucceeded(ID, "file.read", "local", Execution.succeeded("x", 1, 0, Map.of())), T);

        assertThat(view.state()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(view.execution()).extracting(Execution::output).isEqualTo("x");
        assertThat(view.isSettled()).isTrue();
    }

    @Test
    void aRepeatedOrBackwardEventLeavesTheViewAsItWas() {
        ActionView done = approvedOnNode("local")
                .apply(new ExecutionStarted(ID, "file.read", "local", 1), T)
                .apply(new ActionSucceeded(ID, "file.read", "local", Execution.succeeded("x", 1, 0, Map.of())), T);

        assertThat(done.apply(new ExecutionStarted(ID, "file.read", "local", 2), T))
                .isEqualTo(done);
        assertThat(done.apply(new ActionApproved(ID, "file.read", Samples.ALLOW, null, null), T))
                .isEqualTo(done);
    }

    @Test
    void noNodeReportsAnotherNodesWork() {
        ActionView approved = approvedOnNode("desk-1");

        ActionView forged = approved.apply(new ExecutionStarted(ID, "file.read", "desk-2", 1), T)
                .apply(new ActionSucceeded(ID, "file.read", "desk-2", Execution.succeeded("lie", 1, 0, Map.of())), T);

        assertThat(forged.state()).isEqualTo(ActionState.APPROVED);
        assertThat(forged.execution()).isNull();
    }
}
