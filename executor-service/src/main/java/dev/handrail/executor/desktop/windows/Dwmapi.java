package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * dwmapi's {@code DwmGetWindowAttribute}, asked whether a window is cloaked: present but not
 * shown (on another virtual desktop, a suspended UWP frame).
 */
public interface Dwmapi extends StdCallLibrary {

    int DWMWA_CLOAKED = 14;

    /** Answers {@code S_OK} (0) on success. */
    int DwmGetWindowAttribute(HWND window, int attribute, IntByReference value, int size);
}
