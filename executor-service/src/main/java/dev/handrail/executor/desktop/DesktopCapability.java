package dev.handrail.executor.desktop;

import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.capability.CapabilityHandler;

/**
 * A capability that works through the {@link Desktop}: available exactly when the desktop
 * offers the feature it needs. Subclasses hold no state of their own beyond their settings.
 */
public abstract class DesktopCapability implements CapabilityHandler {

    protected final Desktop desktop;
    private final String intent;
    private final DesktopFeature feature;

    protected DesktopCapability(Desktop desktop, String intent, DesktopFeature feature) {
        this.desktop = desktop;
        this.intent = intent;
        this.feature = feature;
    }

    @Override
    public final String intent() {
        return intent;
    }

    @Override
    public final Availability availability() {
        return desktop.availability(feature);
    }
}
