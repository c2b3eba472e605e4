package dev.handrail.executor.desktop.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.ShellAPI;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.HKL;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.POINT;
import com.sun.jna.platform.win32.WinDef.RECT;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.platform.win32.WinNT.HRESULT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Windows desktop through jna-platform: {@code SendInput} for keys (Unicode strokes, and
 * virtual keys with their scan codes in the foreground window's keyboard layout) and the mouse
 * (absolute over the virtual screen), {@code EnumWindows} for windows (without DWM-cloaked ones),
 * the foreground window for focus (with the {@code AttachThreadInput} fallback), the clipboard as
 * {@code CF_UNICODETEXT} in global memory owned by a message-only window, and
 * {@code ShellExecuteEx} (COM initialised on its thread) for URLs and programs, each launched
 * program in a job object so that ending it ends what it started. Windows drops input into a
 * window of higher integrity level without saying so (UIPI), so input is refused with
 * {@code INPUT_BLOCKED_ELEVATED} before it is sent when the foreground process runs above the
 * executor. Every call runs on one thread, since thread input attachment, COM apartments and
 * windows belong to a thread. The backend is itself every port; they are all available together
 * while the session is connected and its input desktop is the user's (not locked). Thread-safe.
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
    private static final int COINIT_APARTMENTTHREADED = 0x2;
    private static final int COINIT_DISABLE_OLE1DDE = 0x4;
    private static final int RPC_E_CHANGED_MODE = 0x80010106;
    private static final int ERROR_ACCESS_DENIED = 5;
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;
    /** The parent that makes a window message-only. */
    private static final long HWND_MESSAGE = -3;

    private static final int PM_REMOVE = 1;
    private static final int WTS_CONNECT_STATE = 8;
    private static final int WTS_ACTIVE = 0;
    /** How long {@code clipboard.write} waits for another application to let go of the clipboard. */
    private static final Duration CLIPBOARD_WRITE_WAIT = Duration.ofSeconds(1);

    private static final Duration CLIPBOARD_RETRY = Duration.ofMillis(20);
    /** How often the desktop thread delivers the messages sent to its clipboard window. */
    private static final Duration MESSAGE_PUMP = Duration.ofMillis(10);

    private static final int MAX_TITLE = 1024;

    private final WindowsApi api;
    private final DesktopThread thread;
    private final int session;
    private final GdiScreenCapture screenCapture;
    /** Job objects of the programs this executor launched, by the process id of each; desktop thread only. */
    private final Map<Long, HANDLE> jobs = new HashMap<>();
    /** The message-only window that owns the clipboard, once made; desktop thread only. */
    private HWND clipboardWindow;
    /** Whether COM is initialised on the desktop thread; desktop thread only. */
    private boolean comInitialised;

    private final AtomicBoolean closed = new AtomicBoolean();

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
        declareDpiAwareness(api);
        return new WindowsDesktop(api, new DesktopThread("win32-desktop"), session.getValue());
    }

    /**
     * Makes the process per-monitor DPI aware (v2), so window rectangles, the virtual screen and
     * clicks are in physical pixels on every monitor, then checks what the process got: a manifest
     * or a library loaded earlier (AWT) may have set the awareness first, and it cannot change
     * afterwards. Anything short of per-monitor awareness is logged as an error naming the effect.
     */
    static void declareDpiAwareness(WindowsApi api) {
        User32Dpi dpi = api.user32Dpi();
        HANDLE perMonitorV2 = new HANDLE(new Pointer(User32Dpi.PER_MONITOR_AWARE_V2));
        try {
            boolean set = dpi.SetProcessDpiAwarenessContext(perMonitorV2);
            int error = set ? 0 : Native.getLastError();
            HANDLE context = dpi.GetThreadDpiAwarenessContext();
            if (dpi.AreDpiAwarenessContextsEqual(context, perMonitorV2)) {
                LOG.info("Desktop: per-monitor DPI aware (v2)");
                return;
            }
            int awareness = dpi.GetAwarenessFromDpiAwarenessContext(context);
            if (awareness != User32Dpi.DPI_UNAWARE && awareness != User32Dpi.DPI_SYSTEM_AWARE) {
                LOG.warn(
                        "Desktop: per-monitor DPI aware (v1, set before the executor could ask for v2, error {}); "
                                + "coordinates are physical pixels",
                        error);
                return;
            }
            LOG.error(
                    "Desktop: the process is {} and per-monitor DPI awareness could not be declared (error {}): on a "
                            + "scaled monitor window rectangles and clicks are in scaled, not physical, pixels. Start "
                            + "the executor with a java.exe whose manifest does not fix the awareness, before any AWT "
                            + "window",
                    awareness == User32Dpi.DPI_UNAWARE ? "DPI unaware" : "system DPI aware",
                    error);
        } catch (UnsatisfiedLinkError e) {
            LOG.error(
                    "Desktop: this Windows has no per-monitor v2 DPI awareness (Windows 10 1703 or newer needed): {}",
                    e.getMessage());
        }
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

    /**
     * Unavailable while the session is disconnected (no one sees it and input goes nowhere) or
     * its input desktop is not the user's: {@code OpenInputDesktop} fails while the workstation is
     * locked or a UAC prompt shows the secure desktop, and {@code SendInput} into that is dropped.
     */
    @Override
    public Availability availability() {
        PointerByReference state = new PointerByReference();
        IntByReference bytes = new IntByReference();
        if (api.wtsapi32().WTSQuerySessionInformation(null, session, WTS_CONNECT_STATE, state, bytes)) {
            try {
                int connectState = state.getValue().getInt(0);
                if (connectState != WTS_ACTIVE) {
                    return Availability.unavailable(
                            ErrorCode.NO_DESKTOP_SESSION,
                            "Windows session " + session + " is not active (connection state " + connectState
                                    + ", e.g. a disconnected remote session): input into it goes nowhere");
                }
            } finally {
                api.wtsapi32().WTSFreeMemory(state.getValue());
            }
        }
        HANDLE input = api.user32Extra().OpenInputDesktop(0, false, User32Extra.DESKTOP_SWITCHDESKTOP);
        if (input == null) {
            return Availability.unavailable(
                    ErrorCode.NO_DESKTOP_SESSION,
                    "The input desktop of session " + session + " is not the user's (error " + Native.getLastError()
                            + "): the workstation is locked or a UAC prompt is showing");
        }
        api.user32Extra().CloseDesktop(input);
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
                                        && api.user32().GetWindowTextLength(hwnd) > 0
                                        && !cloaked(hwnd)) {
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

    /** Whether DWM keeps the window from view: on another virtual desktop, or a suspended app's frame. */
    private boolean cloaked(HWND hwnd) {
        IntByReference cloaked = new IntByReference();
        return api.dwmapi().DwmGetWindowAttribute(hwnd, Dwmapi.DWMWA_CLOAKED, cloaked, 4) == 0
                && cloaked.getValue() != 0;
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
            if (cloaked(hwnd)) {
                throw new DesktopException(
                        ErrorCode.WINDOW_NOT_FOUND,
                        "Window " + window.id() + " is cloaked (on another virtual desktop, or a suspended app's "
                                + "frame) and cannot be brought to the front");
            }
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
            refuseElevated(api.user32().GetForegroundWindow(), "the window in front");
            HKL layout = foregroundLayout();
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
                            case '\n', '\r' -> stroke(0x0D, layout);
                            case '\t' -> stroke(0x09, layout);
                            case '\b' -> stroke(0x08, layout);
                            default -> InputBuilder.unicode(text.substring(i, next));
                        },
                        "Typing");
                i = next;
            }
        });
    }

    private WinUser.INPUT[] stroke(int virtualKey, HKL layout) {
        return InputBuilder.chord(
                List.of(VirtualKeys.scanned(new InputBuilder.VirtualKey(virtualKey, 0, false), api.user32(), layout)));
    }

    @Override
    public void press(List<Key> keys) throws InterruptedException {
        thread.run(() -> {
            refuseElevated(api.user32().GetForegroundWindow(), "the window in front");
            send(InputBuilder.chord(VirtualKeys.chord(keys, api.user32(), foregroundLayout())), "The hotkey");
        });
    }

    /** The keyboard layout of the thread that owns the foreground window, which is the one that reads the keys. */
    private HKL foregroundLayout() {
        HWND foreground = api.user32().GetForegroundWindow();
        int owner = foreground == null ? 0 : api.user32().GetWindowThreadProcessId(foreground, null);
        return api.user32().GetKeyboardLayout(owner);
    }

    /**
     * Refuses input when the process of the window it goes to runs at a higher integrity level
     * than the executor: Windows would drop the input silently and {@code SendInput} would still
     * report it all inserted. A token that cannot be opened for lack of access (a process elevated
     * under another account) counts as higher too; any other failure to read it lets the input
     * through.
     */
    private void refuseElevated(HWND target, String which) {
        if (target == null) {
            return;
        }
        IntByReference pid = new IntByReference();
        api.user32().GetWindowThreadProcessId(target, pid);
        int own = api.kernel32().GetCurrentProcessId();
        if (pid.getValue() == 0 || pid.getValue() == own) {
            return;
        }
        OptionalInt ours = integrity(api.kernel32().GetCurrentProcess());
        HANDLE process = api.kernel32().OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid.getValue());
        OptionalInt theirs;
        boolean denied;
        if (process == null) {
            denied = Native.getLastError() == ERROR_ACCESS_DENIED;
            theirs = OptionalInt.empty();
        } else {
            try {
                theirs = integrity(process);
                denied = theirs.isEmpty() && Native.getLastError() == ERROR_ACCESS_DENIED;
            } finally {
                api.kernel32().CloseHandle(process);
            }
        }
        if (ours.isEmpty() || !denied && (theirs.isEmpty() || theirs.getAsInt() <= ours.getAsInt())) {
            return;
        }
        String title = describe(target).map(DesktopWindow::title).orElse("");
        throw new DesktopException(
                ErrorCode.INPUT_BLOCKED_ELEVATED,
                Character.toUpperCase(which.charAt(0)) + which.substring(1) + " ('" + title + "', process "
                        + pid.getValue() + ") runs "
                        + (denied
                                ? "with rights the executor cannot even read (elevated under another account)"
                                : "at integrity level 0x" + Integer.toHexString(theirs.getAsInt()))
                        + ", above the executor's 0x" + Integer.toHexString(ours.getAsInt())
                        + "; Windows would drop the input without a word (UIPI), so nothing was sent. Target an "
                        + "unelevated window, or run the executor elevated");
    }

    /**
     * The mandatory integrity level of a process (its label SID's last sub-authority: 0x2000
     * medium, 0x3000 high, 0x4000 system), or empty when its token cannot be read; the last error
     * then says why.
     */
    private OptionalInt integrity(HANDLE process) {
        HANDLEByReference token = new HANDLEByReference();
        if (!api.advapi32().OpenProcessToken(process, Advapi32Extra.TOKEN_QUERY, token)) {
            return OptionalInt.empty();
        }
        try {
            IntByReference needed = new IntByReference();
            if (!api.advapi32()
                            .GetTokenInformation(token.getValue(), Advapi32Extra.TOKEN_INTEGRITY_LEVEL, null, 0, needed)
                    && Native.getLastError() != ERROR_INSUFFICIENT_BUFFER) {
                return OptionalInt.empty();
            }
            Memory label = new Memory(Math.max(needed.getValue(), 1));
            if (!api.advapi32()
                    .GetTokenInformation(
                            token.getValue(), Advapi32Extra.TOKEN_INTEGRITY_LEVEL, label, (int) label.size(), needed)) {
                return OptionalInt.empty();
            }
            Pointer sid = label.getPointer(0);
            int subAuthorities = api.advapi32().GetSidSubAuthorityCount(sid).getByte(0) & 0xff;
            return subAuthorities == 0
                    ? OptionalInt.empty()
                    : OptionalInt.of(api.advapi32()
                            .GetSidSubAuthority(sid, subAuthorities - 1)
                            .getInt(0));
        } finally {
            api.kernel32().CloseHandle(token.getValue());
        }
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
            HWND hit = api.user32Extra().WindowFromPoint(new POINT.ByValue(x, y));
            refuseElevated(
                    hit == null ? null : api.user32().GetAncestor(hit, GA_ROOT),
                    "the window at (" + x + ", " + y + ")");
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
            HANDLE memory = api.kernel32Extra().GlobalAlloc(Kernel32Extra.GMEM_MOVEABLE, new SIZE_T(bytes.length));
            if (memory == null) {
                throw new DesktopException(
                        ErrorCode.CLIPBOARD_UNAVAILABLE,
                        "No memory for " + bytes.length + " bytes (error " + Native.getLastError() + ")");
            }
            Pointer target = api.kernel32Extra().GlobalLock(memory);
            if (target == null) {
                int error = Native.getLastError();
                api.kernel32Extra().GlobalFree(memory);
                throw new DesktopException(
                        ErrorCode.CLIPBOARD_UNAVAILABLE, "The clipboard memory cannot be locked (error " + error + ")");
            }
            target.write(0, bytes, 0, bytes.length);
            api.kernel32Extra().GlobalUnlock(memory);
            try {
                openClipboard(System.nanoTime() + CLIPBOARD_WRITE_WAIT.toNanos());
            } catch (DesktopException e) {
                api.kernel32Extra().GlobalFree(memory);
                throw e;
            }
            try {
                api.user32Extra().EmptyClipboard();
                if (api.user32Extra().SetClipboardData(User32Extra.CF_UNICODETEXT, memory) == null) {
                    int error = Native.getLastError();
                    api.kernel32Extra().GlobalFree(memory);
                    throw new DesktopException(
                            ErrorCode.CLIPBOARD_UNAVAILABLE, "The clipboard refused the text (error " + error + ")");
                }
            } finally {
                api.user32Extra().CloseClipboard();
            }
        });
    }

    @Override
    public Optional<String> readClipboard(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        return thread.call(() -> {
            openClipboard(deadline);
            try {
                HANDLE memory = api.user32Extra().GetClipboardData(User32Extra.CF_UNICODETEXT);
                if (memory == null) {
                    return Optional.<String>empty();
                }
                Pointer source = api.kernel32Extra().GlobalLock(memory);
                if (source == null) {
                    throw new DesktopException(
                            ErrorCode.CLIPBOARD_UNAVAILABLE,
                            "The clipboard's text cannot be locked (error " + Native.getLastError() + ")");
                }
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

    /**
     * Opens the clipboard for the executor's message-only window, so that emptying it makes that
     * window the owner (with no window, {@code EmptyClipboard} leaves no owner and
     * {@code SetClipboardData} fails). Another application may hold the clipboard open for a
     * moment; tries again until the deadline.
     */
    private void openClipboard(long deadline) {
        HWND owner = clipboardWindow();
        while (!api.user32Extra().OpenClipboard(owner)) {
            if (System.nanoTime() >= deadline) {
                throw new DesktopException(
                        ErrorCode.CLIPBOARD_UNAVAILABLE,
                        "Another application keeps the clipboard open (error " + Native.getLastError() + ")");
            }
            LockSupport.parkNanos(CLIPBOARD_RETRY.toNanos());
        }
    }

    /**
     * The message-only window ({@code HWND_MESSAGE} parent, the predefined {@code STATIC} class)
     * that owns what the executor puts on the clipboard, made on first use; the desktop thread
     * then delivers its messages (the clipboard sends its owner {@code WM_DESTROYCLIPBOARD}).
     */
    private HWND clipboardWindow() {
        if (clipboardWindow == null) {
            HWND window = api.user32()
                    .CreateWindowEx(
                            0,
                            "STATIC",
                            "Handrail clipboard",
                            0,
                            0,
                            0,
                            0,
                            0,
                            new HWND(new Pointer(HWND_MESSAGE)),
                            null,
                            null,
                            null);
            if (window == null) {
                throw new DesktopException(
                        ErrorCode.CLIPBOARD_UNAVAILABLE,
                        "No window to own the clipboard (error " + Native.getLastError() + ")");
            }
            clipboardWindow = window;
            thread.every(MESSAGE_PUMP, this::deliverMessages);
        }
        return clipboardWindow;
    }

    private void deliverMessages() {
        WinUser.MSG message = new WinUser.MSG();
        while (api.user32().PeekMessage(message, null, 0, 0, PM_REMOVE)) {
            api.user32().DispatchMessage(message);
        }
    }

    /**
     * Opens the URL with the shell's {@code open} verb and answers what took it: the browser
     * process the shell started (its id and executable), or that the URL went to a browser
     * already running, with the shell's {@code hInstApp} (above 32 on success).
     */
    @Override
    public String openUrl(URI url, Duration wait) throws InterruptedException {
        return thread.call(() -> {
            ShellAPI.SHELLEXECUTEINFO info = execute(
                    "open",
                    url.toString(),
                    null,
                    null,
                    SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI);
            if (!api.shell32().ShellExecuteEx(info)) {
                throw new DesktopException(
                        ErrorCode.BROWSER_OPEN_FAILED,
                        "The shell could not open the URL (error " + Native.getLastError() + ")");
            }
            long instance = info.hInstApp == null ? 0 : Pointer.nativeValue(info.hInstApp.getPointer());
            if (noProcess(info)) {
                return "ShellExecuteEx (handed to a running program, hInstApp " + instance + ")";
            }
            try {
                int pid = api.kernel32().GetProcessId(info.hProcess);
                String executable = executable(pid);
                return "ShellExecuteEx (process " + pid + (executable == null ? "" : " " + executable) + ", hInstApp "
                        + instance + ")";
            } finally {
                api.kernel32().CloseHandle(info.hProcess);
            }
        });
    }

    /**
     * Starts the program with {@code ShellExecuteEx}, puts its process in a job object of its own
     * (so that {@link #terminate} ends every process it starts afterwards too) and lets it take the
     * foreground, which Windows would otherwise refuse a program the executor started.
     */
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
            if (noProcess(info)) {
                throw new DesktopException(
                        ErrorCode.APP_NOT_STARTED,
                        executable + " was handed to a running program; " + "no new process to watch");
            }
            try {
                int pid = api.kernel32().GetProcessId(info.hProcess);
                api.user32Extra().AllowSetForegroundWindow(pid);
                forgetEndedJobs();
                HANDLE job = api.kernel32Extra().CreateJobObject(null, null);
                if (job == null) {
                    LOG.warn(
                            "No job object for process {} (error {}); ending it ends it alone",
                            pid,
                            Native.getLastError());
                } else if (api.kernel32Extra().AssignProcessToJobObject(job, info.hProcess)) {
                    jobs.put((long) pid, job);
                } else {
                    LOG.warn(
                            "Process {} cannot join a job object (error {}); ending it ends it alone",
                            pid,
                            Native.getLastError());
                    api.kernel32().CloseHandle(job);
                }
                return (long) pid;
            } finally {
                api.kernel32().CloseHandle(info.hProcess);
            }
        });
    }

    /** Whether the shell handed the file to a program already running rather than starting a process. */
    private static boolean noProcess(ShellAPI.SHELLEXECUTEINFO info) {
        return info.hProcess == null || info.hProcess.getPointer() == null;
    }

    /** Lets go of the job objects of launched programs that have exited. */
    private void forgetEndedJobs() {
        jobs.entrySet().removeIf(entry -> {
            if (ProcessHandle.of(entry.getKey()).map(ProcessHandle::isAlive).orElse(false)) {
                return false;
            }
            api.kernel32().CloseHandle(entry.getValue());
            return true;
        });
    }

    /**
     * Initialises COM (single-threaded apartment, no OLE1 DDE) on the desktop thread once, as
     * {@code ShellExecuteEx} requires: the verb may be carried out by a shell extension.
     */
    private void initialiseCom() {
        if (comInitialised) {
            return;
        }
        HRESULT result = api.ole32().CoInitializeEx(null, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
        if (result.intValue() == RPC_E_CHANGED_MODE) {
            LOG.warn("COM is already initialised on the desktop thread in another apartment model");
        } else if (result.intValue() < 0) {
            throw new DesktopException(
                    ErrorCode.APP_NOT_STARTED,
                    "COM cannot be initialised for the shell (HRESULT 0x" + Integer.toHexString(result.intValue())
                            + ")");
        }
        comInitialised = true;
    }

    private ShellAPI.SHELLEXECUTEINFO execute(String verb, String file, String parameters, String directory, int mask) {
        initialiseCom();
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

    /**
     * Ends a process at once: a program the executor launched together with every process in its
     * job (what it started since), any other process alone.
     */
    @Override
    public void terminate(long pid) throws InterruptedException {
        thread.run(() -> {
            HANDLE job = jobs.remove(pid);
            if (job != null) {
                try {
                    if (!api.kernel32Extra().TerminateJobObject(job, 1)) {
                        throw new DesktopException(
                                ErrorCode.APP_NOT_CLOSED,
                                "The processes of " + pid + " could not be ended (error " + Native.getLastError()
                                        + ")");
                    }
                    return;
                } finally {
                    api.kernel32().CloseHandle(job);
                }
            }
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.run(() -> {
                jobs.values().forEach(api.kernel32()::CloseHandle);
                jobs.clear();
                if (clipboardWindow != null) {
                    api.user32().DestroyWindow(clipboardWindow);
                }
                if (comInitialised) {
                    api.ole32().CoUninitialize();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.close();
        }
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
