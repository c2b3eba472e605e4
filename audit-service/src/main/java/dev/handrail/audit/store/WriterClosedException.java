package dev.handrail.audit.store;

/** An event was handed to the batch writer after it stopped; the event was not stored. */
public class WriterClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public WriterClosedException() {
        super("The audit batch writer is stopped; the event was not stored");
    }
}
