package dev.handrail.policy.evaluation;

import dev.handrail.contracts.action.ActionView;
import java.util.List;

/** Where what-if reads the history it replays: the latest actions the audit store recorded. Implemented by messaging. */
@FunctionalInterface
public interface RecordedActions {

    /** The latest {@code limit} recorded actions, newest first. */
    List<ActionView> latest(int limit);
}
