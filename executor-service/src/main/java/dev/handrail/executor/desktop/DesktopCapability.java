package dev.handrail.executor.desktop;

import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.capability.CapabilityHandler;
import java.util.List;

/**
 * A capability that works through ports of the {@link Desktop} backend: available exactly when
 * the backend provides every port it needs and each of them works now; otherwise unavailable with
 * the first missing or broken port's code and reason, so the node stops advertising it. The handler
 * exists on every node (also one without a desktop), so a command for it is refused with that
 * reason rather than as not implemented. Subclasses hold no state of their own beyond their settings.
 */
public abstract class DesktopCapability implements CapabilityHandler {

    private final Desktop desktop;
    private final String intent;
    private final List<Class<? extends DesktopPort>> needs;

    protected DesktopCapability(Desktop desktop, String intent, List<Class<? extends DesktopPort>> needs) {
        this.desktop = desktop;
        this.intent = intent;
        this.needs = List.copyOf(needs);
    }

    @Override
    public final String intent() {
        return intent;
    }

    @Override
    public final Availability availability() {
        for (Class<? extends DesktopPort> type : needs) {
            Availability availability = desktop.availability(type);
            if (!availability.available()) {
                return availability;
            }
        }
        return Availability.AVAILABLE;
    }

    /** The backend's port of a type this handler declared it needs; fails with the backend's reason when it has none. */
    protected final <P extends DesktopPort> P port(Class<P> type) {
        if (!needs.contains(type)) {
            throw new IllegalStateException(getClass().getSimpleName() + " uses " + type.getSimpleName()
                    + " without declaring that it needs it, so its availability would not tell");
        }
        return desktop.port(type).orElseThrow(() -> {
            Availability why = desktop.missing(type);
            return new DesktopException(why.code(), why.reason());
        });
    }
}
