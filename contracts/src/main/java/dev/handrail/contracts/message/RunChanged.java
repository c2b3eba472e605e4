package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Something happened to a run (docs/runs.md): {@code event} is one of {@code created},
 * {@code claimed}, {@code released}, {@code completed}, {@code failed}, {@code cancelled},
 * {@code step_started}, {@code step_succeeded}, {@code step_failed}, {@code tool_call_started},
 * {@code tool_call_succeeded}, {@code tool_call_failed}, {@code artifact_added};
 * {@code state} is the run's state after it.
 *
 * @param stepId the step it is about, for step, tool-call and artifact events
 * @param itemId the tool call or artifact it is about
 * @param worker the principal holding the run's lease, if any
 * @param by the principal whose request made the change
 * @param detail a short text: a step's or tool call's name, a failure's error, a cancel's reason
 * @param actionIds for {@code cancelled}: the run's actions that were admitted, so executors
 *     abort the ones still running
 */
public record RunChanged(
        String runId,
        String event,
        String state,
        @Nullable String stepId,
        @Nullable String itemId,
        @Nullable String worker,
        String by,
        Instant at,
        @Nullable String detail,
        List<String> actionIds)
        implements ControlEvent {

    public RunChanged {
        actionIds = actionIds == null ? List.of() : List.copyOf(actionIds);
    }

    @Override
    public String subject() {
        return runId;
    }

    @Override
    public String natsSubject() {
        return Subjects.runEvent(event);
    }
}
