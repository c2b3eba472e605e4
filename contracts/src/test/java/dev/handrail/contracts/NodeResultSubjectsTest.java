package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.contracts.message.ResultOrigin;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A node's results travel on subjects that name it, and a result that names another node is refused. */
class NodeResultSubjectsTest {

    private static final ActionSucceeded SUCCEEDED_ON_LOCAL =
            new ActionSucceeded("a1", "file.read", "local", Execution.succeeded("x", 3, 0, Map.of()));

    @Test
    void aNodeResultSubjectKeepsTheCapabilityWhereOldTapsFindItAndEndsWithTheNode() {
        assertThat(Subjects.nodeResult("succeeded", "file.read", "desk-2"))
                .isEqualTo("handrail.v1.events.action.succeeded.file.read.node.desk-2")
                .startsWith(Subjects.actionEventPrefix("succeeded"));
        assertThat(Subjects.nodeResult("failed", "no.such", "local"))
                .isEqualTo("handrail.v1.events.action.failed.unknown.node.local");
        assertThat(SUCCEEDED_ON_LOCAL.natsSubject())
                .isEqualTo("handrail.v1.events.action.succeeded.file.read.node.local");
        assertThatThrownBy(() -> Subjects.nodeResult("approved", "file.read", "local"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subjects.nodeResult("failed", "file.read", "a.b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNodeIsReadBackFromItsResultSubjects() {
        assertThat(Subjects.resultNode("handrail.v1.events.action.succeeded.file.read.node.desk-2"))
                .contains("desk-2");
        assertThat(Subjects.resultNode("handrail.v1.events.action.failed.unknown.node.local"))
                .contains("local");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "handrail.v1.events.action.failed.file.read",
                "handrail.v1.events.action.failed.node.local",
                "handrail.v1.events.action.approved.file.read.node.local",
                "handrail.v1.events.action.failed.no.such.node.local",
                "handrail.v1.events.action.failed.file.read.nod.local",
                "handrail.v1.events.breaker.open.local",
                "handrail.v1.events.action.failed.file.read.x.node.local"
            })
    void aSubjectThatOnlyLooksLikeANodeResultNamesNoNode(String subject) {
        assertThat(Subjects.resultNode(subject)).isEmpty();
    }

    @Test
    void everyResultSubjectOfANodeIsInItsPermissionsAndNoOtherNodesIs() {
        assertThat(Subjects.nodeResultPermissions("local"))
                .containsExactly(
                        "handrail.v1.events.action.executing.*.node.local",
                                "handrail.v1.events.action.executing.*.*.node.local",
                        "handrail.v1.events.action.succeeded.*.node.local",
                                "handrail.v1.events.action.succeeded.*.*.node.local",
                        "handrail.v1.events.action.failed.*.node.local",
                                "handrail.v1.events.action.failed.*.*.node.local");
    }

    @Test
    void aResultNamingItsOwnNodeOnItsNodesSubjectIsAccepted() {
        assertThat(ResultOrigin.matches(SUCCEEDED_ON_LOCAL.natsSubject(), SUCCEEDED_ON_LOCAL))
                .isTrue();
        ActionFailed failed =
                new ActionFailed("a1", "file.read", "local", Execution.failed(ErrorCode.TIMEOUT, "m", 1, 0));
        assertThat(ResultOrigin.matches(Subjects.nodeResult("failed", "file.read", "local"), failed))
                .isTrue();
    }

    @Test
    void aResultNamingAnotherNodeThanItsSubjectIsRefused() {
        assertThat(ResultOrigin.matches(Subjects.nodeResult("succeeded", "file.read", "desk-2"), SUCCEEDED_ON_LOCAL))
                .isFalse();
    }

    @Test
    void aResultOnItsNodesSubjectForAnotherStateIsRefused() {
        assertThat(ResultOrigin.matches(Subjects.nodeResult("failed", "file.read", "local"), SUCCEEDED_ON_LOCAL))
                .isFalse();
    }

    @Test
    void executingAndSucceededOffANodesSubjectAreRefusedButAServicesFailureIsNot() {
        assertThat(ResultOrigin.matches(Subjects.actionEvent("succeeded", "file.read"), SUCCEEDED_ON_LOCAL))
                .isFalse();
        assertThat(ResultOrigin.matches(
                        Subjects.actionEvent("executing", "file.read"),
                        new ExecutionStarted("a1", "file.read", "local", 1)))
                .isFalse();
        ActionFailed byHealth =
                new ActionFailed("a1", "file.read", "local", Execution.failed(ErrorCode.MAX_DELIVERIES, "m", 0, 4));
        assertThat(ResultOrigin.matches(byHealth.natsSubject(), byHealth)).isTrue();
    }
}
