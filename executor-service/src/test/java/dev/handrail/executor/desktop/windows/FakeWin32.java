package dev.handrail.executor.desktop.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.GDI32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.Shell32;
import com.sun.jna.platform.win32.ShellAPI;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinGDI;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.platform.win32.WinNT.HRESULT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.platform.win32.Wtsapi32;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.handrail.contracts.message.ScreenBounds;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntBinaryOperator;

/**
 * Win32 as the Windows backend sees it, in memory: the jna-platform interfaces and the extra
 * ones implemented by proxies that answer the functions the backend calls and record what it
 * sent ({@code INPUT} structures, shell executions, window messages). A function the backend
 * should not call fails the test. Nothing here loads a Windows DLL. GDI draws from a fake screen
 * (a colour per physical pixel) into fake bitmaps, and {@code PrintWindow} paints a window's own
 * colour, so a capture can be checked pixel by pixel. Where Windows behaves in a documented way the
 * backend must account for, the fake does too: {@code SendInput} reports input into a window of
 * higher integrity level inserted and drops it; {@code SetClipboardData} fails after a clipboard
 * opened with no owner window was emptied; {@code GlobalFree} clears the last error;
 * {@code ShellExecuteEx} fails on a thread without COM; {@code VkKeyScanExW} answers per keyboard
 * layout with the shift state in its high byte; cloaked windows answer {@code DWMWA_CLOAKED};
 * {@code OpenInputDesktop} fails while the session is locked.
 */
final class FakeWin32 {

    /** One {@code INPUT} as sent: a keyboard stroke or a mouse event. */
    record Sent(int type, int virtualKey, int scan, int flags, int dx, int dy) {}

    /** A top-level window. */
    static final class Window {
        final String title;
        final int pid;
        final int thread;
        final WinDef.RECT rect;
        boolean iconic;
        boolean cloaked;
        boolean closesOnRequest = true;
        /** What the window draws when asked to ({@code PrintWindow}), as 0xRRGGBB. */
        int colour = 0x00FF00;

        Window(String title, int pid, int thread, int left, int top, int right, int bottom) {
            this.title = title;
            this.pid = pid;
            this.thread = thread;
            this.rect = new WinDef.RECT();
            rect.left = left;
            rect.top = top;
            rect.right = right;
            rect.bottom = bottom;
        }
    }

    static final int EXECUTOR_THREAD = 77;
    static final int EXECUTOR_PID = 1000;
    static final int MEDIUM = 0x2000;
    static final int HIGH = 0x3000;
    static final long US = 0x04090409L;
    static final long GERMAN = 0x04070407L;
    static final long CLIPBOARD_WINDOW = 0x9000;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_CLIPBOARD_NOT_OPEN = 1418;
    private static final long TOKENS = 0x7000_0000L;
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;
    /** Virtual key to scan code ({@code MAPVK_VK_TO_VSC_EX}), the same in every layout here. */
    private static final Map<Integer, Integer> SCAN_CODES = Map.ofEntries(
            Map.entry(0x08, 0x0E),
            Map.entry(0x09, 0x0F),
            Map.entry(0x0D, 0x1C),
            Map.entry(0x10, 0x2A),
            Map.entry(0x11, 0x1D),
            Map.entry(0x12, 0x38),
            Map.entry(0x23, 0xE04F),
            Map.entry(0x53, 0x1F),
            Map.entry(0xBD, 0x0C),
            Map.entry(0xBF, 0x35),
            Map.entry(0xDB, 0x0C));

    ScreenBounds virtualScreen = new ScreenBounds(0, 0, 1920, 1080);
    List<ScreenBounds> monitors = new ArrayList<>(List.of(new ScreenBounds(0, 0, 1920, 1080)));
    final Map<Long, Window> windows = new LinkedHashMap<>();
    final Map<Integer, String> executables = new HashMap<>();
    final List<List<Sent>> sendInputCalls = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final List<ShellAPI.SHELLEXECUTEINFO> executed = new ArrayList<>();
    final List<Integer> terminated = new ArrayList<>();
    int session = 1;
    /** {@code WTSConnectState} of the session: 0 active, 4 disconnected. */
    int connectState;
    /** The workstation is locked: the input desktop is Winlogon's. */
    boolean locked;
    /** Integrity level (the label's RID) of each process; medium when not given. */
    final Map<Integer, Integer> integrity = new HashMap<>();
    /** Processes whose token the executor may not open (elevated under another account). */
    final Set<Integer> tokenDenied = new java.util.HashSet<>();
    /** The INPUT events Windows delivered: what UIPI did not drop. */
    final List<Sent> delivered = new ArrayList<>();
    /** Keyboard layout of each thread; US when not given. */
    final Map<Integer, Long> layouts = new HashMap<>();
    /** What {@code VkKeyScanExW} answers per layout and character. */
    final Map<Long, Map<Character, Short>> keyScans = Map.of(
            US, Map.of('-', (short) 0xBD, '?', (short) 0x1BF),
            GERMAN, Map.of('-', (short) 0xBD, '?', (short) 0x1DB));
    /** Processes each process starts once running; they join its job if it is in one. */
    final Map<Integer, List<Integer>> children = new HashMap<>();
    /** Threads on which COM was initialised. */
    final Set<String> comThreads = new java.util.HashSet<>();
    /** Whether an opened URL starts a browser process (else it goes to a running one). */
    boolean urlStartsProcess = true;

    int acceptInputs = Integer.MAX_VALUE;
    long foreground;
    boolean foregroundNeedsAttachedInput;
    /** Focus-stealing prevention that nothing gets past. */
    boolean foregroundLocked;

    boolean attached;
    HANDLE clipboard;
    boolean clipboardOpen;
    /** The window the clipboard was opened for (0 none) and the one that owns it since it was emptied. */
    long clipboardOpener;

    long clipboardOwner;
    /** How many more times {@code OpenClipboard} fails because another application holds the clipboard. */
    int clipboardBusyFor;
    /** Whether {@code SetClipboardData} fails whoever owns the clipboard. */
    boolean clipboardRefuses;
    /** Whether {@code GlobalLock} fails. */
    boolean lockFails;
    /** Whether the process's DPI awareness was fixed (by a manifest or AWT) before the executor asked. */
    boolean dpiAwarenessFixed;

    boolean perMonitorV2;
    private final Map<Long, List<Integer>> jobMembers = new HashMap<>();
    private final Map<Long, Long> sizes = new HashMap<>();

    /** The colour (0xRRGGBB) of each physical pixel of the screen. */
    IntBinaryOperator screenPixel = (x, y) -> 0x336699;
    /** Index into {@link #monitors} of the primary monitor. */
    int primaryMonitor;
    /** DPI awareness of the executor's thread: 0 unaware, 1 system aware, 2 per monitor. */
    int awareness = 2;

    int monitorDpi = 96;
    int systemDpi = 96;
    /** GDI objects created and not yet deleted or released. */
    final List<Long> liveGdiObjects = new ArrayList<>();

    private long threadContext = -3;
    private long nextHandle = 0x1000;
    private final Map<Long, int[]> bitmaps = new HashMap<>();
    private final Map<Long, int[]> bitmapSizes = new HashMap<>();
    private final Map<Long, Long> selected = new HashMap<>();

    WindowsApi api() {
        return new WindowsApi(
                proxy(User32.class),
                proxy(User32Extra.class),
                proxy(Kernel32.class),
                proxy(Kernel32Extra.class),
                proxy(Shell32.class),
                proxy(GDI32.class),
                proxy(User32Dpi.class),
                proxy(Shcore.class),
                proxy(Advapi32Extra.class),
                proxy(Ole32.class),
                proxy(Wtsapi32.class),
                proxy(Dwmapi.class));
    }

    Window window(long hwnd, Window window) {
        windows.put(hwnd, window);
        return window;
    }

    /** Every INPUT sent, in order, across calls. */
    List<Sent> sent() {
        return sendInputCalls.stream().flatMap(List::stream).toList();
    }

    /** What a clipboard handle holds, as the bytes Windows would keep. */
    byte[] clipboardBytes() {
        long address = Pointer.nativeValue(clipboard.getPointer());
        return clipboard.getPointer().getByteArray(0, (int) (long) sizes.get(address));
    }

    private <T> T proxy(Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> call(method, args == null ? new Object[0] : args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object call(Method method, Object[] args) {
        String name = method.getName();
        return switch (name) {
            case "GetSystemMetrics" -> metric((Integer) args[0]);
            case "MonitorFromPoint" -> onMonitor((WinDef.POINT) args[0]) ? new WinUser.HMONITOR(new Pointer(1)) : null;
            case "SendInput" -> sendInput((WinUser.INPUT[]) args[1]);
            case "GetCurrentProcess" -> new HANDLE(new Pointer(-1));
            case "OpenProcessToken" -> {
                long process = id(args[0]);
                int pid = process == -1 ? EXECUTOR_PID : (int) process;
                if (tokenDenied.contains(pid)) {
                    Native.setLastError(ERROR_ACCESS_DENIED);
                    yield false;
                }
                ((HANDLEByReference) args[2]).setValue(new HANDLE(new Pointer(TOKENS + pid)));
                yield true;
            }
            case "GetTokenInformation" ->
                tokenIntegrity(id(args[0]) - TOKENS, (Pointer) args[2], (Integer) args[3], (IntByReference) args[4]);
            case "GetSidSubAuthorityCount" -> ((Pointer) args[0]).share(1);
            case "GetSidSubAuthority" -> ((Pointer) args[0]).share(8 + 4L * (Integer) args[1]);
            case "OpenInputDesktop" -> {
                if (locked) {
                    Native.setLastError(ERROR_ACCESS_DENIED);
                    yield null;
                }
                yield new HANDLE(new Pointer(0xDE5C));
            }
            case "CloseDesktop" -> true;
            case "WTSQuerySessionInformation" -> {
                if ((Integer) args[1] != session || (Integer) args[2] != 8) {
                    throw new AssertionError("Unexpected session query " + args[1] + " " + args[2]);
                }
                Memory state = new Memory(4);
                state.setInt(0, connectState);
                keep.add(state);
                ((PointerByReference) args[3]).setValue(state);
                ((IntByReference) args[4]).setValue(4);
                yield true;
            }
            case "WTSFreeMemory" -> null;
            case "DwmGetWindowAttribute" -> {
                if ((Integer) args[1] != Dwmapi.DWMWA_CLOAKED) {
                    throw new AssertionError("Unexpected DWM attribute " + args[1]);
                }
                ((IntByReference) args[2]).setValue(windows.get(id(args[0])).cloaked ? 2 : 0);
                yield 0;
            }
            case "AllowSetForegroundWindow" -> {
                calls.add("AllowSetForegroundWindow " + args[0]);
                yield true;
            }
            case "EnumWindows" -> {
                for (long hwnd : List.copyOf(windows.keySet())) {
                    ((WinUser.WNDENUMPROC) args[0]).callback(hwnd(hwnd), (Pointer) args[1]);
                }
                yield true;
            }
            case "IsWindow" -> windows.containsKey(id(args[0]));
            case "IsWindowVisible" -> windows.containsKey(id(args[0]));
            case "GetWindowTextLength" -> windows.get(id(args[0])).title.length();
            case "GetWindowText" -> windowText(id(args[0]), (char[]) args[1]);
            case "GetWindowThreadProcessId" -> {
                Window window = windows.get(id(args[0]));
                if (args[1] != null) {
                    ((IntByReference) args[1]).setValue(window.pid);
                }
                yield window.thread;
            }
            case "GetWindowRect" -> {
                WinDef.RECT rect = (WinDef.RECT) args[1];
                WinDef.RECT source = windows.get(id(args[0])).rect;
                rect.left = source.left;
                rect.top = source.top;
                rect.right = source.right;
                rect.bottom = source.bottom;
                yield true;
            }
            case "GetForegroundWindow" -> foreground == 0 ? null : hwnd(foreground);
            case "SetForegroundWindow" -> {
                calls.add("SetForegroundWindow " + id(args[0]) + (attached ? " attached" : ""));
                if (foregroundLocked || foregroundNeedsAttachedInput && !attached) {
                    yield false;
                }
                foreground = id(args[0]);
                yield true;
            }
            case "AttachThreadInput" -> {
                attached = (Boolean) args[2];
                calls.add("AttachThreadInput " + ((DWORD) args[0]).intValue() + " " + ((DWORD) args[1]).intValue() + " "
                        + attached);
                yield true;
            }
            case "BringWindowToTop" -> {
                calls.add("BringWindowToTop " + id(args[0]));
                yield true;
            }
            case "ShowWindow" -> {
                calls.add("ShowWindow " + id(args[0]) + " " + args[1]);
                windows.get(id(args[0])).iconic = false;
                yield true;
            }
            case "IsIconic" -> windows.get(id(args[0])).iconic;
            case "PostMessage" -> {
                long hwnd = id(args[0]);
                calls.add("PostMessage " + hwnd + " 0x" + Integer.toHexString((Integer) args[1]));
                if (windows.get(hwnd).closesOnRequest) {
                    windows.remove(hwnd);
                }
                yield null;
            }
            case "GetAncestor" -> args[0];
            case "WindowFromPoint" -> windowAt((WinDef.POINT) args[0]);
            case "GetKeyboardLayout" -> new WinDef.HKL(new Pointer(layouts.getOrDefault((Integer) args[0], US)));
            case "VkKeyScanExW" -> keyScans.get(id(args[1])).getOrDefault((Character) args[0], (short) -1);
            case "MapVirtualKeyEx" -> {
                if ((Integer) args[1] != 4) {
                    throw new AssertionError("Unexpected map type " + args[1]);
                }
                yield SCAN_CODES.getOrDefault((Integer) args[0], 0);
            }
            case "CreateWindowEx" -> {
                calls.add("CreateWindowEx " + args[1] + " parent " + id(args[8]));
                yield hwnd(CLIPBOARD_WINDOW);
            }
            case "DestroyWindow" -> {
                calls.add("DestroyWindow " + id(args[0]));
                yield true;
            }
            case "PeekMessage" -> false;
            case "OpenClipboard" -> {
                if (clipboardBusyFor > 0) {
                    clipboardBusyFor--;
                    Native.setLastError(ERROR_ACCESS_DENIED);
                    yield false;
                }
                clipboardOpen = true;
                clipboardOpener = args[0] == null ? 0 : id(args[0]);
                calls.add("OpenClipboard " + clipboardOpener);
                yield true;
            }
            case "CloseClipboard" -> {
                clipboardOpen = false;
                yield true;
            }
            case "EmptyClipboard" -> {
                clipboard = null;
                clipboardOwner = clipboardOpener;
                yield true;
            }
            case "SetClipboardData" -> {
                calls.add("SetClipboardData " + args[0]);
                if (!clipboardOpen || clipboardOwner == 0 || clipboardRefuses) {
                    Native.setLastError(ERROR_CLIPBOARD_NOT_OPEN);
                    yield null;
                }
                clipboard = (HANDLE) args[1];
                yield clipboard;
            }
            case "GetClipboardData" -> clipboard;
            case "GlobalAlloc" -> {
                long size = ((SIZE_T) args[1]).longValue();
                Memory memory = new Memory(size);
                sizes.put(Pointer.nativeValue(memory), size);
                keep.add(memory);
                yield new HANDLE(memory);
            }
            case "GlobalLock" -> {
                if (lockFails) {
                    Native.setLastError(6);
                    yield null;
                }
                yield ((HANDLE) args[0]).getPointer();
            }
            case "GlobalUnlock" -> true;
            case "GlobalSize" -> new SIZE_T(sizes.get(Pointer.nativeValue(((HANDLE) args[0]).getPointer())));
            case "GlobalFree" -> {
                calls.add("GlobalFree");
                Native.setLastError(0);
                yield null;
            }
            case "GetCurrentThreadId" -> EXECUTOR_THREAD;
            case "GetCurrentProcessId" -> EXECUTOR_PID;
            case "ProcessIdToSessionId" -> {
                ((IntByReference) args[1]).setValue(session);
                yield true;
            }
            case "OpenProcess" -> new HANDLE(new Pointer((Integer) args[2]));
            case "CreateJobObject" -> {
                long job = 0x6000 + jobMembers.size();
                jobMembers.put(job, new ArrayList<>());
                yield new HANDLE(new Pointer(job));
            }
            case "AssignProcessToJobObject" -> {
                int pid = (int) id(args[1]);
                jobMembers.get(id(args[0])).add(pid);
                jobMembers.get(id(args[0])).addAll(children.getOrDefault(pid, List.of()));
                yield true;
            }
            case "TerminateJobObject" -> {
                calls.add("TerminateJobObject " + id(args[0]));
                terminated.addAll(jobMembers.get(id(args[0])));
                yield true;
            }
            case "CoInitializeEx" -> {
                calls.add("CoInitializeEx 0x" + Integer.toHexString((Integer) args[1]));
                comThreads.add(Thread.currentThread().getName());
                yield new HRESULT(0);
            }
            case "CoUninitialize" -> {
                calls.add("CoUninitialize");
                yield null;
            }
            case "QueryFullProcessImageName" -> {
                String exe = executables.getOrDefault((int) Pointer.nativeValue(((HANDLE) args[0]).getPointer()), "");
                char[] buffer = (char[]) args[2];
                exe.getChars(0, exe.length(), buffer, 0);
                ((IntByReference) args[3]).setValue(exe.length());
                yield !exe.isEmpty();
            }
            case "TerminateProcess" -> {
                terminated.add((int) Pointer.nativeValue(((HANDLE) args[0]).getPointer()));
                yield true;
            }
            case "CloseHandle" -> {
                calls.add("CloseHandle " + Pointer.nativeValue(((HANDLE) args[0]).getPointer()));
                yield true;
            }
            case "GetProcessId" -> (int) Pointer.nativeValue(((HANDLE) args[0]).getPointer());
            case "ShellExecuteEx" -> {
                ShellAPI.SHELLEXECUTEINFO info = (ShellAPI.SHELLEXECUTEINFO) args[0];
                if (!comThreads.contains(Thread.currentThread().getName())) {
                    Native.setLastError(0x800401F0);
                    yield false;
                }
                executed.add(info);
                info.hInstApp = new WinDef.HINSTANCE();
                info.hInstApp.setPointer(new Pointer(42));
                boolean url = info.lpFile.startsWith("https:");
                if ((info.fMask & 0x40) != 0 && (!url || urlStartsProcess)) {
                    info.hProcess = new HANDLE(new Pointer(url ? 5151 : 4242));
                }
                yield true;
            }
            default -> gdi(name, args);
        };
    }

    /** The screen-capture part of Win32: monitors, DPI, device contexts, bitmaps. */
    private Object gdi(String name, Object[] args) {
        return switch (name) {
            case "EnumDisplayMonitors" -> {
                for (int i = 0; i < monitors.size(); i++) {
                    ((WinUser.MONITORENUMPROC) args[2])
                            .apply(new WinUser.HMONITOR(new Pointer(i + 1)), null, null, (WinDef.LPARAM) args[3]);
                }
                yield new WinDef.BOOL(true);
            }
            case "GetMonitorInfo" -> {
                int index = (int) Pointer.nativeValue(((WinUser.HMONITOR) args[0]).getPointer()) - 1;
                WinUser.MONITORINFO info = (WinUser.MONITORINFO) args[1];
                ScreenBounds m = monitors.get(index);
                info.rcMonitor.left = m.x();
                info.rcMonitor.top = m.y();
                info.rcMonitor.right = m.x() + m.width();
                info.rcMonitor.bottom = m.y() + m.height();
                info.dwFlags = index == primaryMonitor ? 1 : 0;
                yield new WinDef.BOOL(true);
            }
            case "MonitorFromRect" -> new WinUser.HMONITOR(new Pointer(1));
            case "GetDpiForMonitor" -> {
                ((IntByReference) args[2]).setValue(monitorDpi);
                ((IntByReference) args[3]).setValue(monitorDpi);
                yield 0;
            }
            case "GetDpiForSystem" -> systemDpi;
            case "GetThreadDpiAwarenessContext" -> new HANDLE(new Pointer(threadContext()));
            case "SetProcessDpiAwarenessContext" -> {
                calls.add("SetProcessDpiAwarenessContext " + id(args[0]));
                if (dpiAwarenessFixed) {
                    Native.setLastError(ERROR_ACCESS_DENIED);
                    yield false;
                }
                awareness = 2;
                perMonitorV2 = id(args[0]) == -4;
                yield true;
            }
            case "AreDpiAwarenessContextsEqual" -> id(args[0]) == id(args[1]);
            case "GetAwarenessFromDpiAwarenessContext" -> {
                long context = Pointer.nativeValue(((HANDLE) args[0]).getPointer());
                yield context == -1 ? 0 : context == -2 ? 1 : 2;
            }
            case "SetThreadDpiAwarenessContext" -> {
                long previous = threadContext();
                threadContext = Pointer.nativeValue(((HANDLE) args[0]).getPointer());
                calls.add("SetThreadDpiAwarenessContext " + threadContext);
                yield new HANDLE(new Pointer(previous));
            }
            case "GetDC" -> new WinDef.HDC(new Pointer(created(0x5C)));
            case "ReleaseDC" -> released(args[1]) ? 1 : 0;
            case "CreateCompatibleDC" -> new WinDef.HDC(new Pointer(created(nextHandle++)));
            case "CreateCompatibleBitmap" -> {
                long id = created(nextHandle++);
                int width = (Integer) args[1];
                int height = (Integer) args[2];
                bitmaps.put(id, new int[width * height]);
                bitmapSizes.put(id, new int[] {width, height});
                yield new WinDef.HBITMAP(new Pointer(id));
            }
            case "SelectObject" -> {
                long dc = Pointer.nativeValue(((HANDLE) args[0]).getPointer());
                Long previous = selected.put(dc, Pointer.nativeValue(((HANDLE) args[1]).getPointer()));
                yield new HANDLE(new Pointer(previous == null ? 0xDEF : previous));
            }
            case "BitBlt" -> {
                int width = (Integer) args[3];
                int height = (Integer) args[4];
                int fromX = (Integer) args[6];
                int fromY = (Integer) args[7];
                calls.add("BitBlt " + fromX + " " + fromY + " " + width + "x" + height + " 0x"
                        + Integer.toHexString((Integer) args[8]));
                int[] target = selectedBitmap(args[0]);
                int stride = bitmapSizes.get(selected.get(id(args[0])))[0];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        target[y * stride + x] = screenPixel.applyAsInt(fromX + x, fromY + y);
                    }
                }
                yield true;
            }
            case "PrintWindow" -> {
                Window window = windows.get(id(args[0]));
                calls.add("PrintWindow " + id(args[0]) + " " + args[2]);
                java.util.Arrays.fill(selectedBitmap(args[1]), window.colour);
                yield true;
            }
            case "GetDIBits" -> {
                long bitmap = id(args[1]);
                WinGDI.BITMAPINFO info = (WinGDI.BITMAPINFO) args[5];
                int[] size = bitmapSizes.get(bitmap);
                if (info.bmiHeader.biBitCount != 32
                        || info.bmiHeader.biHeight != -size[1]
                        || info.bmiHeader.biWidth != size[0]) {
                    throw new AssertionError(
                            "GetDIBits asked for something other than top-down 32-bit rows of the bitmap");
                }
                int[] pixels = bitmaps.get(bitmap);
                Pointer target = (Pointer) args[4];
                for (int i = 0; i < pixels.length; i++) {
                    target.setInt(i * 4L, pixels[i] | 0xFF000000);
                }
                yield (Integer) args[3];
            }
            case "DeleteObject", "DeleteDC" -> released(args[0]);
            default ->
                throw new AssertionError("The Windows backend called " + name + ", which the fake does not offer");
        };
    }

    private long threadContext() {
        return threadContext != -3 ? threadContext : perMonitorV2 ? -4 : -1 - awareness;
    }

    /**
     * {@code TokenIntegrityLevel}: a {@code TOKEN_MANDATORY_LABEL} (the SID's address, then its
     * attributes) followed by the label SID (revision 1, one sub-authority: the level); too small a
     * buffer fails with {@code ERROR_INSUFFICIENT_BUFFER} and the size needed.
     */
    private boolean tokenIntegrity(long pid, Pointer buffer, int length, IntByReference returned) {
        int needed = 16 + 12;
        returned.setValue(needed);
        if (buffer == null || length < needed) {
            Native.setLastError(ERROR_INSUFFICIENT_BUFFER);
            return false;
        }
        Pointer sid = buffer.share(16);
        buffer.setPointer(0, sid);
        buffer.setInt(8, 0x20);
        sid.setByte(0, (byte) 1);
        sid.setByte(1, (byte) 1);
        sid.write(2, new byte[] {0, 0, 0, 0, 0, 16}, 0, 6);
        sid.setInt(8, integrity.getOrDefault((int) pid, MEDIUM));
        return true;
    }

    private long created(long id) {
        liveGdiObjects.add(id);
        return id;
    }

    private boolean released(Object handle) {
        return liveGdiObjects.remove(id(handle));
    }

    private int[] selectedBitmap(Object dc) {
        Long bitmap = selected.get(id(dc));
        if (bitmap == null || !bitmaps.containsKey(bitmap)) {
            throw new AssertionError("Drawing into a device context with no bitmap selected");
        }
        return bitmaps.get(bitmap);
    }

    private final List<Memory> keep = new ArrayList<>();

    private int metric(int index) {
        return switch (index) {
            case 76 -> virtualScreen.x();
            case 77 -> virtualScreen.y();
            case 78 -> virtualScreen.width();
            case 79 -> virtualScreen.height();
            default -> throw new AssertionError("Unexpected metric " + index);
        };
    }

    private boolean onMonitor(WinDef.POINT point) {
        return monitors.stream().anyMatch(m -> m.contains(point.x, point.y));
    }

    private DWORD sendInput(WinUser.INPUT[] inputs) {
        List<Sent> recorded = new ArrayList<>();
        for (WinUser.INPUT input : inputs) {
            int type = input.type.intValue();
            if (type == WinUser.INPUT.INPUT_KEYBOARD) {
                WinUser.KEYBDINPUT ki = input.input.ki;
                recorded.add(new Sent(type, ki.wVk.intValue(), ki.wScan.intValue(), ki.dwFlags.intValue(), 0, 0));
            } else {
                WinUser.MOUSEINPUT mi = input.input.mi;
                recorded.add(new Sent(type, 0, 0, mi.dwFlags.intValue(), mi.dx.intValue(), mi.dy.intValue()));
            }
        }
        sendInputCalls.add(recorded);
        int accepted = Math.min(acceptInputs, inputs.length);
        Window target = windows.get(foreground);
        if (target == null
                || integrity.getOrDefault(target.pid, MEDIUM) <= integrity.getOrDefault(EXECUTOR_PID, MEDIUM)) {
            delivered.addAll(recorded.subList(0, accepted));
        }
        return new DWORD(accepted);
    }

    private int windowText(long hwnd, char[] buffer) {
        String title = windows.get(hwnd).title;
        title.getChars(0, title.length(), buffer, 0);
        return title.length();
    }

    private HWND windowAt(WinDef.POINT point) {
        return windows.entrySet().stream()
                .filter(e -> point.x >= e.getValue().rect.left
                        && point.x < e.getValue().rect.right
                        && point.y >= e.getValue().rect.top
                        && point.y < e.getValue().rect.bottom)
                .map(e -> hwnd(e.getKey()))
                .findFirst()
                .orElse(null);
    }

    static HWND hwnd(long id) {
        return new HWND(new Pointer(id));
    }

    private static long id(Object handle) {
        return Pointer.nativeValue(((com.sun.jna.PointerType) handle).getPointer());
    }
}
