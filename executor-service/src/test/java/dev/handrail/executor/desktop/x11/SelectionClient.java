package dev.handrail.executor.desktop.x11;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.platform.unix.X11.Atom;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Another X client for the clipboard tests, with a connection and a window of its own: it asks for
 * conversions as applications do (with real timestamps, following {@code INCR}) and can own a
 * selection and answer requests, as a clipboard manager does. One thread at a time.
 */
final class SelectionClient implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    final X11Connection c;
    final long window;

    SelectionClient(String display) {
        c = X11Connection.open(display);
        X11.Window created = c.x.XCreateSimpleWindow(c.display, c.root, -10, -10, 1, 1, 0, 0, 0);
        window = X11Connection.id(created);
        c.x.XSelectInput(c.display, created, new NativeLong(X11Connection.PROPERTY_CHANGE_MASK));
        c.sync();
    }

    /** A conversion's result: the property's type and value, and whether it came through {@code INCR}. */
    record Reply(long type, byte[] bytes, long[] longs, boolean incremental) {
        String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The server's time now, from the PropertyNotify of a zero-length append. */
    long serverTime() {
        Atom property = c.atom("TEST_TIMESTAMP");
        c.xlib.XChangeProperty(
                c.display,
                X11Connection.window(window),
                property,
                X11.XA_STRING,
                8,
                X11.PropModeAppend,
                new Memory(1),
                0);
        c.x.XFlush(c.display);
        X11.XEvent event =
                next(e -> e.type == X11.PropertyNotify && property(e).atom.longValue() == property.longValue());
        return property(event).time.longValue();
    }

    /** Converts a selection to a target into a property of this client's window; empty when the owner refused. */
    Optional<Reply> convert(String selection, String target) {
        Atom property = c.atom("TEST_SELECTION");
        c.x.XDeleteProperty(c.display, X11Connection.window(window), property);
        c.xlib.XConvertSelection(
                c.display,
                c.atom(selection),
                c.atom(target),
                property,
                X11Connection.window(window),
                new NativeLong(serverTime()));
        c.x.XFlush(c.display);
        X11.XEvent notify = next(e -> e.type == X11.SelectionNotify);
        Atom answered = selectionEvent(notify).property;
        if (answered == null || answered.longValue() == 0) {
            return Optional.empty();
        }
        return Optional.of(take(property));
    }

    /** Reads and deletes a property that holds a conversion's result, following {@code INCR}. */
    Reply take(Atom property) {
        X11Connection.Property value = c.property(window, property, X11Connection.ANY_PROPERTY_TYPE, true)
                .orElseThrow(() -> new AssertionError("the owner answered without setting the property"));
        if (value.type() != c.atom("INCR").longValue()) {
            return new Reply(value.type(), value.bytes(), value.longs(), false);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long type = 0;
        while (true) {
            next(e -> e.type == X11.PropertyNotify
                    && property(e).atom.longValue() == property.longValue()
                    && property(e).state == X11.PropertyNewValue);
            X11Connection.Property piece = c.property(window, property, X11Connection.ANY_PROPERTY_TYPE, true)
                    .orElseThrow(() -> new AssertionError("an INCR piece vanished"));
            if (piece.bytes().length == 0) {
                return new Reply(type, all.toByteArray(), new long[0], true);
            }
            type = piece.type();
            all.writeBytes(piece.bytes());
        }
    }

    /** Takes a selection; whether the server made this client its owner. */
    boolean own(String selection) {
        c.xlib.XSetSelectionOwner(
                c.display, c.atom(selection), X11Connection.window(window), new NativeLong(serverTime()));
        c.sync();
        return X11Connection.id(c.xlib.XGetSelectionOwner(c.display, c.atom(selection))) == window;
    }

    /** The next event this test waits for, or an assertion error after {@link #PATIENCE}. */
    X11.XEvent next(Predicate<X11.XEvent> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            while (c.x.XPending(c.display) > 0) {
                X11.XEvent event = new X11.XEvent();
                c.x.XNextEvent(c.display, event);
                if (wanted.test(event)) {
                    return event;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        throw new AssertionError("no such X event within " + PATIENCE);
    }

    /** Tells a requestor its conversion is done (its property set) or refused (property None). */
    void notify(X11.XSelectionRequestEvent request, boolean done) {
        X11.XEvent reply = new X11.XEvent();
        reply.setType(X11.XSelectionEvent.class);
        reply.xselection.type = X11.SelectionNotify;
        reply.xselection.send_event = 1;
        reply.xselection.display = c.display;
        reply.xselection.requestor = request.requestor;
        reply.xselection.selection = request.selection;
        reply.xselection.target = request.target;
        reply.xselection.property = done ? request.property : new Atom(0);
        reply.xselection.time = request.time;
        c.x.XSendEvent(c.display, request.requestor, 0, new NativeLong(X11Connection.NO_EVENT_MASK), reply);
        c.sync();
    }

    static X11.XPropertyEvent property(X11.XEvent event) {
        return (X11.XPropertyEvent) event.getTypedValue(X11.XPropertyEvent.class);
    }

    static X11.XSelectionEvent selectionEvent(X11.XEvent event) {
        return (X11.XSelectionEvent) event.getTypedValue(X11.XSelectionEvent.class);
    }

    static X11.XSelectionRequestEvent request(X11.XEvent event) {
        return (X11.XSelectionRequestEvent) event.getTypedValue(X11.XSelectionRequestEvent.class);
    }

    @Override
    public void close() {
        c.close();
    }
}
