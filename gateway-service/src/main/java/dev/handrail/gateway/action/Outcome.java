package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionView;

/** How a wait for an action ended. */
public sealed interface Outcome {

    /** The action reached the state the caller waits for (or the wait timed out with what was known). */
    record Settled(ActionView view, boolean timedOut) implements Outcome {}

    /** The plan's idempotency key belongs to an earlier action. */
    record Deduplicated(String duplicateOf) implements Outcome {}

    /** Policy refused the command (a decision, or a plan whose principal claim does not hold). */
    record Refused(String code, String message) implements Outcome {}
}
