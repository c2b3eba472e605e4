package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.WinUser.HMONITOR;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/** shcore's {@code GetDpiForMonitor} (Windows 8.1 and newer): the DPI a monitor is scaled to. */
public interface Shcore extends StdCallLibrary {

    int MDT_EFFECTIVE_DPI = 0;

    /** Answers {@code S_OK} (0) on success. */
    int GetDpiForMonitor(HMONITOR monitor, int dpiType, IntByReference dpiX, IntByReference dpiY);
}
