package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The DPI-awareness functions of user32 (Windows 10 1703 and newer) that jna-platform does not
 * declare; a {@code DPI_AWARENESS_CONTEXT} is a pseudo-handle, compared only through
 * {@code AreDpiAwarenessContextsEqual}.
 */
public interface User32Dpi extends StdCallLibrary {

    /** {@code DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2}. */
    long PER_MONITOR_AWARE_V2 = -4;

    int DPI_UNAWARE = 0;
    int DPI_SYSTEM_AWARE = 1;

    boolean SetProcessDpiAwarenessContext(HANDLE context);

    HANDLE GetThreadDpiAwarenessContext();

    HANDLE SetThreadDpiAwarenessContext(HANDLE context);

    boolean AreDpiAwarenessContextsEqual(HANDLE first, HANDLE second);

    int GetAwarenessFromDpiAwarenessContext(HANDLE context);

    int GetDpiForSystem();
}
