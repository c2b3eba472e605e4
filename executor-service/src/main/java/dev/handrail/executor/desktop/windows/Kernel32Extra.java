package dev.handrail.executor.desktop.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The kernel32 functions jna-platform's {@code Kernel32} does not declare: global memory (clipboard
 * data lives in such memory) and job objects (a launched program and every process it starts).
 */
public interface Kernel32Extra extends StdCallLibrary {

    int GMEM_MOVEABLE = 0x0002;

    HANDLE GlobalAlloc(int flags, SIZE_T bytes);

    Pointer GlobalLock(HANDLE memory);

    boolean GlobalUnlock(HANDLE memory);

    SIZE_T GlobalSize(HANDLE memory);

    HANDLE GlobalFree(HANDLE memory);

    HANDLE CreateJobObject(Pointer attributes, String name);

    boolean AssignProcessToJobObject(HANDLE job, HANDLE process);

    boolean TerminateJobObject(HANDLE job, int exitCode);
}
