package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Availability;
import java.util.Optional;

/**
 * The desktop of a node that has none (a server, a service session, no {@code DISPLAY}): it
 * provides no port, so every desktop capability is unavailable with {@code NO_DESKTOP_SESSION}
 * and the reason. Immutable.
 */
public final class NoDesktop implements Desktop {

    private final String reason;

    public NoDesktop(String reason) {
        this.reason = reason;
    }

    @Override
    public String backend() {
        return "none";
    }

    @Override
    public String display() {
        return null;
    }

    @Override
    public <P extends DesktopPort> Optional<P> port(Class<P> type) {
        return Optional.empty();
    }

    @Override
    public Availability missing(Class<? extends DesktopPort> type) {
        return Availability.unavailable(ErrorCode.NO_DESKTOP_SESSION, "No desktop session on this node: " + reason);
    }

    @Override
    public void close() {
        // Nothing was opened.
    }
}
