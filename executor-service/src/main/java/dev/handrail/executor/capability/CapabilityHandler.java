package dev.handrail.executor.capability;

/**
 * Runs one catalogue capability on this node. A handler returns an {@link Outcome} for every
 * result it can name (success, or a failure with a stable code) and may throw
 * {@link RefusedException} when the request itself cannot be run as asked. It must honour the
 * invocation's timeout where it waits on something outside the JVM, and stop promptly and clean
 * up (kill what it started) when its thread is interrupted. Implementations are called from many
 * threads at once and must be stateless or thread-safe.
 */
public interface CapabilityHandler {

    /** The catalogue intent this handler runs, e.g. {@code file.read}. */
    String intent();

    /**
     * Whether the handler can run here now; a node advertises only available capabilities and
     * refuses commands for the others with the availability's code, without running them.
     */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /** Runs the capability once. */
    Outcome run(Invocation invocation) throws InterruptedException;
}
