package dev.handrail.executor.desktop.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.platform.win32.ShellAPI;
import com.sun.jna.platform.win32.WinUser;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.clipboard.ClipboardWriteHandler;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopThread;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.Hotkey;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.MouseButton;
import dev.handrail.executor.desktop.windows.FakeWin32.Sent;
import dev.handrail.executor.window.WindowFocusHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Windows backend against a fake Win32 that records what would have been sent: the INPUT
 * structures of typing, hotkeys and clicks, the focus dance, the clipboard memory, shell
 * executions. Runs on any OS; no Windows library is loaded.
 */
class WindowsDesktopTest {

    static final int KEYBOARD = WinUser.INPUT.INPUT_KEYBOARD;
    static final int MOUSE = WinUser.INPUT.INPUT_MOUSE;
    static final int UNICODE = InputBuilder.KEYEVENTF_UNICODE;
    static final int UP = InputBuilder.KEYEVENTF_KEYUP;
    static final int EXTENDED = InputBuilder.KEYEVENTF_EXTENDEDKEY;
    static final int ABSOLUTE_MOVE =
            InputBuilder.MOUSEEVENTF_MOVE | InputBuilder.MOUSEEVENTF_ABSOLUTE | InputBuilder.MOUSEEVENTF_VIRTUALDESK;

    final FakeWin32 win32 = new FakeWin32();
    final DesktopThread thread = new DesktopThread("test-win32");
    final WindowsDesktop desktop = new WindowsDesktop(win32.api(), thread, 1);

    @AfterEach
    void stop() {
        desktop.close();
    }

    @Test
    void typesEachUtf16UnitAsAUnicodeDownUpPairSoSurrogatePairsArriveWhole() throws InterruptedException {
        desktop.type("a😀\n");

        assertThat(win32.sendInputCalls).hasSize(3);
        assertThat(win32.sendInputCalls.get(0))
                .containsExactly(
                        new Sent(KEYBOARD, 0, 'a', UNICODE, 0, 0), new Sent(KEYBOARD, 0, 'a', UNICODE | UP, 0, 0));
        assertThat(win32.sendInputCalls.get(1))
                .containsExactly(
                        new Sent(KEYBOARD, 0, 0xD83D, UNICODE, 0, 0), new Sent(KEYBOARD, 0, 0xD83D, UNICODE | UP, 0, 0),
                        new Sent(KEYBOARD, 0, 0xDE00, UNICODE, 0, 0),
                                new Sent(KEYBOARD, 0, 0xDE00, UNICODE | UP, 0, 0));
        assertThat(win32.sendInputCalls.get(2))
                .containsExactly(new Sent(KEYBOARD, 0x0D, 0x1C, 0, 0, 0), new Sent(KEYBOARD, 0x0D, 0x1C, UP, 0, 0));
    }

    @Test
    void pressesHotkeyKeysInOrderAndReleasesThemInReverseInOneCall() throws InterruptedException {
        desktop.press(Hotkey.parse("ctrl+shift+end"));

        assertThat(win32.sendInputCalls).hasSize(1);
        assertThat(win32.sendInputCalls.get(0))
                .containsExactly(
                        new Sent(KEYBOARD, 0x11, 0x1D, 0, 0, 0),
                        new Sent(KEYBOARD, 0x10, 0x2A, 0, 0, 0),
                        new Sent(KEYBOARD, 0x23, 0x4F, EXTENDED, 0, 0),
                        new Sent(KEYBOARD, 0x23, 0x4F, EXTENDED | UP, 0, 0),
                        new Sent(KEYBOARD, 0x10, 0x2A, UP, 0, 0),
                        new Sent(KEYBOARD, 0x11, 0x1D, UP, 0, 0));
    }

    @Test
    void keepsTheShiftStateOfTheLayoutSoCtrlQuestionMarkSendsCtrlShiftSlash() throws InterruptedException {
        desktop.press(Hotkey.parse("ctrl+?"));

        assertThat(win32.sent())
                .containsExactly(
                        new Sent(KEYBOARD, 0x11, 0x1D, 0, 0, 0),
                        new Sent(KEYBOARD, 0x10, 0x2A, 0, 0, 0),
                        new Sent(KEYBOARD, 0xBF, 0x35, 0, 0, 0),
                        new Sent(KEYBOARD, 0xBF, 0x35, UP, 0, 0),
                        new Sent(KEYBOARD, 0x10, 0x2A, UP, 0, 0),
                        new Sent(KEYBOARD, 0x11, 0x1D, UP, 0, 0));
    }

    @Test
    void mapsCharactersInTheKeyboardLayoutOfTheForegroundWindowsThread() throws InterruptedException {
        win32.window(0x10, new FakeWin32.Window("Editor", 50, 5, 0, 0, 800, 600));
        win32.foreground = 0x10;
        win32.layouts.put(5, FakeWin32.GERMAN);

        desktop.press(Hotkey.parse("ctrl+shift+?"));

        assertThat(win32.sent())
                .extracting(Sent::virtualKey)
                .as("? is Shift+ß (VK_OEM_4) on a German layout, Shift not pressed twice")
                .containsExactly(0x11, 0x10, 0xDB, 0xDB, 0x10, 0x11);
    }

    @Test
    void mapsHotkeyCharactersToVirtualKeysThroughTheLayout() throws InterruptedException {
        desktop.press(Hotkey.parse(List.of("ctrl", "s")));
        desktop.press(Hotkey.parse("ctrl+-"));
        assertThat(win32.sent())
                .extracting(Sent::virtualKey)
                .containsExactly(0x11, 0x53, 0x53, 0x11, 0x11, 0xBD, 0xBD, 0x11);
        assertThatThrownBy(() -> desktop.press(Hotkey.parse("ctrl+é")))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_KEY);
    }

    @Test
    void normalisesClicksOverAVirtualScreenWithANegativeOrigin() throws InterruptedException {
        win32.virtualScreen = new ScreenBounds(-1920, -200, 3840, 1280);
        win32.monitors = List.of(new ScreenBounds(-1920, -200, 1920, 1280), new ScreenBounds(0, 0, 1920, 1080));

        desktop.click(-1920, -200, MouseButton.LEFT, 1);
        desktop.click(1919, 1079, MouseButton.RIGHT, 2);

        List<Sent> first = win32.sendInputCalls.get(0);
        assertThat(first)
                .containsExactly(
                        new Sent(MOUSE, 0, 0, ABSOLUTE_MOVE, 8, 25),
                        new Sent(MOUSE, 0, 0, 0x0002, 0, 0),
                        new Sent(MOUSE, 0, 0, 0x0004, 0, 0));
        List<Sent> second = win32.sendInputCalls.get(1);
        assertThat(second).hasSize(5);
        assertThat(second.get(0)).isEqualTo(new Sent(MOUSE, 0, 0, ABSOLUTE_MOVE, 65527, 65510));
        assertThat(second.subList(1, 5)).extracting(Sent::flags).containsExactly(0x0008, 0x0010, 0x0008, 0x0010);
    }

    @Test
    void normalisedCoordinatesMapBackToTheSamePixelAcrossTheVirtualScreen() {
        for (int size : new int[] {1080, 1280, 2560, 3840, 5760, 7680}) {
            for (int offset = 0; offset < size; offset++) {
                int normalised = InputBuilder.normalise(offset, size);
                assertThat(normalised).isBetween(0, 65535);
                assertThat((int) ((long) normalised * size / 65536))
                        .as("pixel %d of %d", offset, size)
                        .isEqualTo(offset);
            }
        }
    }

    @Test
    void refusesAClickOutsideTheVirtualScreenOrInAGapBetweenMonitors() {
        win32.virtualScreen = new ScreenBounds(-1280, 0, 3200, 1080);
        win32.monitors = List.of(new ScreenBounds(-1280, 0, 1280, 720), new ScreenBounds(0, 0, 1920, 1080));

        assertThatThrownBy(() -> desktop.click(1920, 10, MouseButton.LEFT, 1))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.COORDINATES_OUT_OF_BOUNDS);
        assertThatThrownBy(() -> desktop.click(-100, 900, MouseButton.LEFT, 1))
                .isInstanceOf(DesktopException.class)
                .hasMessageContaining("no monitor");
        assertThat(win32.sendInputCalls).isEmpty();
    }

    @Test
    void reportsInputBlockedWhenWindowsInsertsFewerEventsThanSent() {
        win32.acceptInputs = 0;
        assertThatThrownBy(() -> desktop.type("x"))
                .isInstanceOf(DesktopException.class)
                .hasMessageContaining("0 of 2")
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.INPUT_BLOCKED);
    }

    @Test
    void refusesInputToAnElevatedWindowWhichWindowsWouldDropSilently() {
        win32.window(0x40, new FakeWin32.Window("Administrator: Command Prompt", 90, 9, 0, 0, 800, 600));
        win32.foreground = 0x40;
        win32.integrity.put(90, FakeWin32.HIGH);

        for (ThrowingCallable input : List.<ThrowingCallable>of(
                () -> desktop.type("x"),
                () -> desktop.press(Hotkey.parse("ctrl+s")),
                () -> desktop.click(10, 10, MouseButton.LEFT, 1))) {
            assertThatThrownBy(input)
                    .isInstanceOf(DesktopException.class)
                    .hasMessageContaining("process 90")
                    .hasMessageContaining("0x3000")
                    .extracting(e -> ((DesktopException) e).code())
                    .isEqualTo(ErrorCode.INPUT_BLOCKED_ELEVATED);
        }
        assertThat(win32.sendInputCalls).isEmpty();
    }

    @Test
    void refusesInputToAWindowWhoseTokenCannotBeReadButTypesIntoAnEqualOne() throws InterruptedException {
        win32.window(0x40, new FakeWin32.Window("Setup", 91, 9, 0, 0, 800, 600));
        win32.foreground = 0x40;
        win32.tokenDenied.add(91);
        assertThatThrownBy(() -> desktop.type("x"))
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.INPUT_BLOCKED_ELEVATED);

        win32.tokenDenied.clear();
        desktop.type("x");
        assertThat(win32.delivered).hasSize(2);
    }

    @Test
    void listsVisibleWindowsWithTitleProcessExecutableAndRectangle() throws InterruptedException {
        win32.window(0x1a2b, new FakeWin32.Window("Untitled - Notepad", 4321, 9, -1900, 10, -900, 710));
        win32.executables.put(4321, "C:\\Windows\\System32\\notepad.exe");
        win32.foreground = 0x1a2b;

        assertThat(desktop.windows())
                .containsExactly(new DesktopWindow(
                        "0x1a2b",
                        "Untitled - Notepad",
                        4321L,
                        "C:\\Windows\\System32\\notepad.exe",
                        -1900,
                        10,
                        1000,
                        700));
        assertThat(desktop.activeWindow().map(DesktopWindow::id)).contains("0x1a2b");
        assertThat(desktop.windowAt(-1000, 300).map(DesktopWindow::title)).contains("Untitled - Notepad");
    }

    @Test
    void skipsCloakedWindowsWhenListingAndRefusesToFocusThem() throws InterruptedException {
        win32.window(0x1a2b, new FakeWin32.Window("Notes", 4321, 9, 0, 0, 100, 100));
        win32.window(0x1a2c, new FakeWin32.Window("Notes on another desktop", 4322, 9, 0, 0, 100, 100)).cloaked = true;

        assertThat(desktop.windows()).extracting(DesktopWindow::title).containsExactly("Notes");
        assertThatThrownBy(() -> desktop.activate(new DesktopWindow("0x1a2c", "", 4322L, null, 0, 0, 1, 1)))
                .isInstanceOf(DesktopException.class)
                .hasMessageContaining("cloaked")
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.WINDOW_NOT_FOUND);
    }

    @Test
    void isUnavailableWhileTheWorkstationIsLockedOrTheSessionDisconnected() {
        assertThat(desktop.availability().available()).isTrue();

        win32.locked = true;
        assertThat(desktop.availability(InputPort.class).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
        assertThat(desktop.availability(InputPort.class).reason()).contains("locked");

        win32.locked = false;
        win32.connectState = 4;
        assertThat(desktop.availability(InputPort.class).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
        assertThat(desktop.availability(InputPort.class).reason()).contains("not active");
    }

    @Test
    void focusesThroughAttachThreadInputWhenWindowsRefusesAndVerifiesTheForegroundWindow() throws InterruptedException {
        FakeWin32.Window target = win32.window(0x10, new FakeWin32.Window("Report.docx - Word", 50, 5, 0, 0, 800, 600));
        win32.window(0x20, new FakeWin32.Window("Other", 60, 6, 0, 0, 800, 600));
        target.iconic = true;
        win32.foreground = 0x20;
        win32.foregroundNeedsAttachedInput = true;

        Outcome outcome = new WindowFocusHandler(desktop, Duration.ofSeconds(1))
                .run(new Invocation("a1", Map.of("title", "report.docx"), Duration.ofSeconds(5)));

        assertThat(outcome.success()).as(outcome.errorMessage()).isTrue();
        assertThat(win32.calls)
                .containsSubsequence(
                        "ShowWindow 16 9",
                        "SetForegroundWindow 16",
                        "AttachThreadInput 77 6 true",
                        "BringWindowToTop 16",
                        "SetForegroundWindow 16 attached",
                        "AttachThreadInput 77 6 false");
        @SuppressWarnings("unchecked")
        Map<String, Object> foreground =
                (Map<String, Object>) outcome.evidence().get("foreground");
        assertThat(foreground).containsEntry("id", "0x10").containsEntry("pid", 50L);
    }

    @Test
    void failsFocusVerificationWhenAnotherWindowKeepsTheForeground() throws InterruptedException {
        win32.window(0x10, new FakeWin32.Window("Target", 50, 5, 0, 0, 800, 600));
        win32.window(0x20, new FakeWin32.Window("Stubborn", 60, 6, 0, 0, 800, 600));
        win32.foreground = 0x20;
        win32.foregroundLocked = true;

        Outcome outcome = new WindowFocusHandler(desktop, Duration.ofMillis(200))
                .run(new Invocation("a1", Map.of("title", "Target"), Duration.ofSeconds(5)));

        assertThat(outcome.errorCode()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
        assertThat(outcome.errorMessage()).contains("'Stubborn'");
    }

    @Test
    void writesTheClipboardAsUnicodeTextInGlobalMemoryAndReadsItBack() throws InterruptedException {
        Outcome outcome = new ClipboardWriteHandler(desktop)
                .run(new Invocation("a1", Map.of("text", "héllo 😀"), Duration.ofSeconds(5)));

        assertThat(outcome.success()).as(outcome.errorMessage()).isTrue();
        assertThat(win32.calls)
                .containsSubsequence(
                        "CreateWindowEx STATIC parent -3",
                        "OpenClipboard " + FakeWin32.CLIPBOARD_WINDOW,
                        "SetClipboardData 13");
        assertThat(win32.clipboardOwner).isEqualTo(FakeWin32.CLIPBOARD_WINDOW);
        assertThat(win32.clipboardBytes()).isEqualTo("héllo 😀\0".getBytes(StandardCharsets.UTF_16LE));
        assertThat(desktop.readClipboard(Duration.ofSeconds(1))).contains("héllo 😀");
        assertThat(win32.clipboardOpen).isFalse();
        assertThat(win32.calls).containsOnlyOnce("CreateWindowEx STATIC parent -3");

        desktop.close();
        assertThat(win32.calls).contains("DestroyWindow " + FakeWin32.CLIPBOARD_WINDOW);
    }

    @Test
    void reportsTheClipboardsOwnErrorNotTheOneGlobalFreeLeaves() {
        win32.clipboardRefuses = true;

        assertThatThrownBy(() -> desktop.writeClipboard("x"))
                .isInstanceOf(DesktopException.class)
                .hasMessageContaining("error " + FakeWin32.ERROR_CLIPBOARD_NOT_OPEN)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.CLIPBOARD_UNAVAILABLE);
        assertThat(win32.calls).contains("GlobalFree");
        assertThat(win32.clipboardOpen).isFalse();
    }

    @Test
    void failsCleanlyWhenGlobalLockFails() {
        win32.lockFails = true;

        assertThatThrownBy(() -> desktop.writeClipboard("x"))
                .isInstanceOf(DesktopException.class)
                .hasMessageContaining("cannot be locked")
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.CLIPBOARD_UNAVAILABLE);
        assertThat(win32.calls).contains("GlobalFree");
    }

    @Test
    void readingTheClipboardWaitsAsLongAsItIsToldForAnotherApplicationToLetGo() throws InterruptedException {
        desktop.writeClipboard("kept");
        win32.clipboardBusyFor = 30;
        assertThat(desktop.readClipboard(Duration.ofSeconds(5))).contains("kept");

        win32.clipboardBusyFor = 1_000_000;
        long start = System.nanoTime();
        assertThatThrownBy(() -> desktop.readClipboard(Duration.ofMillis(300)))
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.CLIPBOARD_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
    }

    @Test
    void opensUrlsAndLaunchesProgramsThroughShellExecuteEx() throws InterruptedException {
        win32.executables.put(5151, "C:\\Program Files\\Browser\\browser.exe");
        String opener = desktop.openUrl(URI.create("https://example.org/x?y=1"), Duration.ofSeconds(1));
        long pid = desktop.launch(
                Path.of("C:\\Windows\\notepad.exe"),
                List.of("my notes.txt", "say \"hi\"", "plain"),
                Path.of("C:\\Users\\me\\work"));

        ShellAPI.SHELLEXECUTEINFO url = win32.executed.get(0);
        assertThat(url.lpVerb).isEqualTo("open");
        assertThat(url.lpFile).isEqualTo("https://example.org/x?y=1");
        ShellAPI.SHELLEXECUTEINFO app = win32.executed.get(1);
        assertThat(app.lpFile).isEqualTo("C:\\Windows\\notepad.exe");
        assertThat(app.lpParameters).isEqualTo("\"my notes.txt\" \"say \\\"hi\\\"\" plain");
        assertThat(app.lpDirectory).isEqualTo("C:\\Users\\me\\work");
        assertThat(app.fMask & 0x40).as("SEE_MASK_NOCLOSEPROCESS").isNotZero();
        assertThat(pid).isEqualTo(4242);
        assertThat(opener)
                .isEqualTo("ShellExecuteEx (process 5151 C:\\Program Files\\Browser\\browser.exe, hInstApp 42)");
        assertThat(win32.calls)
                .containsOnlyOnce("CoInitializeEx 0x6")
                .containsSubsequence("AllowSetForegroundWindow 4242", "CloseHandle 4242");
        assertThat(win32.comThreads).containsExactly("test-win32");

        win32.urlStartsProcess = false;
        assertThat(desktop.openUrl(URI.create("https://example.org/"), Duration.ofSeconds(1)))
                .isEqualTo("ShellExecuteEx (handed to a running program, hInstApp 42)");
        desktop.close();
        assertThat(win32.calls).contains("CoUninitialize");
    }

    @Test
    void endsALaunchedProgramWithEveryProcessItStartedThroughItsJobObject() throws InterruptedException {
        win32.children.put(4242, List.of(4243, 4244));
        long pid = desktop.launch(Path.of("C:\\Tools\\launcher.exe"), List.of(), null);

        desktop.terminate(pid);

        assertThat(win32.terminated).containsExactlyInAnyOrder(4242, 4243, 4244);
        assertThat(win32.calls).contains("TerminateJobObject " + 0x6000);
    }

    @Test
    void declaresPerMonitorV2DpiAwarenessWhenOpened() {
        WindowsDesktop.open(win32.api()).close();
        assertThat(win32.calls).contains("SetProcessDpiAwarenessContext -4");
        assertThat(win32.perMonitorV2).isTrue();

        FakeWin32 fixed = new FakeWin32();
        fixed.dpiAwarenessFixed = true;
        fixed.awareness = 1;
        Desktop opened = WindowsDesktop.open(fixed.api());
        assertThat(opened.backend())
                .as("a fixed awareness is logged, not fatal")
                .isEqualTo("windows");
        opened.close();
    }

    @Test
    void closesWithWmCloseAndTerminatesAProcessWhenForced() throws InterruptedException {
        win32.window(0x30, new FakeWin32.Window("Editor", 70, 7, 0, 0, 10, 10));
        desktop.requestClose(new DesktopWindow("0x30", "Editor", 70L, null, 0, 0, 10, 10));
        desktop.terminate(70);

        assertThat(win32.calls).contains("PostMessage 48 0x10");
        assertThat(win32.terminated).containsExactly(70);
        assertThatThrownBy(() -> desktop.requestClose(new DesktopWindow("0x30", "Editor", 70L, null, 0, 0, 10, 10)))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.WINDOW_NOT_FOUND);
    }

    @Test
    void hasNoDesktopInSessionZero() {
        win32.session = 0;
        Desktop service = WindowsDesktop.open(win32.api());
        assertThat(service.backend()).isEqualTo("none");
        assertThat(service.availability(InputPort.class).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
        assertThat(service.availability(InputPort.class).reason()).contains("session 0");
    }
}
