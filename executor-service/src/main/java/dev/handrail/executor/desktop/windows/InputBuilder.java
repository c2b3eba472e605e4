package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.LONG;
import com.sun.jna.platform.win32.WinDef.WORD;
import com.sun.jna.platform.win32.WinUser;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.MouseButton;
import java.util.List;

/**
 * Builds the {@code INPUT} structures {@code SendInput} takes: Unicode key strokes (one down/up
 * pair per UTF-16 unit, so characters outside the BMP arrive as their surrogate pair), virtual-key
 * strokes, and absolute mouse events normalised over the virtual screen. Stateless.
 */
final class InputBuilder {

    static final int KEYEVENTF_EXTENDEDKEY = 0x0001;
    static final int KEYEVENTF_KEYUP = 0x0002;
    static final int KEYEVENTF_UNICODE = 0x0004;
    static final int MOUSEEVENTF_MOVE = 0x0001;
    static final int MOUSEEVENTF_ABSOLUTE = 0x8000;
    static final int MOUSEEVENTF_VIRTUALDESK = 0x4000;
    /** Down and up flags of the left, middle and right buttons. */
    private static final int[][] BUTTON_FLAGS = {{0x0002, 0x0004}, {0x0020, 0x0040}, {0x0008, 0x0010}};
    /** The normalised coordinate space of absolute mouse input: 0 to 65535 across the virtual screen. */
    private static final long NORMALISED = 65536;

    /** One virtual-key stroke: the virtual key, its scan code in the receiving layout (0 unknown), and whether it is an extended key. */
    record VirtualKey(int code, int scan, boolean extended) {}

    private InputBuilder() {}

    /** A contiguous array of {@code count} inputs, as {@code SendInput} needs them. */
    static WinUser.INPUT[] array(int count) {
        return (WinUser.INPUT[]) new WinUser.INPUT().toArray(count);
    }

    /** Down and up for each UTF-16 unit of the text. */
    static WinUser.INPUT[] unicode(String units) {
        WinUser.INPUT[] inputs = array(units.length() * 2);
        for (int i = 0; i < units.length(); i++) {
            key(inputs[2 * i], 0, units.charAt(i), KEYEVENTF_UNICODE);
            key(inputs[2 * i + 1], 0, units.charAt(i), KEYEVENTF_UNICODE | KEYEVENTF_KEYUP);
        }
        return inputs;
    }

    /** The keys pressed in order, then released in reverse order. */
    static WinUser.INPUT[] chord(List<VirtualKey> keys) {
        WinUser.INPUT[] inputs = array(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            VirtualKey key = keys.get(i);
            key(inputs[i], key.code(), key.scan(), key.extended() ? KEYEVENTF_EXTENDEDKEY : 0);
            VirtualKey release = keys.get(keys.size() - 1 - i);
            key(
                    inputs[keys.size() + i],
                    release.code(),
                    release.scan(),
                    KEYEVENTF_KEYUP | (release.extended() ? KEYEVENTF_EXTENDEDKEY : 0));
        }
        return inputs;
    }

    /** A move to the point, then down and up of the button for each click. */
    static WinUser.INPUT[] click(ScreenBounds screen, int x, int y, MouseButton button, int clicks) {
        WinUser.INPUT[] inputs = array(1 + 2 * clicks);
        mouse(
                inputs[0],
                normalise(x - screen.x(), screen.width()),
                normalise(y - screen.y(), screen.height()),
                MOUSEEVENTF_MOVE | MOUSEEVENTF_ABSOLUTE | MOUSEEVENTF_VIRTUALDESK);
        int[] flags = BUTTON_FLAGS[button.ordinal()];
        for (int i = 0; i < clicks; i++) {
            mouse(inputs[1 + 2 * i], 0, 0, flags[0]);
            mouse(inputs[2 + 2 * i], 0, 0, flags[1]);
        }
        return inputs;
    }

    /**
     * The normalised coordinate of pixel {@code offset} of {@code size}: the middle of the
     * pixel's share of 0..65535, so Windows' mapping back (coordinate × size / 65536, rounded
     * down) lands on that very pixel.
     */
    static int normalise(int offset, int size) {
        long value = ((2L * offset + 1) * NORMALISED) / (2L * size);
        return (int) Math.max(0, Math.min(NORMALISED - 1, value));
    }

    private static void key(WinUser.INPUT input, int virtualKey, int scan, int flags) {
        input.type = new DWORD(WinUser.INPUT.INPUT_KEYBOARD);
        input.input.setType("ki");
        input.input.ki.wVk = new WORD(virtualKey);
        input.input.ki.wScan = new WORD(scan);
        input.input.ki.dwFlags = new DWORD(flags);
        input.input.ki.time = new DWORD(0);
        input.input.ki.dwExtraInfo = new ULONG_PTR(0);
    }

    private static void mouse(WinUser.INPUT input, int dx, int dy, int flags) {
        input.type = new DWORD(WinUser.INPUT.INPUT_MOUSE);
        input.input.setType("mi");
        input.input.mi.dx = new LONG(dx);
        input.input.mi.dy = new LONG(dy);
        input.input.mi.mouseData = new DWORD(0);
        input.input.mi.dwFlags = new DWORD(flags);
        input.input.mi.time = new DWORD(0);
        input.input.mi.dwExtraInfo = new ULONG_PTR(0);
    }
}
