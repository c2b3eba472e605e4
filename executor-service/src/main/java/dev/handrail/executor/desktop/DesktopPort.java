package dev.handrail.executor.desktop;

import dev.handrail.executor.capability.Availability;

/**
 * One part of a desktop that a backend may provide (input, windows, clipboard, ...); a desktop
 * capability handler names the ports it needs. A port's methods block until the desktop has done
 * the work, may be interrupted, and fail with a {@link DesktopException} carrying a stable code.
 * Implementations are thread-safe.
 */
public interface DesktopPort {

    /**
     * Whether this port works now; a port can stop working after the backend provided it (the X
     * display went away), and then says with which code and reason a command is refused.
     */
    Availability availability();
}
