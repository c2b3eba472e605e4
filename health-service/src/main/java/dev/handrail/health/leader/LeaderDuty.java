package dev.handrail.health.leader;

/**
 * Work only one health instance does at a time: the one holding the leader lock. A duty is
 * told when this instance becomes leader and when it stops being one, and is run on every
 * round while it leads. Duties are called one at a time, from the leader schedule's thread.
 */
public interface LeaderDuty {

    /** Duties with a lower order are elected first and revoked last. */
    default int order() {
        return 0;
    }

    /** This instance just became leader. */
    default void onElected() {}

    /** One round of work while leading. */
    default void whileLeading() {}

    /** This instance is no longer leader (lost the lock, or is stopping). */
    default void onRevoked() {}
}
