package dev.handrail.executor.desktop.x11;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.platform.unix.X11.Atom;
import com.sun.jna.platform.unix.X11.Display;
import com.sun.jna.platform.unix.X11.Window;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.DesktopException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Xlib connection and the helpers every part of the X11 backend shares: atoms, window
 * properties, client messages, error trapping. Every method must be called on the backend's one
 * X thread; only {@link #lost()} may be read from anywhere. When the connection breaks, Xlib's
 * exit is replaced by marking it lost (libX11 1.7 and newer), and no call is made on it again.
 */
final class X11Connection {

    private static final Logger LOG = LoggerFactory.getLogger(X11Connection.class);
    /** Longest property read, in 32-bit units (Xlib's unit for property lengths). */
    private static final long MAX_PROPERTY_LONGS = 1L << 24;

    private static final AtomicBoolean HANDLERS_INSTALLED = new AtomicBoolean();
    private static final Xlib.IOErrorHandler IO_ERROR_LOGGER = display -> {
        LOG.error(
                "The connection to the X server broke; desktop capabilities are unavailable until the executor restarts");
        return 0;
    };

    static final Atom ANY_PROPERTY_TYPE = new Atom(0);
    static final long NO_EVENT_MASK = 0;
    static final long SUBSTRUCTURE_NOTIFY_MASK = 1L << 19;
    static final long SUBSTRUCTURE_REDIRECT_MASK = 1L << 20;
    static final long PROPERTY_CHANGE_MASK = 1L << 22;

    final X11 x;
    final Xlib xlib;
    final X11.XTest xtest;
    final Display display;
    final int screen;
    final Window root;
    final String name;
    private final Map<String, Atom> atoms = new HashMap<>();
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Referenced here so the callback outlives every call Xlib may make to it. */
    private final Xlib.IOErrorExitHandler exitHandler;

    private X11Connection(X11 x, Xlib xlib, X11.XTest xtest, Display display, String name) {
        this.x = x;
        this.xlib = xlib;
        this.xtest = xtest;
        this.display = display;
        this.name = name;
        this.screen = x.XDefaultScreen(display);
        this.root = x.XRootWindow(display, screen);
        this.exitHandler = (broken, data) -> lost.set(true);
    }

    /** Opens the display, or says why it cannot. Call on the X thread, which owns the connection from then on. */
    static X11Connection open(String displayName) {
        X11 x;
        Xlib xlib;
        try {
            x = X11.INSTANCE;
            xlib = Native.load("X11", Xlib.class);
        } catch (LinkageError e) {
            throw DesktopException.noSession("libX11 cannot be loaded (" + e.getMessage() + ")");
        }
        if (HANDLERS_INSTALLED.compareAndSet(false, true)) {
            xlib.XSetErrorHandler(ErrorTrap.HANDLER);
            xlib.XSetIOErrorHandler(IO_ERROR_LOGGER);
        }
        Display display = x.XOpenDisplay(displayName);
        if (display == null) {
            throw DesktopException.noSession("cannot open X display " + displayName);
        }
        X11Connection connection = new X11Connection(x, xlib, xtest(display), display, displayName);
        connection.survivesServerLoss();
        return connection;
    }

    private static X11.XTest xtest(Display display) {
        try {
            X11.XTest xtest = X11.XTest.INSTANCE;
            IntByReference ignored = new IntByReference();
            return xtest.XTestQueryExtension(display, ignored, ignored, new IntByReference(), new IntByReference())
                    ? xtest
                    : null;
        } catch (LinkageError e) {
            LOG.warn("libXtst cannot be loaded ({}); keyboard and mouse are unavailable", e.getMessage());
            return null;
        }
    }

    private void survivesServerLoss() {
        try {
            xlib.XSetIOErrorExitHandler(display, exitHandler, Pointer.NULL);
        } catch (UnsatisfiedLinkError e) {
            LOG.warn(
                    "This libX11 has no XSetIOErrorExitHandler (libX11 < 1.7): losing the X server will end the executor");
        }
    }

    /** Whether the connection broke or was closed; nothing may be called on it afterwards. */
    boolean lost() {
        return lost.get() || closed.get();
    }

    /** Refuses with {@code NO_DESKTOP_SESSION} once the connection is lost. */
    void requireOpen() {
        if (lost()) {
            throw DesktopException.noSession("the connection to X display " + name + " was lost");
        }
    }

    Atom atom(String atomName) {
        return atoms.computeIfAbsent(atomName, n -> x.XInternAtom(display, n, false));
    }

    static Window window(long id) {
        return new Window(id);
    }

    static long id(Window window) {
        return window == null ? 0 : window.longValue();
    }

    /** Waits until the server has handled every request, then reports the first protocol error among them. */
    Optional<ErrorTrap.XError> sync() {
        x.XSync(display, false);
        return ErrorTrap.take();
    }

    /** A window property; absent when the window has none or is gone. */
    Optional<Property> property(long window, Atom property, Atom type, boolean delete) {
        X11.AtomByReference actualType = new X11.AtomByReference();
        IntByReference actualFormat = new IntByReference();
        NativeLongByReference items = new NativeLongByReference();
        NativeLongByReference bytesAfter = new NativeLongByReference();
        PointerByReference data = new PointerByReference();
        ErrorTrap.clear();
        int status = xlib.XGetWindowProperty(
                display,
                window(window),
                property,
                new NativeLong(0),
                new NativeLong(MAX_PROPERTY_LONGS),
                delete ? 1 : 0,
                type,
                actualType,
                actualFormat,
                items,
                bytesAfter,
                data);
        Pointer pointer = data.getValue();
        try {
            Atom typeAtom = actualType.getValue();
            if (status != 0
                    || ErrorTrap.take().isPresent()
                    || typeAtom == null
                    || typeAtom.longValue() == 0
                    || pointer == null) {
                return Optional.empty();
            }
            long count = items.getValue().longValue();
            int format = actualFormat.getValue();
            return Optional.of(
                    switch (format) {
                        case 32 ->
                            new Property(typeAtom.longValue(), 32, new byte[0], pointer.getLongArray(0, (int) count));
                        case 16 ->
                            new Property(
                                    typeAtom.longValue(), 16, pointer.getByteArray(0, (int) count * 2), new long[0]);
                        default ->
                            new Property(typeAtom.longValue(), 8, pointer.getByteArray(0, (int) count), new long[0]);
                    });
        } finally {
            if (pointer != null) {
                x.XFree(pointer);
            }
        }
    }

    /** A property of 32-bit items (windows, cardinals, atoms) as C longs. */
    Optional<long[]> longs(long window, String propertyName, Atom type) {
        return property(window, atom(propertyName), type, false)
                .filter(p -> p.format() == 32)
                .map(Property::longs);
    }

    /** A text property, decoded as UTF-8 when its type says so and as Latin-1 otherwise. */
    Optional<String> text(long window, String propertyName) {
        return property(window, atom(propertyName), ANY_PROPERTY_TYPE, false)
                .filter(p -> p.format() == 8)
                .map(p -> new String(
                        p.bytes(),
                        p.type() == atom("UTF8_STRING").longValue()
                                ? StandardCharsets.UTF_8
                                : StandardCharsets.ISO_8859_1));
    }

    /** Replaces a property with 8-bit data. */
    void putBytes(long window, Atom property, Atom type, byte[] bytes) {
        Memory memory = new Memory(Math.max(1, bytes.length));
        memory.write(0, bytes, 0, bytes.length);
        xlib.XChangeProperty(display, window(window), property, type, 8, X11.PropModeReplace, memory, bytes.length);
    }

    /** Replaces a property with 32-bit items (passed as C longs, as Xlib wants them). */
    void putLongs(long window, Atom property, Atom type, long[] values) {
        Memory memory = new Memory(Math.max(1, (long) values.length * Native.LONG_SIZE));
        for (int i = 0; i < values.length; i++) {
            memory.setNativeLong((long) i * Native.LONG_SIZE, new NativeLong(values[i]));
        }
        xlib.XChangeProperty(display, window(window), property, type, 32, X11.PropModeReplace, memory, values.length);
    }

    /** Sends a 32-bit client message about {@code window} to {@code destination}. */
    void clientMessage(long window, long destination, String type, long mask, long... data) {
        X11.XEvent event = new X11.XEvent();
        event.setType(X11.XClientMessageEvent.class);
        X11.XClientMessageEvent message = event.xclient;
        message.type = X11.ClientMessage;
        message.send_event = 1;
        message.display = display;
        message.window = window(window);
        message.message_type = atom(type);
        message.format = 32;
        message.data.setType(NativeLong[].class);
        for (int i = 0; i < message.data.l.length; i++) {
            message.data.l[i] = new NativeLong(i < data.length ? data[i] : 0);
        }
        x.XSendEvent(display, window(destination), 0, new NativeLong(mask), event);
    }

    /** Whether a window manager that speaks EWMH runs. */
    boolean ewmh() {
        return longs(id(root), "_NET_SUPPORTING_WM_CHECK", X11.XA_WINDOW)
                .filter(ids -> ids.length > 0 && ids[0] != 0)
                .isPresent();
    }

    /** Raises an error as the stable failure it means. */
    static DesktopException failure(ErrorTrap.XError error, String what) {
        if (error.windowGone()) {
            return new DesktopException(
                    ErrorCode.WINDOW_NOT_FOUND, what + ": the window no longer exists (" + error + ")");
        }
        return new DesktopException(ErrorCode.DESKTOP_ERROR, what + " failed: " + error);
    }

    /** Closes the display once; a connection that broke is left alone (Xlib may not be called on it again). */
    void close() {
        if (closed.compareAndSet(false, true) && !lost.get()) {
            x.XCloseDisplay(display);
        }
    }

    /** A window property's value: 8/16-bit data as bytes, 32-bit data as longs. */
    record Property(long type, int format, byte[] bytes, long[] longs) {}
}
