package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.POINT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;

/** The user32 functions jna-platform's {@code User32} does not declare: the clipboard, and two window queries. */
public interface User32Extra extends StdCallLibrary {

    int CF_UNICODETEXT = 13;

    boolean OpenClipboard(HWND newOwner);

    boolean CloseClipboard();

    boolean EmptyClipboard();

    HANDLE SetClipboardData(int format, HANDLE memory);

    HANDLE GetClipboardData(int format);

    boolean IsIconic(HWND window);

    HWND WindowFromPoint(POINT.ByValue point);
}
