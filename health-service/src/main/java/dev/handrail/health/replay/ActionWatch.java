package dev.handrail.health.replay;

import dev.handrail.contracts.action.ActionView;
import java.time.Duration;
import java.util.Optional;

/** The port through which a replay follows its new action on the feed. */
public interface ActionWatch {

    /** Starts following an action; events seen from now on are folded. */
    Watch watch(String actionId);

    /** One action being followed; close it when done. */
    interface Watch extends AutoCloseable {

        /** The action as its events say once it is settled, or as far as seen when {@code wait} is over (empty: nothing seen). */
        Optional<ActionView> await(Duration wait);

        @Override
        void close();
    }
}
