package dev.handrail.policy.run;

import dev.handrail.contracts.message.RunChanged;

/** Puts a run's change on the feed; returns once the bus has stored it and throws otherwise. Implemented by messaging. */
@FunctionalInterface
public interface RunAnnouncer {

    void announce(RunChanged change);
}
