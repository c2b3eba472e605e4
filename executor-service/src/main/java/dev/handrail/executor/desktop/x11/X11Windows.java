package dev.handrail.executor.desktop.x11;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Top-level windows through EWMH: the window manager's {@code _NET_CLIENT_LIST} (or, without
 * one, the mapped children of the root window), titles from {@code _NET_WM_NAME} or
 * {@code WM_NAME}, process ids from {@code _NET_WM_PID}; focus and close as client messages to
 * the window manager, with plain Xlib calls when there is none. X thread only.
 */
final class X11Windows {

    private static final int IS_VIEWABLE = 2;
    private static final int REVERT_TO_PARENT = 2;
    /** EWMH source indication: a pager, which window managers obey without focus-stealing checks. */
    private static final long SOURCE_PAGER = 2;

    private static final long CURRENT_TIME = 0;

    private final X11Connection c;

    X11Windows(X11Connection c) {
        this.c = c;
    }

    List<DesktopWindow> list() {
        List<DesktopWindow> windows = new ArrayList<>();
        for (long id : clients("_NET_CLIENT_LIST")) {
            describe(id).ifPresent(windows::add);
        }
        return windows;
    }

    /**
     * The window manager's client list ({@code _NET_CLIENT_LIST_STACKING} is bottom to top), or
     * without one the viewable, titled children of the root window (also bottom to top).
     */
    private long[] clients(String property) {
        Optional<long[]> managed = c.longs(X11Connection.id(c.root), property, X11.XA_WINDOW);
        if (managed.isPresent()) {
            return managed.get();
        }
        return Arrays.stream(children(X11Connection.id(c.root)))
                .filter(this::viewable)
                .filter(this::titled)
                .toArray();
    }

    Optional<DesktopWindow> describe(long id) {
        X11.XWindowAttributes attributes = new X11.XWindowAttributes();
        ErrorTrap.clear();
        if (c.x.XGetWindowAttributes(c.display, X11Connection.window(id), attributes) == 0
                || ErrorTrap.take().isPresent()) {
            return Optional.empty();
        }
        IntByReference rootX = new IntByReference();
        IntByReference rootY = new IntByReference();
        X11.WindowByReference child = new X11.WindowByReference();
        c.x.XTranslateCoordinates(c.display, X11Connection.window(id), c.root, 0, 0, rootX, rootY, child);
        if (ErrorTrap.take().isPresent()) {
            return Optional.empty();
        }
        Long pid = c.longs(id, "_NET_WM_PID", X11.XA_CARDINAL)
                .filter(values -> values.length > 0)
                .map(values -> values[0])
                .orElse(null);
        String executable = pid == null
                ? null
                : ProcessHandle.of(pid)
                        .flatMap(process -> process.info().command())
                        .orElse(null);
        return Optional.of(new DesktopWindow(
                hex(id),
                title(id),
                pid,
                executable,
                rootX.getValue(),
                rootY.getValue(),
                attributes.width,
                attributes.height));
    }

    private String title(long id) {
        return c.text(id, "_NET_WM_NAME").or(() -> c.text(id, "WM_NAME")).orElse("");
    }

    Optional<DesktopWindow> active() {
        long id;
        if (c.ewmh()) {
            id = c.longs(X11Connection.id(c.root), "_NET_ACTIVE_WINDOW", X11.XA_WINDOW)
                    .filter(values -> values.length > 0)
                    .map(values -> values[0])
                    .orElse(0L);
        } else {
            X11.WindowByReference focus = new X11.WindowByReference();
            c.xlib.XGetInputFocus(c.display, focus, new IntByReference());
            id = topLevel(X11Connection.id(focus.getValue()));
        }
        return id <= 1 ? Optional.empty() : describe(id);
    }

    /** The topmost viewable window whose frame holds the point. */
    Optional<DesktopWindow> at(int x, int y) {
        long[] stacking = clients("_NET_CLIENT_LIST_STACKING");
        for (int i = stacking.length - 1; i >= 0; i--) {
            long id = stacking[i];
            if (!viewable(id)) {
                continue;
            }
            Optional<DesktopWindow> window = describe(id);
            if (window.isPresent() && framed(id, window.get()).contains(x, y)) {
                return window;
            }
        }
        return Optional.empty();
    }

    /** The window with its frame around it ({@code _NET_FRAME_EXTENTS}: left, right, top, bottom). */
    private DesktopWindow framed(long id, DesktopWindow window) {
        long[] extents = c.longs(id, "_NET_FRAME_EXTENTS", X11.XA_CARDINAL)
                .filter(values -> values.length == 4)
                .orElse(new long[4]);
        return new DesktopWindow(
                window.id(),
                window.title(),
                window.pid(),
                window.executable(),
                window.x() - (int) extents[0],
                window.y() - (int) extents[2],
                window.width() + (int) (extents[0] + extents[1]),
                window.height() + (int) (extents[2] + extents[3]));
    }

    void activate(DesktopWindow window) {
        long id = parse(window.id());
        require(id);
        if (c.ewmh()) {
            c.clientMessage(
                    id,
                    X11Connection.id(c.root),
                    "_NET_ACTIVE_WINDOW",
                    X11Connection.SUBSTRUCTURE_REDIRECT_MASK | X11Connection.SUBSTRUCTURE_NOTIFY_MASK,
                    SOURCE_PAGER,
                    CURRENT_TIME,
                    0);
        } else {
            c.x.XMapRaised(c.display, X11Connection.window(id));
            c.xlib.XSetInputFocus(c.display, X11Connection.window(id), REVERT_TO_PARENT, new NativeLong(CURRENT_TIME));
        }
        c.sync().ifPresent(error -> {
            throw X11Connection.failure(error, "Focusing " + window.id());
        });
    }

    void requestClose(DesktopWindow window) {
        long id = parse(window.id());
        require(id);
        if (c.ewmh()) {
            c.clientMessage(
                    id,
                    X11Connection.id(c.root),
                    "_NET_CLOSE_WINDOW",
                    X11Connection.SUBSTRUCTURE_REDIRECT_MASK | X11Connection.SUBSTRUCTURE_NOTIFY_MASK,
                    CURRENT_TIME,
                    SOURCE_PAGER);
        } else if (speaks(id, "WM_DELETE_WINDOW")) {
            c.clientMessage(
                    id,
                    id,
                    "WM_PROTOCOLS",
                    X11Connection.NO_EVENT_MASK,
                    c.atom("WM_DELETE_WINDOW").longValue(),
                    CURRENT_TIME);
        } else {
            throw new DesktopException(
                    ErrorCode.DESKTOP_ERROR,
                    "Window " + window.id()
                            + " cannot be asked to close: no window manager and no WM_DELETE_WINDOW protocol");
        }
        c.sync().ifPresent(error -> {
            throw X11Connection.failure(error, "Closing " + window.id());
        });
    }

    /** Whether the window still exists. */
    boolean exists(long id) {
        X11.XWindowAttributes attributes = new X11.XWindowAttributes();
        ErrorTrap.clear();
        return c.x.XGetWindowAttributes(c.display, X11Connection.window(id), attributes) != 0
                && ErrorTrap.take().isEmpty();
    }

    private void require(long id) {
        if (!exists(id)) {
            throw new DesktopException(ErrorCode.WINDOW_NOT_FOUND, "Window " + hex(id) + " no longer exists");
        }
    }

    private boolean speaks(long id, String protocol) {
        long wanted = c.atom(protocol).longValue();
        return c.longs(id, "WM_PROTOCOLS", X11.XA_ATOM)
                .map(atoms -> Arrays.stream(atoms).anyMatch(a -> a == wanted))
                .orElse(false);
    }

    private boolean viewable(long id) {
        X11.XWindowAttributes attributes = new X11.XWindowAttributes();
        ErrorTrap.clear();
        return c.x.XGetWindowAttributes(c.display, X11Connection.window(id), attributes) != 0
                && ErrorTrap.take().isEmpty()
                && attributes.map_state == IS_VIEWABLE;
    }

    private boolean titled(long id) {
        return !title(id).isEmpty();
    }

    /** The child of the root window that holds {@code id}. */
    private long topLevel(long id) {
        long current = id;
        long rootId = X11Connection.id(c.root);
        while (current > 1 && current != rootId) {
            long parent = parent(current);
            if (parent == rootId || parent == 0) {
                return current;
            }
            current = parent;
        }
        return 0;
    }

    private long parent(long id) {
        X11.WindowByReference rootReturn = new X11.WindowByReference();
        X11.WindowByReference parentReturn = new X11.WindowByReference();
        PointerByReference children = new PointerByReference();
        IntByReference count = new IntByReference();
        ErrorTrap.clear();
        if (c.x.XQueryTree(c.display, X11Connection.window(id), rootReturn, parentReturn, children, count) == 0
                || ErrorTrap.take().isPresent()) {
            return 0;
        }
        free(children.getValue());
        return X11Connection.id(parentReturn.getValue());
    }

    /** The children of a window, bottom of the stack first. */
    private long[] children(long id) {
        X11.WindowByReference rootReturn = new X11.WindowByReference();
        X11.WindowByReference parentReturn = new X11.WindowByReference();
        PointerByReference children = new PointerByReference();
        IntByReference count = new IntByReference();
        ErrorTrap.clear();
        if (c.x.XQueryTree(c.display, X11Connection.window(id), rootReturn, parentReturn, children, count) == 0
                || ErrorTrap.take().isPresent()) {
            return new long[0];
        }
        Pointer array = children.getValue();
        try {
            return array == null ? new long[0] : array.getLongArray(0, count.getValue());
        } finally {
            free(array);
        }
    }

    private void free(Pointer pointer) {
        if (pointer != null) {
            c.x.XFree(pointer);
        }
    }

    static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }

    static long parse(String id) {
        try {
            return Long.parseUnsignedLong(id.startsWith("0x") ? id.substring(2) : id, 16);
        } catch (NumberFormatException e) {
            throw new DesktopException(ErrorCode.WINDOW_NOT_FOUND, "'" + id + "' is not an X window id");
        }
    }
}
