package dev.handrail.executor.desktop;

/** The stable error codes of the desktop capabilities. */
public final class DesktopErrors {

    /**
     * No desktop session on this node: no display (Linux), not an interactive session (Windows),
     * or the display went away. Upper case like every other code; the issue calls it
     * {@code no_desktop_session}.
     */
    public static final String NO_DESKTOP_SESSION = "NO_DESKTOP_SESSION";
    /** No window matches the title (or process id) asked for, or it closed meanwhile. */
    public static final String WINDOW_NOT_FOUND = "WINDOW_NOT_FOUND";
    /** More than one window matches the title equally well. */
    public static final String WINDOW_AMBIGUOUS = "WINDOW_AMBIGUOUS";
    /** The point is outside the virtual screen (or, on Windows, on no monitor). */
    public static final String COORDINATES_OUT_OF_BOUNDS = "COORDINATES_OUT_OF_BOUNDS";
    /** A key name that is not known. */
    public static final String UNKNOWN_KEY = "UNKNOWN_KEY";
    /** A character that cannot be typed (a control character, or no spare key code to map it to). */
    public static final String UNTYPABLE_CHARACTER = "UNTYPABLE_CHARACTER";
    /** The system dropped injected input (Windows UIPI: the target runs at a higher integrity level). */
    public static final String INPUT_BLOCKED = "INPUT_BLOCKED";
    /** The clipboard could not be opened, owned or read. */
    public static final String CLIPBOARD_UNAVAILABLE = "CLIPBOARD_UNAVAILABLE";
    /** A URL that is not an absolute http or https URL. */
    public static final String INVALID_URL = "INVALID_URL";
    /** The URL opener failed. */
    public static final String BROWSER_OPEN_FAILED = "BROWSER_OPEN_FAILED";
    /** The application could not be started. */
    public static final String APP_NOT_STARTED = "APP_NOT_STARTED";
    /** The application did not close within the grace period (and force was not asked for, or failed). */
    public static final String APP_NOT_CLOSED = "APP_NOT_CLOSED";
    /** A target that must not be closed (the executor itself, its ancestors, process 1). */
    public static final String INVALID_TARGET = "INVALID_TARGET";
    /** The effect could not be observed afterwards (focus elsewhere, clipboard differs, process gone). */
    public static final String VERIFICATION_FAILED = "VERIFICATION_FAILED";
    /** The desktop reported an error the executor did not expect. */
    public static final String DESKTOP_ERROR = "DESKTOP_ERROR";

    private DesktopErrors() {
    }
}
