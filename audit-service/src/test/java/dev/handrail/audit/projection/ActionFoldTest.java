package dev.handrail.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.audit.Lifecycles;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PlanDeduplicated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionFoldTest {

    private static final String A = "01JD7Z3Q4R5S6T7V8W9X0Y1Z2A";
    private static final String B = "01JD7Z3Q4R5S6T7V8W9X0Y1Z2B";

    private static List<ProjectedEvent> projected(List<Envelope> envelopes) {
        return envelopes.stream()
                .flatMap(e -> ProjectedEvent.from(e, Lifecycles.subjectOf(e), Instant.now()).stream())
                .toList();
    }

    @Test
    void fullLifecycleFoldsToSucceededWithItsExecution() {
        Map<String, ActionView> changed = ActionFold.fold(Map.of(), projected(Lifecycles.succeeded(A, "s-1")))
                .changed();

        ActionView view = changed.get(A);
        assertThat(view.state()).isEqualTo(ActionState.SUCCEEDED);
        assertThat(view.execution()).isEqualTo(Lifecycles.DONE);
        assertThat(view.sessionId()).isEqualTo("s-1");
        assertThat(view.decision()).isEqualTo(Lifecycles.ALLOW);
        assertThat(view.transitions())
                .containsOnlyKeys(
                        ActionState.PLANNED,
                        ActionState.VALIDATED,
                        ActionState.APPROVED,
                        ActionState.EXECUTING,
                        ActionState.SUCCEEDED);
    }

    @Test
    void illegalEventLeavesTheViewAsItWasAndIsNotReportedAsAChange() {
        ActionView succeeded = ActionFold.fold(Map.of(), projected(Lifecycles.succeeded(A, "s-1")))
                .changed()
                .get(A);
        Envelope late = Envelope.of(
                Lifecycles.SOURCE,
                new ActionValidated(A, "file.read", Lifecycles.VALID, false),
                Lifecycles.PRINCIPAL,
                "s-1");

        ActionFold.Folded folded = ActionFold.fold(Map.of(A, succeeded), projected(List.of(late)));

        assertThat(folded.changed()).isEmpty();
        assertThat(folded.outOfOrder()).isEmpty();
    }

    @Test
    void foldsSeveralActionsInOneBatchEachFromItsOwnView() {
        List<Envelope> a = Lifecycles.succeeded(A, "s-1");
        List<Envelope> b = Lifecycles.succeeded(B, "s-2").subList(0, 2);
        ActionView aPlanned =
                ActionFold.fold(Map.of(), projected(a.subList(0, 1))).changed().get(A);

        Map<String, ActionView> changed = ActionFold.fold(
                        Map.of(A, aPlanned), projected(List.of(a.get(1), b.get(0), a.get(2), b.get(1))))
                .changed();

        assertThat(changed.get(A).state()).isEqualTo(ActionState.APPROVED);
        assertThat(changed.get(A).sessionId()).isEqualTo("s-1");
        assertThat(changed.get(B).state()).isEqualTo(ActionState.VALIDATED);
        assertThat(changed.get(B).sessionId()).isEqualTo("s-2");
    }

    @Test
    void aResultOnAnotherNodesSubjectIsNotProjected() {
        Envelope succeeded = Lifecycles.succeeded(A, "s-1").getLast();

        assertThat(ProjectedEvent.from(
                        succeeded, "handrail.v1.events.action.succeeded.file.read.node.desk-2", Instant.now()))
                .isEmpty();
        assertThat(ProjectedEvent.from(succeeded, "handrail.v1.events.action.succeeded.file.read", Instant.now()))
                .isEmpty();
        assertThat(ProjectedEvent.from(
                        succeeded, "handrail.v1.events.action.succeeded.file.read.node.local", Instant.now()))
                .isPresent();
    }

    @Test
    void noticesAreNotProjected() {
        Envelope notice = Envelope.of(Lifecycles.SOURCE, new PlanDeduplicated(B, A), Lifecycles.PRINCIPAL, "s-1");

        assertThat(ProjectedEvent.from(notice, Lifecycles.subjectOf(notice), Instant.now()))
                .isEmpty();
    }

    @Test
    void eventThatCannotBeFoldedLeavesTheViewAsItWas() {
        List<Envelope> lifecycle = Lifecycles.succeeded(A, "s-1").subList(0, 4);
        ActionView executing =
                ActionFold.fold(Map.of(), projected(lifecycle)).changed().get(A);
        Envelope broken = Envelope.causedBy(
                lifecycle.getLast(), Lifecycles.SOURCE, new ActionFailed(A, "file.read", "local", (Execution) null));

        assertThat(ActionFold.fold(Map.of(A, executing), projected(List.of(broken)))
                        .changed())
                .isEmpty();
    }

    @Test
    void eventWhoseEarlierStateHasNotArrivedIsOutOfOrder() {
        List<ProjectedEvent> lifecycle = projected(Lifecycles.succeeded(A, "s-1"));

        ActionFold.Folded folded =
                ActionFold.fold(Map.of(), List.of(lifecycle.get(0), lifecycle.get(1), lifecycle.get(3)));

        assertThat(folded.changed().get(A).state()).isEqualTo(ActionState.VALIDATED);
        assertThat(folded.outOfOrder()).containsExactly(A);
    }

    @Test
    void rebuildOrdersEventsAlongTheStateMachine() {
        List<ProjectedEvent> lifecycle = projected(Lifecycles.succeeded(A, "s-1"));
        List<ProjectedEvent> arrived =
                List.of(lifecycle.get(3), lifecycle.get(0), lifecycle.get(4), lifecycle.get(2), lifecycle.get(1));

        ActionFold.Rebuilt rebuilt = ActionFold.rebuild(A, arrived);

        assertThat(rebuilt.outOfOrder()).isZero();
        assertThat(rebuilt.view())
                .isEqualTo(ActionFold.fold(Map.of(), lifecycle).changed().get(A));
    }

    @Test
    void rebuildCountsEventsStillWaitingForAnEarlierOne() {
        List<ProjectedEvent> lifecycle = projected(Lifecycles.succeeded(A, "s-1"));

        ActionFold.Rebuilt rebuilt =
                ActionFold.rebuild(A, List.of(lifecycle.get(4), lifecycle.get(0), lifecycle.get(1)));

        assertThat(rebuilt.view().state()).isEqualTo(ActionState.VALIDATED);
        assertThat(rebuilt.outOfOrder()).isEqualTo(1);
    }
}
