package dev.handrail.executor.desktop.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The advapi32 functions that read a process's integrity level: its access token, the token's
 * {@code TOKEN_MANDATORY_LABEL} into a caller's buffer, and the label SID's last sub-authority
 * (the integrity RID).
 */
public interface Advapi32Extra extends StdCallLibrary {

    int TOKEN_QUERY = 0x0008;
    /** {@code TOKEN_INFORMATION_CLASS.TokenIntegrityLevel}. */
    int TOKEN_INTEGRITY_LEVEL = 25;

    boolean OpenProcessToken(HANDLE process, int access, HANDLEByReference token);

    boolean GetTokenInformation(HANDLE token, int infoClass, Pointer info, int length, IntByReference returned);

    Pointer GetSidSubAuthorityCount(Pointer sid);

    Pointer GetSidSubAuthority(Pointer sid, int index);
}
