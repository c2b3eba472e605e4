package dev.handrail.executor.desktop.x11;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.platform.unix.X11.Atom;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.DesktopException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code CLIPBOARD} selection, by the ICCCM. Writing makes the backend's hidden window its
 * owner and keeps the text, so it stays pasteable after the call and for as long as the executor
 * runs (X has no clipboard store: the owner answers every paste). Ownership is taken with a real
 * server timestamp, read from the {@code PropertyNotify} a zero-length append to a property of the
 * hidden window causes (ICCCM 2.1), never {@code CurrentTime}. {@link #answer} serves other
 * applications' requests for {@code TARGETS}, {@code TIMESTAMP}, {@code MULTIPLE},
 * {@code UTF8_STRING}, {@code TEXT} and {@code STRING}; a text longer than the core protocol's
 * largest request goes in pieces through {@code INCR} (ICCCM 2.7.2), each after the requestor
 * deleted the last. On shutdown {@link #handOff} gives the text to a clipboard manager, if one
 * owns {@code CLIPBOARD_MANAGER}, by converting that selection to {@code SAVE_TARGETS}
 * (freedesktop.org Clipboard Manager Specification). Reading asks the current owner, whoever it is
 * (the executor itself included), to convert the selection to {@code UTF8_STRING} (then
 * {@code STRING}) into a property of the hidden window, following {@code INCR} for large texts.
 * X thread only.
 */
final class X11Clipboard {

    /** Waits on the X event queue on the X thread, handling other events meanwhile. */
    interface Events {
        Optional<X11.XEvent> await(Predicate<X11.XEvent> wanted, long deadlineNanos);
    }

    /** An incremental transfer stalled this long (the requestor stopped deleting) is given up. */
    private static final Duration INCR_STALL = Duration.ofSeconds(10);
    /** A {@code ChangeProperty} request's fixed part, in bytes. */
    private static final int CHANGE_PROPERTY_HEADER = 24;

    private final X11Connection c;
    private final long window;
    private final Atom clipboard;
    /** The longest text served in one property; longer ones go through {@code INCR} in pieces this long. */
    private final int piece;
    /** Incremental transfers under way, by requestor window and property. */
    private final Map<Destination, Transfer> transfers = new HashMap<>();

    private String owned;
    /** The server time the executor took the clipboard at. */
    private long ownedSince;

    X11Clipboard(X11Connection c) {
        this.c = c;
        X11.Window hidden = c.x.XCreateSimpleWindow(c.display, c.root, -10, -10, 1, 1, 0, 0, 0);
        this.window = X11Connection.id(hidden);
        c.x.XSelectInput(c.display, hidden, new NativeLong(X11Connection.PROPERTY_CHANGE_MASK));
        c.putBytes(
                window, c.atom("WM_NAME"), X11.XA_STRING, "handrail-clipboard".getBytes(StandardCharsets.ISO_8859_1));
        this.clipboard = c.atom("CLIPBOARD");
        this.piece = (int) (c.xlib.XMaxRequestSize(c.display).longValue() * 4 - CHANGE_PROPERTY_HEADER);
        c.sync();
    }

    /** The hidden window that owns the selection and receives conversions. */
    long window() {
        return window;
    }

    void write(String text, long deadlineNanos, Events events) {
        long time = serverTime(deadlineNanos, events);
        owned = text;
        c.xlib.XSetSelectionOwner(c.display, clipboard, X11Connection.window(window), new NativeLong(time));
        c.sync();
        long owner = X11Connection.id(c.xlib.XGetSelectionOwner(c.display, clipboard));
        if (owner != window) {
            owned = null;
            throw new DesktopException(
                    ErrorCode.CLIPBOARD_UNAVAILABLE,
                    "The X server did not make the executor the " + "clipboard's owner (owner is 0x"
                            + Long.toHexString(owner) + ")");
        }
        ownedSince = time;
    }

    /**
     * The server's time now: appending nothing to a property of the hidden window changes nothing
     * but still sends a {@code PropertyNotify}, which carries the time (ICCCM 2.1).
     */
    private long serverTime(long deadlineNanos, Events events) {
        Atom property = c.atom("HANDRAIL_TIMESTAMP");
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
        X11.XEvent change = events.await(
                        event -> event.type == X11.PropertyNotify
                                && propertyEvent(event).window.longValue() == window
                                && propertyEvent(event).atom.longValue() == property.longValue(),
                        deadlineNanos)
                .orElseThrow(() -> new DesktopException(
                        ErrorCode.CLIPBOARD_UNAVAILABLE, "The X server did not report its time in time"));
        return propertyEvent(change).time.longValue();
    }

    Optional<String> read(long deadlineNanos, Events events) {
        long owner = X11Connection.id(c.xlib.XGetSelectionOwner(c.display, clipboard));
        if (owner == 0) {
            return Optional.empty();
        }
        // Even when the executor owns the selection, the text is asked of the X server as any other
        // client would (the request comes back to answer()), so a read-back shows what a paste gets.
        long time = serverTime(deadlineNanos, events);
        Optional<String> text = convert(c.atom("UTF8_STRING"), time, deadlineNanos, events);
        return text.isPresent() ? text : convert(X11.XA_STRING, time, deadlineNanos, events);
    }

    private Optional<String> convert(Atom target, long time, long deadlineNanos, Events events) {
        Atom property = c.atom("HANDRAIL_SELECTION");
        c.x.XDeleteProperty(c.display, X11Connection.window(window), property);
        c.xlib.XConvertSelection(
                c.display, clipboard, target, property, X11Connection.window(window), new NativeLong(time));
        c.x.XFlush(c.display);
        X11.XEvent notify = events.await(
                        event -> event.type == X11.SelectionNotify
                                && selection(event).requestor.longValue() == window
                                && selection(event).selection.longValue() == clipboard.longValue(),
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
        X11.XPropertyEvent change = propertyEvent(event);
        return change.window.longValue() == window
                && change.atom.longValue() == property.longValue()
                && change.state == X11.PropertyNewValue;
    }

    /** Answers another application's request for the text the executor owns. */
    void answer(X11.XEvent event) {
        X11.XSelectionRequestEvent request =
                (X11.XSelectionRequestEvent) event.getTypedValue(X11.XSelectionRequestEvent.class);
        long requestor = request.requestor.longValue();
        Atom property =
                request.property == null || request.property.longValue() == 0 ? request.target : request.property;
        ErrorTrap.clear();
        boolean served = owned != null
                && request.selection.longValue() == clipboard.longValue()
                && (request.target.longValue() == c.atom("MULTIPLE").longValue()
                        ? serveMultiple(requestor, property)
                        : serve(requestor, request.target.longValue(), property));
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
        c.x.XSendEvent(c.display, request.requestor, 0, new NativeLong(X11Connection.NO_EVENT_MASK), reply);
        if (c.sync().isPresent()) {
            forget(requestor);
        }
    }

    /** {@code MULTIPLE}: the property holds (target, property) pairs; a pair that cannot be served gets property None. */
    private boolean serveMultiple(long requestor, Atom property) {
        Optional<long[]> pairs = c.property(requestor, property, X11Connection.ANY_PROPERTY_TYPE, false)
                .filter(p -> p.format() == 32)
                .map(X11Connection.Property::longs);
        if (pairs.isEmpty()) {
            return false;
        }
        long[] answered = pairs.get().clone();
        for (int i = 0; i + 1 < answered.length; i += 2) {
            if (answered[i + 1] == 0 || !serve(requestor, answered[i], new Atom(answered[i + 1]))) {
                answered[i + 1] = 0;
            }
        }
        c.putLongs(requestor, property, c.atom("ATOM_PAIR"), answered);
        return true;
    }

    private boolean serve(long requestor, long target, Atom property) {
        if (target == c.atom("TARGETS").longValue()) {
            c.putLongs(requestor, property, X11.XA_ATOM, new long[] {
                c.atom("TARGETS").longValue(),
                c.atom("TIMESTAMP").longValue(),
                c.atom("MULTIPLE").longValue(),
                c.atom("SAVE_TARGETS").longValue(),
                c.atom("UTF8_STRING").longValue(),
                c.atom("TEXT").longValue(),
                X11.XA_STRING.longValue()
            });
            return true;
        }
        if (target == c.atom("TIMESTAMP").longValue()) {
            c.putLongs(requestor, property, X11.XA_INTEGER, new long[] {ownedSince});
            return true;
        }
        if (target == c.atom("UTF8_STRING").longValue()
                || target == c.atom("TEXT").longValue()
                || target == c.atom("text/plain;charset=utf-8").longValue()) {
            send(requestor, property, c.atom("UTF8_STRING"), owned.getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (target == X11.XA_STRING.longValue()) {
            send(requestor, property, X11.XA_STRING, owned.getBytes(StandardCharsets.ISO_8859_1));
            return true;
        }
        return false;
    }

    /**
     * Puts the text into the requestor's property, or, when it is longer than one request may
     * carry, starts an {@code INCR} transfer: the property gets type {@code INCR} and the size, and
     * each time the requestor deletes it, the next piece follows; an empty piece ends it.
     */
    private void send(long requestor, Atom property, Atom type, byte[] bytes) {
        if (bytes.length <= piece) {
            c.putBytes(requestor, property, type, bytes);
            return;
        }
        c.x.XSelectInput(
                c.display, X11Connection.window(requestor), new NativeLong(X11Connection.PROPERTY_CHANGE_MASK));
        c.putLongs(requestor, property, c.atom("INCR"), new long[] {bytes.length});
        transfers.put(new Destination(requestor, property.longValue()), new Transfer(type, bytes));
    }

    /** A property changed: a requestor that deleted the last piece of an {@code INCR} transfer gets the next. */
    void propertyChanged(X11.XEvent event) {
        X11.XPropertyEvent change = propertyEvent(event);
        if (change.state != X11.PropertyDelete) {
            return;
        }
        Destination destination = new Destination(change.window.longValue(), change.atom.longValue());
        Transfer transfer = transfers.get(destination);
        if (transfer == null) {
            return;
        }
        int length = Math.min(piece, transfer.bytes.length - transfer.sent);
        ErrorTrap.clear();
        c.putBytes(
                destination.window(),
                new Atom(destination.property()),
                transfer.type,
                Arrays.copyOfRange(transfer.bytes, transfer.sent, transfer.sent + length));
        boolean failed = c.sync().isPresent();
        transfer.sent += length;
        transfer.lastProgressNanos = System.nanoTime();
        if (length == 0 || failed) {
            transfers.remove(destination);
            stopWatching(destination.window());
        }
    }

    /** Gives up the incremental transfers whose requestor stopped taking pieces. */
    void expire() {
        if (transfers.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<Destination> stalled = transfers.entrySet().stream()
                .filter(entry -> now - entry.getValue().lastProgressNanos > INCR_STALL.toNanos())
                .map(Map.Entry::getKey)
                .toList();
        stalled.forEach(transfers::remove);
        stalled.forEach(destination -> stopWatching(destination.window()));
    }

    private void forget(long requestor) {
        transfers.keySet().removeIf(destination -> destination.window() == requestor);
        stopWatching(requestor);
    }

    /** Stops listening to a requestor's property changes once no transfer to it is left (the hidden window keeps its mask). */
    private void stopWatching(long requestor) {
        if (requestor == window || transfers.keySet().stream().anyMatch(d -> d.window() == requestor)) {
            return;
        }
        ErrorTrap.clear();
        c.x.XSelectInput(c.display, X11Connection.window(requestor), new NativeLong(X11Connection.NO_EVENT_MASK));
        c.sync();
    }

    /**
     * Hands the text over to a clipboard manager, when the executor owns the clipboard and a
     * manager owns {@code CLIPBOARD_MANAGER}: asks it to convert {@code SAVE_TARGETS} for the text
     * targets, answers its requests meanwhile, and waits for its {@code SelectionNotify}. Whether
     * the manager took the text.
     */
    boolean handOff(long deadlineNanos, Events events) {
        if (owned == null || X11Connection.id(c.xlib.XGetSelectionOwner(c.display, clipboard)) != window) {
            return false;
        }
        Atom manager = c.atom("CLIPBOARD_MANAGER");
        if (X11Connection.id(c.xlib.XGetSelectionOwner(c.display, manager)) == 0) {
            return false;
        }
        long time = serverTime(deadlineNanos, events);
        Atom property = c.atom("HANDRAIL_SAVE_TARGETS");
        c.putLongs(
                window, property, X11.XA_ATOM, new long[] {c.atom("UTF8_STRING").longValue(), X11.XA_STRING.longValue()
                });
        c.xlib.XConvertSelection(
                c.display,
                manager,
                c.atom("SAVE_TARGETS"),
                property,
                X11Connection.window(window),
                new NativeLong(time));
        c.x.XFlush(c.display);
        return events.await(
                        event -> event.type == X11.SelectionNotify
                                && selection(event).requestor.longValue() == window
                                && selection(event).selection.longValue() == manager.longValue(),
                        deadlineNanos)
                .map(X11Clipboard::selection)
                .filter(answer -> answer.property != null && answer.property.longValue() != 0)
                .isPresent();
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

    private static X11.XPropertyEvent propertyEvent(X11.XEvent event) {
        return (X11.XPropertyEvent) event.getTypedValue(X11.XPropertyEvent.class);
    }

    /** A requestor's window and the property it asked the text into. */
    private record Destination(long window, long property) {}

    /** An {@code INCR} transfer: the text, its type, and how much of it the requestor has. */
    private static final class Transfer {
        final Atom type;
        final byte[] bytes;
        int sent;
        long lastProgressNanos = System.nanoTime();

        Transfer(Atom type, byte[] bytes) {
            this.type = type;
            this.bytes = bytes;
        }
    }
}
