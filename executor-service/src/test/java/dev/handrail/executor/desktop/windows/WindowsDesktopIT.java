package dev.handrail.executor.desktop.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Hotkey;
import dev.handrail.executor.desktop.MouseButton;
import java.awt.Point;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Windows backend on a real Windows desktop: it drives a small Swing window this suite opens
 * (the observer) through every desktop capability and checks what the window received. Runs only
 * on Windows, in an interactive session, with {@code mvnw.cmd -Pwindows verify -pl
 * executor-service -am}; the default build leaves the {@code windows} tag out.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class WindowsDesktopIT {

    private static final String TITLE = "Handrail observer";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Desktop opened;
    private static WindowsDesktop desktop;
    private static JFrame frame;
    private static JTextArea text;
    private static final List<String> keys = new CopyOnWriteArrayList<>();
    private static final List<Point> clicks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openDesktopAndObserver() throws InterruptedException, InvocationTargetException {
        System.setProperty("sun.java2d.uiScale", "1");
        opened = WindowsDesktop.open();
        assertThat(opened.backend()).as("an interactive session").isEqualTo("windows");
        desktop = (WindowsDesktop) opened;
        SwingUtilities.invokeAndWait(() -> {
            frame = new JFrame(TITLE);
            text = new JTextArea();
            text.addKeyListener(new KeyAdapter() {
                @Override
                public void keyPressed(KeyEvent e) {
                    keys.add(KeyEvent.getModifiersExText(e.getModifiersEx()) + "+"
                            + KeyEvent.getKeyText(e.getKeyCode()));
                }
            });
            text.addMouseListener(new MouseAdapter() {
                @Override
                public void mousePressed(MouseEvent e) {
                    clicks.add(e.getLocationOnScreen());
                }
            });
            frame.add(text);
            frame.setBounds(200, 200, 600, 400);
            frame.setVisible(true);
        });
    }

    @AfterAll
    static void close() throws InterruptedException, InvocationTargetException {
        SwingUtilities.invokeAndWait(() -> frame.dispose());
        opened.close();
    }

    @BeforeEach
    void focusObserver() throws InterruptedException, InvocationTargetException {
        desktop.activate(observer());
        await().atMost(WAIT)
                .until(() -> desktop.activeWindow().map(DesktopWindow::title).orElse(""), TITLE::equals);
        SwingUtilities.invokeAndWait(() -> {
            text.setText("");
            text.requestFocusInWindow();
        });
        keys.clear();
        clicks.clear();
    }

    private static DesktopWindow observer() throws InterruptedException {
        return desktop.windows().stream()
                .filter(w -> w.title().equals(TITLE))
                .findFirst()
                .orElseThrow();
    }

    private static String typed() throws InterruptedException, InvocationTargetException {
        String[] value = new String[1];
        SwingUtilities.invokeAndWait(() -> value[0] = text.getText());
        return value[0];
    }

    @Test
    void listsAndFocusesTheObserver() throws InterruptedException {
        DesktopWindow window = observer();
        assertThat(window.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(window.width()).isPositive();
        assertThat(desktop.activeWindow().map(DesktopWindow::id)).contains(window.id());
    }

    @Test
    void typesTextIncludingACharacterOutsideTheBmp() throws InterruptedException {
        String sent = "Hallo, Welt! é 😀\nzweite Zeile";
        desktop.type(sent);
        await().atMost(WAIT).until(WindowsDesktopIT::typed, sent::equals);
    }

    @Test
    void pressesHotkeysWithTheShiftStateOfTheLayout() throws InterruptedException {
        desktop.press(Hotkey.parse("ctrl+a"));
        desktop.press(Hotkey.parse("ctrl+?"));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(keys)
                        .anyMatch(k -> k.startsWith("Ctrl+") && k.endsWith("A"))
                        .anyMatch(k -> k.contains("Ctrl")
                                && k.contains("Shift")
                                && !k.endsWith("Shift")
                                && !k.endsWith("Ctrl")));
    }

    @Test
    void clicksWhereItIsTold() throws InterruptedException {
        DesktopWindow window = observer();
        int x = window.x() + window.width() / 2;
        int y = window.y() + window.height() / 2;
        desktop.click(x, y, MouseButton.LEFT, 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(clicks).contains(new Point(x, y)));
    }

    @Test
    void putsTextOnTheClipboardThatAnotherProcessReads() throws InterruptedException, IOException {
        String sent = "Zwischenablage é 😀";
        desktop.writeClipboard(sent);
        Process reader = new ProcessBuilder(
                        "powershell.exe",
                        "-NoProfile",
                        "-Command",
                        "[Console]::OutputEncoding = [Text.Encoding]::UTF8; Get-Clipboard -Raw")
                .redirectErrorStream(true)
                .start();
        String read = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(reader.waitFor()).isZero();
        assertThat(read).isEqualTo(sent);
        assertThat(desktop.readClipboard(Duration.ofSeconds(2))).contains(sent);
    }

    @Test
    void launchesAProgramAndEndsItWithEveryProcessItStarted() throws InterruptedException {
        long pid = desktop.launch(
                Path.of(System.getenv("SystemRoot"), "System32", "cmd.exe"),
                List.of("/c", "ping -n 120 127.0.0.1"),
                null);
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        await().atMost(WAIT).until(() -> root.descendants().findAny().isPresent());
        List<ProcessHandle> started = root.descendants().toList();

        desktop.terminate(pid);

        await().atMost(WAIT).until(() -> !root.isAlive() && started.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void opensAUrlAndSaysWhatTookIt() throws InterruptedException {
        assertThat(desktop.openUrl(URI.create("https://example.org/"), WAIT)).startsWith("ShellExecuteEx (");
    }

    @Test
    @Disabled("needs an elevated window on the desktop, which an unelevated suite cannot open without a UAC prompt")
    void refusesInputIntoAnElevatedWindow() {
        assertThatThrownBy(() -> desktop.type("x"))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.INPUT_BLOCKED_ELEVATED);
    }
}
