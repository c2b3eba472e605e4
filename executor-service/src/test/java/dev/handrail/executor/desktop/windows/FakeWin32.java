package dev.handrail.executor.desktop.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.GDI32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Shell32;
import com.sun.jna.platform.win32.ShellAPI;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinGDI;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import dev.handrail.contracts.message.ScreenBounds;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * Win32 as the Windows backend sees it, in memory: the jna-platform interfaces and the extra
 * ones implemented by proxies that answer the functions the backend calls and record what it
 * sent ({@code INPUT} structures, shell executions, window messages). A function the backend
 * should not call fails the test. Nothing here loads a Windows DLL. GDI draws from a fake screen
 * (a colour per physical pixel) into fake bitmaps, and {@code PrintWindow} paints a window's own
 * colour, so a capture can be checked pixel by pixel.
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

    ScreenBounds virtualScreen = new ScreenBounds(0, 0, 1920, 1080);
    List<ScreenBounds> monitors = new ArrayList<>(List.of(new ScreenBounds(0, 0, 1920, 1080)));
    final Map<Long, Window> windows = new LinkedHashMap<>();
    final Map<Integer, String> executables = new HashMap<>();
    final List<List<Sent>> sendInputCalls = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final List<ShellAPI.SHELLEXECUTEINFO> executed = new ArrayList<>();
    final List<Integer> terminated = new ArrayList<>();
    int session = 1;
    int acceptInputs = Integer.MAX_VALUE;
    long foreground;
    boolean foregroundNeedsAttachedInput;
    /** Focus-stealing prevention that nothing gets past. */
    boolean foregroundLocked;

    boolean attached;
    HANDLE clipboard;
    boolean clipboardOpen;
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
                proxy(Shcore.class));
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
            case "GetKeyboardLayout" -> null;
            case "VkKeyScanExW" -> (short) ((Character) args[0] == '-' ? 0xBD : -1);
            case "OpenClipboard" -> {
                clipboardOpen = true;
                yield true;
            }
            case "CloseClipboard" -> {
                clipboardOpen = false;
                yield true;
            }
            case "EmptyClipboard" -> {
                clipboard = null;
                yield true;
            }
            case "SetClipboardData" -> {
                calls.add("SetClipboardData " + args[0]);
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
            case "GlobalLock" -> ((HANDLE) args[0]).getPointer();
            case "GlobalUnlock" -> true;
            case "GlobalSize" -> new SIZE_T(sizes.get(Pointer.nativeValue(((HANDLE) args[0]).getPointer())));
            case "GlobalFree" -> null;
            case "GetCurrentThreadId" -> EXECUTOR_THREAD;
            case "GetCurrentProcessId" -> 1000;
            case "ProcessIdToSessionId" -> {
                ((IntByReference) args[1]).setValue(session);
                yield true;
            }
            case "OpenProcess" -> new HANDLE(new Pointer((Integer) args[2]));
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
                executed.add(info);
                if ((info.fMask & 0x40) != 0) {
                    info.hProcess = new HANDLE(new Pointer(4242));
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
            case "GetThreadDpiAwarenessContext" ->
                new HANDLE(new Pointer(threadContext == -3 ? -1 - awareness : threadContext));
            case "GetAwarenessFromDpiAwarenessContext" -> {
                long context = Pointer.nativeValue(((HANDLE) args[0]).getPointer());
                yield context == -1 ? 0 : context == -2 ? 1 : 2;
            }
            case "SetThreadDpiAwarenessContext" -> {
                long previous = threadContext == -3 ? -1 - awareness : threadContext;
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
        return new DWORD(Math.min(acceptInputs, inputs.length));
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
