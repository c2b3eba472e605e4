package dev.handrail.contracts.action;

/** Thrown when something tries to move an action along a transition the state machine forbids. */
public final class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final ActionState from;
    private final ActionState to;

    public IllegalTransitionException(ActionState from, ActionState to) {
        super("Illegal action transition: " + from.wire() + " -> " + to.wire());
        this.from = from;
        this.to = to;
    }

    public ActionState from() {
        return from;
    }

    public ActionState to() {
        return to;
    }
}
