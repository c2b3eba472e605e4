package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.NativeLong;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.platform.unix.X11.Atom;
import dev.handrail.executor.desktop.ClipboardPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.program.ProgramResolver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The clipboard as the ICCCM wants it, seen from another X client: ownership taken at a real
 * server time, a text too long for one request served through {@code INCR}, and the text handed
 * to a clipboard manager when the executor closes.
 */
@ExtendWith(XvfbExtension.class)
class X11ClipboardTest {

    @Test
    void takesTheClipboardAtARealServerTimeNotCurrentTime(XServer server) throws InterruptedException {
        Desktop desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
        try (SelectionClient other = new SelectionClient(server.display())) {
            long before = other.serverTime();
            desktop.port(ClipboardPort.class).orElseThrow().writeClipboard("timed");
            long after = other.serverTime();

            SelectionClient.Reply timestamp =
                    other.convert("CLIPBOARD", "TIMESTAMP").orElseThrow(() -> new AssertionError("TIMESTAMP refused"));

            assertThat(timestamp.type()).isEqualTo(X11.XA_INTEGER.longValue());
            assertThat(timestamp.longs()).hasSize(1);
            assertThat(timestamp.longs()[0]).isNotZero().isBetween(before, after);
        } finally {
            desktop.close();
        }
    }

    @Test
    void servesAMebibyteOfTextToAnotherClientThroughIncr(XServer server) throws InterruptedException {
        Desktop desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
        ClipboardPort clipboard = desktop.port(ClipboardPort.class).orElseThrow();
        String text = "0123456789abcdé✓\n".repeat((1 << 20) / 20 + 1);
        try (SelectionClient other = new SelectionClient(server.display())) {
            clipboard.writeClipboard(text);

            SelectionClient.Reply reply = other.convert("CLIPBOARD", "UTF8_STRING")
                    .orElseThrow(() -> new AssertionError("UTF8_STRING refused"));

            assertThat(reply.incremental()).as("served through INCR").isTrue();
            assertThat(reply.type()).isEqualTo(other.c.atom("UTF8_STRING").longValue());
            assertThat(reply.bytes()).hasSizeGreaterThan(1 << 20);
            assertThat(reply.utf8()).isEqualTo(text);
            assertThat(clipboard.readClipboard(Duration.ofSeconds(20))).contains(text);
        } finally {
            desktop.close();
        }
    }

    @Test
    void handsTheTextToTheClipboardManagerWhenItCloses(XServer server) throws Exception {
        Desktop desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
        try (SelectionClient manager = new SelectionClient(server.display())) {
            assertThat(manager.own("CLIPBOARD_MANAGER")).isTrue();
            CompletableFuture<String> saved = CompletableFuture.supplyAsync(() -> save(manager));
            desktop.port(ClipboardPort.class).orElseThrow().writeClipboard("kept after the executor ✓");

            desktop.close();

            assertThat(saved.get(SelectionClient.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("kept after the executor ✓");
        }
    }

    /**
     * What a clipboard manager does on {@code SAVE_TARGETS}: converts the clipboard to the targets
     * the owner listed, all at once through {@code MULTIPLE}, takes the clipboard, then answers.
     */
    private static String save(SelectionClient manager) {
        X11Connection c = manager.c;
        X11.XSelectionRequestEvent request =
                SelectionClient.request(manager.next(event -> event.type == X11.SelectionRequest
                        && SelectionClient.request(event).target.longValue()
                                == c.atom("SAVE_TARGETS").longValue()));
        long[] targets = c.property(
                        request.requestor.longValue(), request.property, X11Connection.ANY_PROPERTY_TYPE, false)
                .orElseThrow(() -> new AssertionError("no targets to save"))
                .longs();
        assertThat(targets).contains(c.atom("UTF8_STRING").longValue());

        Atom pairs = c.atom("TEST_MULTIPLE");
        Atom utf8 = c.atom("TEST_UTF8");
        c.putLongs(manager.window, pairs, c.atom("ATOM_PAIR"), new long[] {
            c.atom("UTF8_STRING").longValue(),
            utf8.longValue(),
            c.atom("NO_SUCH_TARGET").longValue(),
            pairs.longValue()
        });
        c.xlib.XConvertSelection(
                c.display,
                c.atom("CLIPBOARD"),
                c.atom("MULTIPLE"),
                pairs,
                X11Connection.window(manager.window),
                new NativeLong(manager.serverTime()));
        c.x.XFlush(c.display);
        X11.XSelectionEvent done =
                SelectionClient.selectionEvent(manager.next(event -> event.type == X11.SelectionNotify));
        assertThat(done.property.longValue()).isEqualTo(pairs.longValue());
        long[] answered = c.property(manager.window, pairs, X11Connection.ANY_PROPERTY_TYPE, true)
                .orElseThrow()
                .longs();
        assertThat(answered[1]).as("UTF8_STRING served").isEqualTo(utf8.longValue());
        assertThat(answered[3]).as("an unknown target refused").isZero();
        String text = new String(manager.take(utf8).bytes(), StandardCharsets.UTF_8);

        assertThat(manager.own("CLIPBOARD")).isTrue();
        manager.notify(request, true);
        return text;
    }
}
