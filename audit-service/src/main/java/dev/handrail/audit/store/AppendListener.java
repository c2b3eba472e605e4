package dev.handrail.audit.store;

import dev.handrail.audit.chain.Checkpoint;
import java.util.List;

/**
 * Told what was committed, after the commit: the events just stored, in seq order, and any
 * checkpoint just signed. Implemented in {@code messaging} (announces them on NATS). A failure here
 * does not undo the commit; it is logged.
 */
public interface AppendListener {

    /** Events just committed, in seq order. */
    void stored(List<StoredRow> rows);

    /** A checkpoint just committed. */
    void checkpointed(Checkpoint checkpoint);

    /** A listener that does nothing (tests and tools that store without a bus). */
    AppendListener NONE = new AppendListener() {
        @Override
        public void stored(List<StoredRow> rows) {
        }

        @Override
        public void checkpointed(Checkpoint checkpoint) {
        }
    };
}
