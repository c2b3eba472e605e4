package dev.handrail.executor.desktop.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.GDI32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.Shell32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.Wtsapi32;
import com.sun.jna.win32.W32APIOptions;

/**
 * The Win32 libraries the Windows backend calls, injected so tests can hand in fakes that record
 * what would have been sent (nothing in the tests loads the real DLLs): jna-platform's
 * {@code User32}, {@code Kernel32}, {@code Shell32}, {@code GDI32}, {@code Ole32} and
 * {@code Wtsapi32}, and the functions they lack.
 */
public record WindowsApi(
        User32 user32,
        User32Extra user32Extra,
        Kernel32 kernel32,
        Kernel32Extra kernel32Extra,
        Shell32 shell32,
        GDI32 gdi32,
        User32Dpi user32Dpi,
        Shcore shcore,
        Advapi32Extra advapi32,
        Ole32 ole32,
        Wtsapi32 wtsapi32,
        Dwmapi dwmapi) {

    /** The real libraries of this Windows machine (Unicode entry points). */
    public static WindowsApi load() {
        return new WindowsApi(
                User32.INSTANCE,
                Native.load("user32", User32Extra.class, W32APIOptions.DEFAULT_OPTIONS),
                Kernel32.INSTANCE,
                Native.load("kernel32", Kernel32Extra.class, W32APIOptions.DEFAULT_OPTIONS),
                Shell32.INSTANCE,
                GDI32.INSTANCE,
                Native.load("user32", User32Dpi.class, W32APIOptions.DEFAULT_OPTIONS),
                Native.load("shcore", Shcore.class, W32APIOptions.DEFAULT_OPTIONS),
                Native.load("advapi32", Advapi32Extra.class, W32APIOptions.DEFAULT_OPTIONS),
                Ole32.INSTANCE,
                Wtsapi32.INSTANCE,
                Native.load("dwmapi", Dwmapi.class, W32APIOptions.DEFAULT_OPTIONS));
    }
}
