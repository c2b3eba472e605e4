package dev.handrail.audit.store;

import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.quarantine.QuarantinedEvent;
import java.util.List;

/**
 * Told what was committed, after the commit: the events just stored, in seq order, and any
 * checkpoint just signed, and the messages just kept in the quarantine. Implemented in
 * {@code messaging} (announces them on NATS). A failure to announce stored events or a checkpoint
 * does not undo the commit; it is logged. A failure to announce quarantined messages is thrown, so
 * that the messages are not acknowledged and their redelivery announces them again.
 */
public interface AppendListener {

    /** Events just committed, in seq order. */
    void stored(List<StoredRow> rows);

    /** A checkpoint just committed. */
    void checkpointed(Checkpoint checkpoint);

    /** Messages just committed to the quarantine; returns once the announcement is durable, or throws. */
    void quarantined(List<QuarantinedEvent> events);

    /** A listener that does nothing (tests and tools that store without a bus). */
    AppendListener NONE = new AppendListener() {
        @Override
        public void stored(List<StoredRow> rows) {}

        @Override
        public void checkpointed(Checkpoint checkpoint) {}

        @Override
        public void quarantined(List<QuarantinedEvent> events) {}
    };
}
