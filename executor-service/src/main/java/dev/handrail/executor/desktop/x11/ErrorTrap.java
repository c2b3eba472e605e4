package dev.handrail.executor.desktop.x11;

import java.util.Map;
import java.util.Optional;

/**
 * Catches X protocol errors instead of letting Xlib's default handler end the process: a window
 * that closed between two calls answers {@code BadWindow}, which must be an outcome, not a crash.
 * Xlib calls the handler on the thread whose request failed (the backend's one X thread), so the
 * first error since the last {@link #clear()} is kept per thread.
 */
final class ErrorTrap {

    /** One X protocol error. */
    record XError(int code, int request, long resource) {

        static final int BAD_WINDOW = 3;
        static final int BAD_MATCH = 8;
        static final int BAD_DRAWABLE = 9;

        private static final Map<Integer, String> NAMES = Map.of(
                1,
                "BadRequest",
                2,
                "BadValue",
                BAD_WINDOW,
                "BadWindow",
                5,
                "BadAtom",
                BAD_MATCH,
                "BadMatch",
                BAD_DRAWABLE,
                "BadDrawable",
                10,
                "BadAccess",
                11,
                "BadAlloc");

        /** Whether the error says the window no longer exists. */
        boolean windowGone() {
            return code == BAD_WINDOW || code == BAD_DRAWABLE;
        }

        @Override
        public String toString() {
            return NAMES.getOrDefault(code, "X error " + code) + " (request " + request + ", resource 0x"
                    + Long.toHexString(resource) + ")";
        }
    }

    private static final ThreadLocal<XError> LAST = new ThreadLocal<>();

    /** Offsets in an LP64 {@code XErrorEvent}: int type, pointer display, long resourceid, long serial, then the codes. */
    private static final int RESOURCE_OFFSET = 16;

    private static final int ERROR_CODE_OFFSET = 32;
    private static final int REQUEST_CODE_OFFSET = 33;

    /** The handler installed with {@code XSetErrorHandler}; kept here so it is never collected. */
    static final Xlib.ErrorHandler HANDLER = (display, event) -> {
        if (LAST.get() == null) {
            LAST.set(new XError(
                    event.getByte(ERROR_CODE_OFFSET) & 0xff,
                    event.getByte(REQUEST_CODE_OFFSET) & 0xff,
                    event.getLong(RESOURCE_OFFSET)));
        }
        return 0;
    };

    private ErrorTrap() {}

    /** Forgets any earlier error of this thread. */
    static void clear() {
        LAST.remove();
    }

    /** The first error caught since the last {@link #clear()}, once. */
    static Optional<XError> take() {
        XError error = LAST.get();
        LAST.remove();
        return Optional.ofNullable(error);
    }
}
