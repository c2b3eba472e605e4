package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.app.AppCloseHandler;
import dev.handrail.executor.app.AppLaunchHandler;
import dev.handrail.executor.app.BrowserOpenHandler;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.clipboard.ClipboardReadHandler;
import dev.handrail.executor.clipboard.ClipboardWriteHandler;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.input.KeyboardHotkeyHandler;
import dev.handrail.executor.input.KeyboardTypeHandler;
import dev.handrail.executor.input.MouseClickHandler;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.program.ProgramResolver;
import dev.handrail.executor.sandbox.Sandbox;
import dev.handrail.executor.window.WindowFocusHandler;
import dev.handrail.executor.window.WindowListHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ten desktop capabilities on the X11 backend under Xvfb, with the evidence each records. */
@ExtendWith(XvfbExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X11CapabilitiesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Duration PATIENCE = TargetWindow.PATIENCE;

    @TempDir
    static Path tmp;

    XServer server;
    Desktop desktop;
    WindowPort windows;
    Path opened;
    TargetWindow left;
    TargetWindow right;
    final List<Long> launched = new ArrayList<>();

    @BeforeAll
    void start(XServer server) throws IOException {
        this.server = server;
        opened = tmp.resolve("opened.txt");
        Path opener = tmp.resolve("fake-xdg-open");
        Files.writeString(opener, "#!/bin/sh\nprintf '%s' \"$1 $DISPLAY\" > '" + opened + "'\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwx------"));
        desktop = X11Desktop.open(server.display(), opener.toString(), ProgramResolver.fromEnvironment());
        windows = desktop.port(WindowPort.class).orElseThrow();
        left = TargetWindow.start(server, "Capability left", 40, 420);
        right = TargetWindow.start(server, "Capability right", 640, 420);
    }

    @AfterAll
    void stop() {
        left.close();
        right.close();
        launched.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        desktop.close();
    }

    @Test
    void focusesAWindowByTitleAndRecordsTheForegroundWindow() throws InterruptedException {
        Outcome outcome =
                run(new WindowFocusHandler(desktop, Duration.ofSeconds(5)), Map.of("title", "capability RIGHT"));
        assertThat(outcome.success()).as(outcome.errorMessage()).isTrue();
        assertThat(window(outcome.evidence().get("foreground")))
                .containsEntry("title", "Capability right")
                .containsEntry("pid", right.pid());
        await().atMost(PATIENCE).until(() -> right.last("FOCUS").equals(Optional.of("gained")));
    }

    @Test
    void refusesAnAmbiguousTitle() throws InterruptedException {
        Outcome outcome = run(new WindowFocusHandler(desktop, Duration.ofSeconds(5)), Map.of("title", "capability"));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.WINDOW_AMBIGUOUS);
    }

    @Test
    void listsWindowsMarkingTheFocusedOne() throws InterruptedException {
        focus("Capability left");
        Outcome outcome = run(new WindowListHandler(desktop), Map.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> windows =
                (List<Map<String, Object>>) outcome.output().get("windows");
        assertThat(windows)
                .anySatisfy(w -> assertThat(w)
                        .containsEntry("title", "Capability left")
                        .containsEntry("focused", true)
                        .containsEntry("pid", left.pid()));
        assertThat(windows)
                .anySatisfy(w ->
                        assertThat(w).containsEntry("title", "Capability right").containsEntry("focused", false));
    }

    @Test
    void typesIntoTheFocusedWindowAndRecordsWhichOne() throws InterruptedException {
        focus("Capability left");
        Outcome outcome = run(new KeyboardTypeHandler(desktop), Map.of("text", "typed, slowly: ä", "delay_ms", 5));
        assertThat(outcome.success()).as(outcome.errorMessage()).isTrue();
        assertThat(window(outcome.evidence().get("window"))).containsEntry("title", "Capability left");
        assertThat(outcome.evidence()).containsEntry("characters", 16);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(left.last("TEXT").orElse("")).endsWith("typed, slowly: ä"));
    }

    @Test
    void pressesAHotkeyAndRecordsTheWindowThatGotIt() throws InterruptedException {
        focus("Capability right");
        Outcome outcome = run(new KeyboardHotkeyHandler(desktop), Map.of("keys", List.of("ctrl", "alt", "j")));
        assertThat(outcome.success()).as(outcome.errorMessage()).isTrue();
        assertThat(outcome.evidence()).containsEntry("keys", "ctrl+alt+j");
        assertThat(window(outcome.evidence().get("window"))).containsEntry("title", "Capability right");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(right.all("HOTKEY")).contains("Ctrl+Alt+J"));
    }

    @Test
    void clicksAnotherWindowWhichThenHasTheFocus() throws InterruptedException {
        focus("Capability left");
        int[] area = right.area();
        Outcome outcome =
                run(new MouseClickHandler(desktop), Map.of("x", area[0] + 10, "y", area[1] + 10, "clicks", 2));
        assertThat(outcome.success()).as(outcome.errorMessage()).isTrue();
        assertThat(window(outcome.evidence().get("window"))).containsEntry("title", "Capability right");
        assertThat(window(outcome.evidence().get("focused_before"))).containsEntry("title", "Capability left");
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(right.all("CLICK")).contains((area[0] + 10) + " " + (area[1] + 10) + " 1 2"));
        await().atMost(PATIENCE)
                .until(
                        () -> windows.activeWindow().map(DesktopWindow::title),
                        title -> title.equals(Optional.of("Capability right")));
    }

    @Test
    void refusesAClickOutsideTheScreen() throws InterruptedException {
        Outcome outcome = run(new MouseClickHandler(desktop), Map.of("x", -1, "y", 10));
        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS);
    }

    @Test
    void writesTheClipboardVerifiesItAndAnotherApplicationPastesIt() throws InterruptedException {
        Outcome written = run(new ClipboardWriteHandler(desktop), Map.of("text", "clip ✓ board"));
        assertThat(written.success()).as(written.errorMessage()).isTrue();
        assertThat(written.evidence().get("read_back_sha256"))
                .isEqualTo(written.evidence().get("sha256"));
        right.send("PASTE");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(right.last("CLIPBOARD")).contains("clip ✓ board"));
        left.send("COPY back from the app");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(left.lines()).contains("COPIED"));
        Outcome read = run(new ClipboardReadHandler(desktop), Map.of());
        assertThat(read.output()).isEqualTo(Map.of("text", "back from the app"));
        assertThat(read.evidence()).containsEntry("has_text", true).containsEntry("characters", 17);
    }

    @Test
    void opensAnHttpUrlWithTheConfiguredOpenerOnThisDisplay() throws InterruptedException, IOException {
        Outcome outcome = run(new BrowserOpenHandler(desktop), Map.of("url", "https://example.org/a?b=c"));
        assertThat(outcome.success()).as(outcome.errorMessage()).isTrue();
        await().atMost(PATIENCE).until(() -> Files.exists(opened) && Files.size(opened) > 0);
        assertThat(Files.readString(opened)).isEqualTo("https://example.org/a?b=c " + server.display());
        Outcome refused = run(new BrowserOpenHandler(desktop), Map.of("url", "file:///etc/passwd"));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_URL);
    }

    @Test
    void launchesAnAllowedApplicationAndClosesItByTitle() throws InterruptedException {
        Outcome launch = run(launcher(), Map.of("target", java(), "args", appArguments("Launched politely", false)));
        assertThat(launch.success()).as(launch.errorMessage()).isTrue();
        long pid = ((Number) launch.evidence().get("pid")).longValue();
        launched.add(pid);
        assertThat(launch.evidence()).containsEntry("alive", true);
        await().atMost(PATIENCE)
                .until(() -> windows.windows().stream().anyMatch(w -> "Launched politely".equals(w.title())));

        Outcome close =
                run(new AppCloseHandler(desktop, Duration.ofSeconds(10)), Map.of("target", "Launched politely"));
        assertThat(close.success()).as(close.errorMessage()).isTrue();
        assertThat(close.evidence()).containsEntry("forced", false);
        await().atMost(PATIENCE)
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void endsAnApplicationThatWillNotCloseOnlyWhenForced() throws InterruptedException {
        Outcome launch = run(launcher(), Map.of("target", java(), "args", appArguments("Launched stubborn", true)));
        long pid = ((Number) launch.evidence().get("pid")).longValue();
        launched.add(pid);
        await().atMost(PATIENCE)
                .until(() -> windows.windows().stream().anyMatch(w -> "Launched stubborn".equals(w.title())));

        AppCloseHandler close = new AppCloseHandler(desktop, Duration.ofMillis(800));
        Outcome polite = run(close, Map.of("target", String.valueOf(pid)));
        assertThat(polite.errorCode()).isEqualTo(ErrorCode.APP_NOT_CLOSED);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        Outcome forced = run(close, Map.of("target", String.valueOf(pid), "force", true));
        assertThat(forced.success()).as(forced.errorMessage()).isTrue();
        assertThat(forced.evidence()).containsEntry("forced", true).containsEntry("exited", true);
    }

    @Test
    void refusesToLaunchAProgramOffTheAllowlistOrToCloseTheExecutor() throws InterruptedException {
        Outcome launch = run(launcher(), Map.of("target", "uname"));
        assertThat(launch.errorCode()).isEqualTo(ErrorCode.EXECUTABLE_NOT_ALLOWED);
        Outcome close = run(
                new AppCloseHandler(desktop, Duration.ofSeconds(1)),
                Map.of("target", String.valueOf(ProcessHandle.current().pid()), "force", true));
        assertThat(close.errorCode()).isEqualTo(ErrorCode.INVALID_TARGET);
    }

    @Test
    void refusesToLaunchAListedProgramWithArgumentsThatWriteAFile() throws InterruptedException {
        AppLaunchHandler sortLauncher = new AppLaunchHandler(
                desktop,
                new ExecutableAllowlist(List.of("sort"), false, ProgramResolver.fromEnvironment(), "test.apps"),
                Sandbox.open(List.of(tmp)),
                Duration.ofMillis(500));
        Outcome launch = run(sortLauncher, Map.of("target", "sort", "args", List.of("-o", "out.txt", "/dev/null")));
        assertThat(launch.errorCode()).isEqualTo(ErrorCode.ARGUMENT_NOT_ALLOWED);
        assertThat(tmp.resolve("out.txt")).doesNotExist();
    }

    private AppLaunchHandler launcher() {
        ExecutableAllowlist allowlist =
                new ExecutableAllowlist(List.of(java()), true, ProgramResolver.fromEnvironment(), "test.apps");
        return new AppLaunchHandler(desktop, allowlist, Sandbox.open(List.of(tmp)), Duration.ofMillis(500));
    }

    private static String java() {
        return TargetWindow.javaCommand().get(0);
    }

    private static List<String> appArguments(String title, boolean stubborn) {
        List<String> args = new ArrayList<>(
                TargetWindow.javaCommand().subList(1, TargetWindow.javaCommand().size()));
        args.addAll(TargetWindow.arguments(title, 300, 200, stubborn));
        return args;
    }

    private void focus(String title) throws InterruptedException {
        DesktopWindow window = WindowMatcher.byTitle(windows.windows(), title);
        windows.activate(window);
        await().atMost(PATIENCE)
                .until(() -> windows.activeWindow().map(DesktopWindow::id), id -> id.equals(Optional.of(window.id())));
    }

    private static Outcome run(CapabilityHandler handler, Map<String, Object> params) throws InterruptedException {
        try {
            return handler.run(new Invocation("a-x11", params, TIMEOUT));
        } catch (RefusedException e) {
            return Outcome.failed(e.code(), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> window(Object evidence) {
        return (Map<String, Object>) evidence;
    }
}
