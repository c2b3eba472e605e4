package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.POINT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The user32 functions jna-platform's {@code User32} does not declare: the clipboard, two window
 * queries, letting a launched process take the foreground, and opening the input desktop.
 */
public interface User32Extra extends StdCallLibrary {

    int CF_UNICODETEXT = 13;
    int DESKTOP_SWITCHDESKTOP = 0x0100;

    boolean OpenClipboard(HWND newOwner);

    boolean CloseClipboard();

    boolean EmptyClipboard();

    HANDLE SetClipboardData(int format, HANDLE memory);

    HANDLE GetClipboardData(int format);

    boolean IsIconic(HWND window);

    HWND WindowFromPoint(POINT.ByValue point);

    boolean AllowSetForegroundWindow(int pid);

    HANDLE OpenInputDesktop(int flags, boolean inherit, int access);

    boolean CloseDesktop(HANDLE desktop);
}
