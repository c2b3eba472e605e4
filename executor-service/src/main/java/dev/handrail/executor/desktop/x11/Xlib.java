package dev.handrail.executor.desktop.x11;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.platform.unix.X11.Atom;
import com.sun.jna.platform.unix.X11.Display;
import com.sun.jna.platform.unix.X11.Window;
import com.sun.jna.platform.unix.X11.WindowByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The Xlib functions jna-platform's {@code X11} does not declare, or declares in a way that
 * cannot be used (the keyboard mapping comes back as a pointer to an array, not a key symbol).
 * Key symbols are C {@code long}s, 64 bits on every platform this backend runs on (LP64 Linux).
 * A {@code Bool} the server checks is declared {@code int}: JNA passes a Java {@code true} as a
 * value the protocol rejects ({@code BadValue}).
 */
interface Xlib extends Library {

    int XGetWindowProperty(
            Display display,
            Window window,
            Atom property,
            NativeLong longOffset,
            NativeLong longLength,
            int delete,
            Atom requestedType,
            X11.AtomByReference actualType,
            IntByReference actualFormat,
            NativeLongByReference items,
            NativeLongByReference bytesAfter,
            PointerByReference data);

    int XConvertSelection(
            Display display, Atom selection, Atom target, Atom property, Window requestor, NativeLong time);

    int XSetSelectionOwner(Display display, Atom selection, Window owner, NativeLong time);

    Window XGetSelectionOwner(Display display, Atom selection);

    /** The largest request the server takes without BIG-REQUESTS, in 4-byte units. */
    NativeLong XMaxRequestSize(Display display);

    int XGetInputFocus(Display display, WindowByReference focus, IntByReference revertTo);

    int XSetInputFocus(Display display, Window focus, int revertTo, NativeLong time);

    Pointer XGetKeyboardMapping(Display display, byte firstKeycode, int keycodeCount, IntByReference keysymsPerKeycode);

    int XChangeKeyboardMapping(Display display, int firstKeycode, int keysymsPerKeycode, long[] keysyms, int numCodes);

    int XChangeProperty(
            Display display, Window window, Atom property, Atom type, int format, int mode, Pointer data, int elements);

    /** Declared here because jna-platform's {@code XErrorEvent} lays its fields out in the wrong order. */
    ErrorHandler XSetErrorHandler(ErrorHandler handler);

    IOErrorHandler XSetIOErrorHandler(IOErrorHandler handler);

    /** libX11 1.7 and newer: called instead of exit() when the connection breaks. */
    void XSetIOErrorExitHandler(Display display, IOErrorExitHandler handler, Pointer userData);

    /**
     * Called for each X protocol error, with a pointer to the {@code XErrorEvent}: {@code int type},
     * {@code Display *display}, {@code XID resourceid}, {@code unsigned long serial}, then the
     * error, request and minor codes as unsigned chars.
     */
    interface ErrorHandler extends Callback {
        int apply(Pointer display, Pointer event);
    }

    /** Called when the connection to the X server breaks. */
    interface IOErrorHandler extends Callback {
        int apply(Display display);
    }

    /** Called after {@link IOErrorHandler}; Xlib exits the process unless this is set and returns. */
    interface IOErrorExitHandler extends Callback {
        void apply(Display display, Pointer userData);
    }
}
