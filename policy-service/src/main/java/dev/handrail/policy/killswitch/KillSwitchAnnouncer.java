package dev.handrail.policy.killswitch;

import dev.handrail.contracts.message.KillSwitchChanged;

/** Where a kill-switch change is told to every instance of every service. Implemented by messaging. */
@FunctionalInterface
public interface KillSwitchAnnouncer {

    /** Publishes the change and returns once the bus has stored it; throws otherwise. */
    void announce(KillSwitchChanged change);
}
