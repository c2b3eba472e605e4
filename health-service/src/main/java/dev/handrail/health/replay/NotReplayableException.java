package dev.handrail.health.replay;

/** A dead letter cannot be replayed: what its action asked for is not known anywhere. */
public class NotReplayableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotReplayableException(String message) {
        super(message);
    }
}
