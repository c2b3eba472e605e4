package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionState;

/**
 * Marker for the action event family: one event per transition of an action's state machine,
 * published on {@code handrail.v1.events.action.<state>.<capability>}.
 */
public interface ActionEvent extends Message {

    /** The action this message is about. */
    String actionId();

    @Override
    default String subject() {
        return actionId();
    }

    /** The intent as the plan named it (may be unknown to the catalogue for a rejected plan). */
    String intent();

    /** The state the action is in after this event. */
    ActionState state();

    /** The subject this event is published on. */
    default String natsSubject() {
        return Subjects.actionEvent(state().wire(), intent());
    }
}
