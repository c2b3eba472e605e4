package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Availability;
import java.util.Optional;

/**
 * The interactive desktop of this node as one platform backend (X11, Windows, or none for a node
 * without a session): it provides the {@link DesktopPort ports} it can, and a capability handler
 * asks it for the ports it needs. A port the backend does not provide is absent, never a stub, and
 * the backend says why ({@link #missing}). Implementations are thread-safe: calls may come from
 * many threads at once and are serialised onto the one thread the platform wants them on.
 */
public interface Desktop extends AutoCloseable {

    /** {@code x11}, {@code windows} or {@code none}. */
    String backend();

    /** The display or session this node drives ({@code :0}, {@code session 1}), or null without one. */
    String display();

    /** The port of this type, if this backend provides it. */
    <P extends DesktopPort> Optional<P> port(Class<P> type);

    /**
     * The code and reason a command gets when it needs a port this backend does not provide (no
     * desktop session at all, an X server without XTest).
     */
    default Availability missing(Class<? extends DesktopPort> type) {
        return Availability.unavailable(
                ErrorCode.NO_DESKTOP_SESSION, "The " + backend() + " desktop backend has no " + type.getSimpleName());
    }

    /** Whether a port works here now: the backend provides it and it reports itself available. */
    default Availability availability(Class<? extends DesktopPort> type) {
        return port(type).map(DesktopPort::availability).orElseGet(() -> missing(type));
    }

    /** Releases the platform connection. */
    @Override
    void close();
}
