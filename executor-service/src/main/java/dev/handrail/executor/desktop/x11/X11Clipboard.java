package dev.handrail.executor.desktop.x11;

import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.platform.unix.X11.Atom;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.DesktopException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code CLIPBOARD} selection. Writing makes the backend's hidden window its owner and keeps
 * the text, so it stays pasteable after the call and for as long as the executor runs (X has no
 * clipboard store: the owner answers every paste); {@link #answer} serves other applications'
 * requests for {@code TARGETS}, {@code UTF8_STRING}, {@code TEXT} and {@code STRING}. Reading asks
 * the current owner, whoever it is (the executor itself included), to convert the selection to
 * {@code UTF8_STRING} (then {@code STRING}) into a property of the hidden window, following the
 * {@code INCR} protocol for large texts. X thread only.
 */
final class X11Clipboard {

    /** Waits on the X event queue on the X thread, handling other events meanwhile. */
    interface Events {
        Optional<X11.XEvent> await(Predicate<X11.XEvent> wanted, long deadlineNanos);
    }

    private static final int PROPERTY_NEW_VALUE = 0;

    private final X11Connection c;
    private final long window;
    private final Atom clipboard;
    private String owned;

    X11Clipboard(X11Connection c) {
        this.c = c;
        X11.Window hidden = c.x.XCreateSimpleWindow(c.display, c.root, -10, -10, 1, 1, 0, 0, 0);
        this.window = X11Connection.id(hidden);
        c.x.XSelectInput(c.display, hidden, new NativeLong(X11Connection.PROPERTY_CHANGE_MASK));
        c.putBytes(
                window, c.atom("WM_NAME"), X11.XA_STRING, "handrail-clipboard".getBytes(StandardCharsets.ISO_8859_1));
        this.clipboard = c.atom("CLIPBOARD");
        c.sync();
    }

    /** The hidden window that owns the selection and receives conversions. */
    long window() {
        return window;
    }

    void write(String text) {
        owned = text;
        c.xlib.XSetSelectionOwner(c.display, clipboard, X11Connection.window(window), new NativeLong(0));
        c.sync();
        long owner = X11Connection.id(c.xlib.XGetSelectionOwner(c.display, clipboard));
        if (owner != window) {
            owned = null;
            throw new DesktopException(
                    ErrorCode.CLIPBOARD_UNAVAILABLE,
                    "The X server did not make the executor the " + "clipboard's owner (owner is 0x"
                            + Long.toHexString(owner) + ")");
        }
    }

    Optional<String> read(long deadlineNanos, Events events) {
        long owner = X11Connection.id(c.xlib.XGetSelectionOwner(c.display, clipboard));
        if (owner == 0) {
            return Optional.empty();
        }
        // Even when the executor owns the selection, the text is asked of the X server as any other
        // client would (the request comes back to answer()), so a read-back shows what a paste gets.
        Optional<String> text = convert(c.atom("UTF8_STRING"), deadlineNanos, events);
        return text.isPresent() ? text : convert(X11.XA_STRING, deadlineNanos, events);
    }

    private Optional<String> convert(Atom target, long deadlineNanos, Events events) {
        Atom property = c.atom("HANDRAIL_SELECTION");
        c.x.XDeleteProperty(c.display, X11Connection.window(window), property);
        c.xlib.XConvertSelection(
                c.display, clipboard, target, property, X11Connection.window(window), new NativeLong(0));
        c.x.XFlush(c.display);
        X11.XEvent notify = events.await(
                        event -> event.type == X11.SelectionNotify
                                && selection(event).requestor.longValue() == window,
                        deadlineNanos)
                .orElseThrow(() -> new DesktopException(
                        ErrorCode.CLIPBOARD_UNAVAILABLE, "The clipboard's owner did not hand over its text in time"));
        X11.XSelectionEvent answer = selection(notify);
        if (answer.property == null || answer.property.longValue() == 0) {
            return Optional.empty();
        }
        Optional<X11Connection.Property> value = c.property(window, property, X11Connection.ANY_PROPERTY_TYPE, true);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = value.get().type() == c.atom("INCR").longValue()
                ? incremental(property, deadlineNanos, events)
                : value.get().bytes();
        return Optional.of(new String(
                bytes,
                target.longValue() == X11.XA_STRING.longValue()
                        ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8));
    }

    /** Collects an INCR transfer: each new value of the property is a chunk, an empty one ends it. */
    private byte[] incremental(Atom property, long deadlineNanos, Events events) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            if (events.await(event -> event.type == X11.PropertyNotify && newValue(event, property), deadlineNanos)
                    .isEmpty()) {
                throw new DesktopException(
                        ErrorCode.CLIPBOARD_UNAVAILABLE, "The clipboard's owner stopped sending its text");
            }
            byte[] chunk = c.property(window, property, X11Connection.ANY_PROPERTY_TYPE, true)
                    .map(X11Connection.Property::bytes)
                    .orElse(new byte[0]);
            if (chunk.length == 0) {
                return all.toByteArray();
            }
            all.writeBytes(chunk);
        }
    }

    private boolean newValue(X11.XEvent event, Atom property) {
        X11.XPropertyEvent change = (X11.XPropertyEvent) event.getTypedValue(X11.XPropertyEvent.class);
        return change.window.longValue() == window
                && change.atom.longValue() == property.longValue()
                && change.state == PROPERTY_NEW_VALUE;
    }

    /** Answers another application's request for the text the executor owns. */
    void answer(X11.XEvent event) {
        X11.XSelectionRequestEvent request =
                (X11.XSelectionRequestEvent) event.getTypedValue(X11.XSelectionRequestEvent.class);
        long requestor = request.requestor.longValue();
        Atom property =
                request.property == null || request.property.longValue() == 0 ? request.target : request.property;
        boolean served = owned != null
                && request.selection.longValue() == clipboard.longValue()
                && serve(requestor, request.target.longValue(), property);
        X11.XEvent reply = new X11.XEvent();
        reply.setType(X11.XSelectionEvent.class);
        reply.xselection.type = X11.SelectionNotify;
        reply.xselection.send_event = 1;
        reply.xselection.display = c.display;
        reply.xselection.requestor = request.requestor;
        reply.xselection.selection = request.selection;
        reply.xselection.target = request.target;
        reply.xselection.property = served ? property : new Atom(0);
        reply.xselection.time = request.time;
        ErrorTrap.clear();
        c.x.XSendEvent(c.display, request.requestor, 0, new NativeLong(X11Connection.NO_EVENT_MASK), reply);
        c.sync();
    }

    private boolean serve(long requestor, long target, Atom property) {
        if (target == c.atom("TARGETS").longValue()) {
            c.putLongs(requestor, property, X11.XA_ATOM, new long[] {
                c.atom("TARGETS").longValue(),
                c.atom("UTF8_STRING").longValue(),
                c.atom("TEXT").longValue(),
                X11.XA_STRING.longValue()
            });
            return true;
        }
        if (target == c.atom("UTF8_STRING").longValue()
                || target == c.atom("TEXT").longValue()
                || target == c.atom("text/plain;charset=utf-8").longValue()) {
            c.putBytes(requestor, property, c.atom("UTF8_STRING"), owned.getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (target == X11.XA_STRING.longValue()) {
            c.putBytes(requestor, property, X11.XA_STRING, owned.getBytes(StandardCharsets.ISO_8859_1));
            return true;
        }
        return false;
    }

    /** Another application took the clipboard: the executor's text is no longer what a paste gets. */
    void cleared(X11.XEvent event) {
        X11.XSelectionClearEvent clear = (X11.XSelectionClearEvent) event.getTypedValue(X11.XSelectionClearEvent.class);
        if (clear.selection.longValue() == clipboard.longValue()) {
            owned = null;
        }
    }

    private static X11.XSelectionEvent selection(X11.XEvent event) {
        return (X11.XSelectionEvent) event.getTypedValue(X11.XSelectionEvent.class);
    }
}
