package dev.handrail.executor.desktop;

/** The parts of a desktop a backend may or may not offer; a capability needs one of them. */
public enum DesktopFeature {
    /** Synthetic keyboard and mouse input. */
    INPUT,
    /** Listing, focusing and closing top-level windows. */
    WINDOWS,
    /** Reading and writing the clipboard as text. */
    CLIPBOARD,
    /** Opening a URL in the user's browser. */
    BROWSER,
    /** Starting and ending applications. */
    APPS,
    /** Reading the pixels of the screen. */
    SCREEN
}
