package dev.handrail.executor.desktop.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.ShellAPI;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.POINT;
import com.sun.jna.platform.win32.WinDef.RECT;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.desktop.AppPort;
import dev.handrail.executor.desktop.BrowserPort;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.ClipboardPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopPort;
import dev.handrail.executor.desktop.DesktopThread;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.Key;
import dev.handrail.executor.desktop.MouseButton;
import dev.handrail.executor.desktop.NoDesktop;
import dev.handrail.executor.desktop.ScreenPort;
import dev.handrail.executor.desktop.WindowPort;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Windows desktop through jna-platform: {@code SendInput} for keys (Unicode strokes) and the
 * mouse (absolute over the virtual screen), {@code EnumWindows} for windows, the foreground
 * window for focus (with the {@code AttachThreadInput} fallback), the clipboard as
 * {@code CF_UNICODETEXT} in global memory, and {@code ShellExecuteEx} for URLs and programs.
 * {@code SendInput} inserting fewer events than it was given means Windows blocked them (UIPI:
 * the focused window runs elevated) and is reported as {@code INPUT_BLOCKED}. Every call runs on
 * one thread, since thread input attachment belongs to a thread. The backend is itself every
 * port: an interactive session, once there, lasts as long as the process, so they are all
 * available together. Thread-safe.
 */
public final class WindowsDesktop
        implements Desktop, ScreenPort, WindowPort, InputPort, ClipboardPort, BrowserPort, AppPort {

    private static final Logger LOG = LoggerFactory.getLogger(WindowsDesktop.class);
    private static final int SM_XVIRTUALSCREEN = 76;
    private static final int SM_YVIRTUALSCREEN = 77;
    private static final int SM_CXVIRTUALSCREEN = 78;
    private static final int SM_CYVIRTUALSCREEN = 79;
    private static final int MONITOR_DEFAULTTONULL = 0;
    private static final int GA_ROOT = 2;
    private static final int SW_RESTORE = 9;
    private static final int SW_SHOWNORMAL = 1;
    private static final int WM_CLOSE = 0x0010;
    private static final int PROCESS_TERMINATE = 0x0001;
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    private static final int SEE_MASK_NOCLOSEPROCESS = 0x0040;
    private static final int SEE_MASK_NOASYNC = 0x0100;
    private static final int SEE_MASK_FLAG_NO_UI = 0x0400;
    private static final int CLIPBOARD_TRIES = 10;
    private static final Duration CLIPBOARD_RETRY = Duration.ofMillis(20);
    private static final int MAX_TITLE = 1024;

    private final WindowsApi api;
    private final DesktopThread thread;
    private final int session;
    private final GdiScreenCapture screenCapture;

    WindowsDesktop(WindowsApi api, DesktopThread thread, int session) {
        this.api = api;
        this.thread = thread;
        this.session = session;
        this.screenCapture = new GdiScreenCapture(api);
    }

    /**
     * The desktop of the session this process runs in, or a {@link NoDesktop} when it runs in
     * session 0 (as a Windows service), which has no interactive desktop.
     */
    public static Desktop open() {
        try {
            return open(WindowsApi.load());
        } catch (LinkageError e) {
            return new NoDesktop("the Win32 libraries cannot be loaded (" + e.getMessage() + ")");
        }
    }

    /** The desktop on these libraries, or a {@link NoDesktop} in session 0. */
    static Desktop open(WindowsApi api) {
        IntByReference session = new IntByReference();
        if (!api.kernel32().ProcessIdToSessionId(api.kernel32().GetCurrentProcessId(), session)
                || session.getValue() == 0) {
            return new NoDesktop("the executor runs in session 0 (as a Windows service), which has no interactive "
                    + "desktop; start it in the user's session");
        }
        LOG.info("Desktop: Windows session {}", session.getValue());
        return new WindowsDesktop(api, new DesktopThread("win32-desktop"), session.getValue());
    }

    @Override
    public String backend() {
        return "windows";
    }

    @Override
    public String display() {
        return "session " + session;
    }

    @Override
    public <P extends DesktopPort> Optional<P> port(Class<P> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public ScreenBounds screen() throws InterruptedException {
        return thread.call(this::virtualScreen);
    }

    private ScreenBounds virtualScreen() {
        return new ScreenBounds(
                api.user32().GetSystemMetrics(SM_XVIRTUALSCREEN),
                api.user32().GetSystemMetrics(SM_YVIRTUALSCREEN),
                api.user32().GetSystemMetrics(SM_CXVIRTUALSCREEN),
                api.user32().GetSystemMetrics(SM_CYVIRTUALSCREEN));
    }

    @Override
    public List<DesktopWindow> windows() throws InterruptedException {
        return thread.call(() -> {
            List<HWND> handles = new ArrayList<>();
            api.user32()
                    .EnumWindows(
                            (hwnd, data) -> {
                                if (api.user32().IsWindowVisible(hwnd)
                                        && api.user32().GetWindowTextLength(hwnd) > 0) {
                                    handles.add(hwnd);
                                }
                                return true;
                            },
                            null);
            List<DesktopWindow> windows = new ArrayList<>();
            for (HWND hwnd : handles) {
                describe(hwnd).ifPresent(windows::add);
            }
            return windows;
        });
    }

    @Override
    public Optional<DesktopWindow> activeWindow() throws InterruptedException {
        return thread.call(
                () -> Optional.ofNullable(api.user32().GetForegroundWindow()).flatMap(this::describe));
    }

    @Override
    public Optional<DesktopWindow> windowAt(int x, int y) throws InterruptedException {
        return thread.call(() -> {
            HWND hit = api.user32Extra().WindowFromPoint(new POINT.ByValue(x, y));
            return hit == null
                    ? Optional.<DesktopWindow>empty()
                    : Optional.ofNullable(api.user32().GetAncestor(hit, GA_ROOT))
                            .flatMap(this::describe);
        });
    }

    private Optional<DesktopWindow> describe(HWND hwnd) {
        if (!api.user32().IsWindow(hwnd)) {
            return Optional.empty();
        }
        char[] title = new char[MAX_TITLE];
        int length = api.user32().GetWindowText(hwnd, title, title.length);
        IntByReference pid = new IntByReference();
        api.user32().GetWindowThreadProcessId(hwnd, pid);
        RECT rect = new RECT();
        api.user32().GetWindowRect(hwnd, rect);
        return Optional.of(new DesktopWindow(
                hex(hwnd),
                new String(title, 0, Math.max(0, length)),
                pid.getValue() == 0 ? null : (long) pid.getValue(),
                executable(pid.getValue()),
                rect.left,
                rect.top,
                rect.right - rect.left,
                rect.bottom - rect.top));
    }

    private String executable(int pid) {
        if (pid == 0) {
            return null;
        }
        HANDLE process = api.kernel32().OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
        if (process == null) {
            return null;
        }
        try {
            char[] name = new char[MAX_TITLE];
            IntByReference size = new IntByReference(name.length);
            return api.kernel32().QueryFullProcessImageName(process, 0, name, size)
                    ? new String(name, 0, size.getValue())
                    : null;
        } finally {
            api.kernel32().CloseHandle(process);
        }
    }

    @Override
    public void activate(DesktopWindow window) throws InterruptedException {
        thread.run(() -> {
            HWND hwnd = existing(window);
            if (api.user32Extra().IsIconic(hwnd)) {
                api.user32().ShowWindow(hwnd, SW_RESTORE);
            }
            api.user32().SetForegroundWindow(hwnd);
            if (!hwnd.equals(api.user32().GetForegroundWindow())) {
                attachAndFocus(hwnd);
            }
        });
    }

    /**
     * Windows lets only the foreground thread give the foreground away; attaching to that
     * thread's input for a moment makes this thread one that may.
     */
    private void attachAndFocus(HWND hwnd) {
        HWND foreground = api.user32().GetForegroundWindow();
        DWORD me = new DWORD(api.kernel32().GetCurrentThreadId());
        DWORD them = new DWORD(foreground == null ? 0 : api.user32().GetWindowThreadProcessId(foreground, null));
        boolean attached = foreground != null && api.user32().AttachThreadInput(me, them, true);
        try {
            api.user32().BringWindowToTop(hwnd);
            api.user32().SetForegroundWindow(hwnd);
        } finally {
            if (attached) {
                api.user32().AttachThreadInput(me, them, false);
            }
        }
    }

    @Override
    public void requestClose(DesktopWindow window) throws InterruptedException {
        thread.run(() -> api.user32().PostMessage(existing(window), WM_CLOSE, new WPARAM(0), new LPARAM(0)));
    }

    @Override
    public void type(String text) throws InterruptedException {
        thread.run(() -> {
            int i = 0;
            while (i < text.length()) {
                int codePoint = text.codePointAt(i);
                int next = i + Character.charCount(codePoint);
                if (codePoint == '\r' && next < text.length() && text.charAt(next) == '\n') {
                    i = next;
                    continue;
                }
                send(
                        switch (codePoint) {
                            case '\n', '\r' -> InputBuilder.chord(List.of(new InputBuilder.VirtualKey(0x0D, false)));
                            case '\t' -> InputBuilder.chord(List.of(new InputBuilder.VirtualKey(0x09, false)));
                            case '\b' -> InputBuilder.chord(List.of(new InputBuilder.VirtualKey(0x08, false)));
                            default -> InputBuilder.unicode(text.substring(i, next));
                        },
                        "Typing");
                i = next;
            }
        });
    }

    @Override
    public void press(List<Key> keys) throws InterruptedException {
        thread.run(() -> {
            List<InputBuilder.VirtualKey> virtualKeys = new ArrayList<>();
            for (Key key : keys) {
                virtualKeys.add(VirtualKeys.of(key, api.user32()));
            }
            send(InputBuilder.chord(virtualKeys), "The hotkey");
        });
    }

    @Override
    public void click(int x, int y, MouseButton button, int clicks) throws InterruptedException {
        thread.run(() -> {
            ScreenBounds screen = virtualScreen();
            if (!screen.contains(x, y)) {
                throw new DesktopException(
                        ErrorCode.COORDINATES_OUT_OF_BOUNDS,
                        "(" + x + ", " + y + ") is outside "
                                + "the virtual screen (" + screen.x() + ", " + screen.y() + ", " + screen.width() + "x"
                                + screen.height() + ")");
            }
            if (api.user32().MonitorFromPoint(new POINT.ByValue(x, y), MONITOR_DEFAULTTONULL) == null) {
                throw new DesktopException(
                        ErrorCode.COORDINATES_OUT_OF_BOUNDS,
                        "(" + x + ", " + y + ") is on no monitor (a gap between monitors of different sizes)");
            }
            send(InputBuilder.click(screen, x, y, button, clicks), "The click");
        });
    }

    private void send(WinUser.INPUT[] inputs, String what) {
        int inserted = api.user32()
                .SendInput(new DWORD(inputs.length), inputs, inputs[0].size())
                .intValue();
        if (inserted != inputs.length) {
            throw new DesktopException(
                    ErrorCode.INPUT_BLOCKED,
                    what + " was blocked: Windows accepted " + inserted
                            + " of " + inputs.length + " input events (error " + Native.getLastError()
                            + "). The focused window "
                            + "probably runs with higher privileges than the executor (UIPI), or the desktop is locked");
        }
    }

    @Override
    public void writeClipboard(String text) throws InterruptedException {
        thread.run(() -> {
            byte[] bytes = (text + "\0").getBytes(StandardCharsets.UTF_16LE);
            openClipboard();
            try {
                api.user32Extra().EmptyClipboard();
                HANDLE memory = api.kernel32Extra().GlobalAlloc(Kernel32Extra.GMEM_MOVEABLE, new SIZE_T(bytes.length));
                if (memory == null) {
                    throw new DesktopException(
                            ErrorCode.CLIPBOARD_UNAVAILABLE, "No memory for " + bytes.length + " bytes");
                }
                Pointer target = api.kernel32Extra().GlobalLock(memory);
                target.write(0, bytes, 0, bytes.length);
                api.kernel32Extra().GlobalUnlock(memory);
                if (api.user32Extra().SetClipboardData(User32Extra.CF_UNICODETEXT, memory) == null) {
                    api.kernel32Extra().GlobalFree(memory);
                    throw new DesktopException(
                            ErrorCode.CLIPBOARD_UNAVAILABLE,
                            "The clipboard refused the text (error " + Native.getLastError() + ")");
                }
            } finally {
                api.user32Extra().CloseClipboard();
            }
        });
    }

    @Override
    public Optional<String> readClipboard(Duration wait) throws InterruptedException {
        return thread.call(() -> {
            openClipboard();
            try {
                HANDLE memory = api.user32Extra().GetClipboardData(User32Extra.CF_UNICODETEXT);
                if (memory == null) {
                    return Optional.<String>empty();
                }
                Pointer source = api.kernel32Extra().GlobalLock(memory);
                try {
                    byte[] bytes = source.getByteArray(
                            0, (int) api.kernel32Extra().GlobalSize(memory).longValue());
                    String text = new String(bytes, StandardCharsets.UTF_16LE);
                    int end = text.indexOf('\0');
                    return Optional.of(end < 0 ? text : text.substring(0, end));
                } finally {
                    api.kernel32Extra().GlobalUnlock(memory);
                }
            } finally {
                api.user32Extra().CloseClipboard();
            }
        });
    }

    /** Another application may hold the clipboard open for a moment; try a few times. */
    private void openClipboard() {
        for (int attempt = 1; attempt <= CLIPBOARD_TRIES; attempt++) {
            if (api.user32Extra().OpenClipboard(null)) {
                return;
            }
            LockSupport.parkNanos(CLIPBOARD_RETRY.toNanos());
        }
        throw new DesktopException(ErrorCode.CLIPBOARD_UNAVAILABLE, "Another application keeps the clipboard open");
    }

    @Override
    public String openUrl(URI url, Duration wait) throws InterruptedException {
        thread.run(() -> {
            ShellAPI.SHELLEXECUTEINFO info =
                    execute("open", url.toString(), null, null, SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI);
            if (!api.shell32().ShellExecuteEx(info)) {
                throw new DesktopException(
                        ErrorCode.BROWSER_OPEN_FAILED,
                        "The shell could not open the URL (error " + Native.getLastError() + ")");
            }
        });
        return "ShellExecuteEx";
    }

    @Override
    public long launch(Path executable, List<String> args, Path workingDirectory) throws InterruptedException {
        return thread.call(() -> {
            ShellAPI.SHELLEXECUTEINFO info = execute(
                    "open",
                    executable.toString(),
                    WindowsCommandLine.join(args),
                    workingDirectory == null ? null : workingDirectory.toString(),
                    SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI);
            if (!api.shell32().ShellExecuteEx(info)) {
                throw new DesktopException(
                        ErrorCode.APP_NOT_STARTED,
                        "Cannot start " + executable + " (error " + Native.getLastError() + ")");
            }
            if (info.hProcess == null) {
                throw new DesktopException(
                        ErrorCode.APP_NOT_STARTED,
                        executable + " was handed to a running program; " + "no new process to watch");
            }
            try {
                return (long) api.kernel32().GetProcessId(info.hProcess);
            } finally {
                api.kernel32().CloseHandle(info.hProcess);
            }
        });
    }

    private static ShellAPI.SHELLEXECUTEINFO execute(
            String verb, String file, String parameters, String directory, int mask) {
        ShellAPI.SHELLEXECUTEINFO info = new ShellAPI.SHELLEXECUTEINFO();
        info.cbSize = info.size();
        info.fMask = mask;
        info.lpVerb = verb;
        info.lpFile = file;
        info.lpParameters = parameters;
        info.lpDirectory = directory;
        info.nShow = SW_SHOWNORMAL;
        return info;
    }

    @Override
    public Capture capture(CaptureArea area) throws InterruptedException {
        return thread.call(() -> screenCapture.capture(area, virtualScreen()));
    }

    @Override
    public void terminate(long pid) throws InterruptedException {
        thread.run(() -> {
            HANDLE process = api.kernel32().OpenProcess(PROCESS_TERMINATE, false, (int) pid);
            if (process == null) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new DesktopException(
                            ErrorCode.APP_NOT_CLOSED,
                            "Process " + pid + " cannot be opened to end it " + "(error " + Native.getLastError()
                                    + ")");
                }
                return;
            }
            try {
                if (!api.kernel32().TerminateProcess(process, 1)) {
                    throw new DesktopException(
                            ErrorCode.APP_NOT_CLOSED,
                            "Process " + pid + " could not be ended (error " + Native.getLastError() + ")");
                }
            } finally {
                api.kernel32().CloseHandle(process);
            }
        });
    }

    @Override
    public void close() {
        thread.close();
    }

    private HWND existing(DesktopWindow window) {
        HWND hwnd = hwnd(window.id());
        if (!api.user32().IsWindow(hwnd)) {
            throw new DesktopException(ErrorCode.WINDOW_NOT_FOUND, "Window " + window.id() + " no longer exists");
        }
        return hwnd;
    }

    static String hex(HWND hwnd) {
        return "0x" + Long.toHexString(Pointer.nativeValue(hwnd.getPointer()));
    }

    static HWND hwnd(String id) {
        try {
            return new HWND(new Pointer(Long.parseUnsignedLong(id.startsWith("0x") ? id.substring(2) : id, 16)));
        } catch (NumberFormatException e) {
            throw new DesktopException(ErrorCode.WINDOW_NOT_FOUND, "'" + id + "' is not a window handle");
        }
    }
}
