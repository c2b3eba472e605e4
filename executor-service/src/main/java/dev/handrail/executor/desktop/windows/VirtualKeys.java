package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HKL;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.key.NamedKey;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.Key;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Windows virtual-key codes for the keys of a hotkey, in the keyboard layout of the window that
 * receives them: a character that needs Shift, Ctrl or Alt on that layout ({@code VkKeyScanExW}'s
 * high byte) brings those keys along, and every key carries its scan code
 * ({@code MapVirtualKeyExW}), with the extended-key flag for keys behind an {@code E0} prefix.
 */
final class VirtualKeys {

    static final int VK_SHIFT = 0x10;
    static final int VK_CONTROL = 0x11;
    static final int VK_MENU = 0x12;
    /** {@code MAPVK_VK_TO_VSC_EX}: the scan code, with {@code 0xE0}/{@code 0xE1} in the high byte for extended keys. */
    static final int MAPVK_VK_TO_VSC_EX = 4;

    private static final Map<NamedKey, InputBuilder.VirtualKey> NAMED = new EnumMap<>(NamedKey.class);

    static {
        named(NamedKey.CTRL, VK_CONTROL, false);
        named(NamedKey.SHIFT, VK_SHIFT, false);
        named(NamedKey.ALT, VK_MENU, false);
        named(NamedKey.SUPER, 0x5B, true);
        named(NamedKey.ENTER, 0x0D, false);
        named(NamedKey.TAB, 0x09, false);
        named(NamedKey.ESCAPE, 0x1B, false);
        named(NamedKey.SPACE, 0x20, false);
        named(NamedKey.BACKSPACE, 0x08, false);
        named(NamedKey.DELETE, 0x2E, true);
        named(NamedKey.INSERT, 0x2D, true);
        named(NamedKey.HOME, 0x24, true);
        named(NamedKey.END, 0x23, true);
        named(NamedKey.PAGE_UP, 0x21, true);
        named(NamedKey.PAGE_DOWN, 0x22, true);
        named(NamedKey.LEFT, 0x25, true);
        named(NamedKey.UP, 0x26, true);
        named(NamedKey.RIGHT, 0x27, true);
        named(NamedKey.DOWN, 0x28, true);
        named(NamedKey.PRINT_SCREEN, 0x2C, true);
        named(NamedKey.CAPS_LOCK, 0x14, false);
        named(NamedKey.MENU, 0x5D, true);
        named(NamedKey.PAUSE, 0x13, false);
        NamedKey[] functions = {
            NamedKey.F1,
            NamedKey.F2,
            NamedKey.F3,
            NamedKey.F4,
            NamedKey.F5,
            NamedKey.F6,
            NamedKey.F7,
            NamedKey.F8,
            NamedKey.F9,
            NamedKey.F10,
            NamedKey.F11,
            NamedKey.F12,
            NamedKey.F13,
            NamedKey.F14,
            NamedKey.F15,
            NamedKey.F16,
            NamedKey.F17,
            NamedKey.F18,
            NamedKey.F19,
            NamedKey.F20,
            NamedKey.F21,
            NamedKey.F22,
            NamedKey.F23,
            NamedKey.F24
        };
        for (int i = 0; i < functions.length; i++) {
            named(functions[i], 0x70 + i, false);
        }
    }

    private VirtualKeys() {}

    private static void named(NamedKey key, int code, boolean extended) {
        NAMED.put(key, new InputBuilder.VirtualKey(code, 0, extended));
    }

    /**
     * The keys to press, in order, for a hotkey in this layout: each key preceded by the modifiers
     * its character needs, every virtual key once (the first time it is asked for), each with its
     * scan code.
     */
    static List<InputBuilder.VirtualKey> chord(List<Key> keys, User32 user32, HKL layout) {
        List<InputBuilder.VirtualKey> chord = new ArrayList<>();
        for (Key key : keys) {
            List<InputBuilder.VirtualKey> strokes = switch (key) {
                case Key.Named named -> List.of(NAMED.get(named.key()));
                case Key.Char c -> character(c.codePoint(), user32, layout);
            };
            for (InputBuilder.VirtualKey stroke : strokes) {
                if (chord.stream().noneMatch(k -> k.code() == stroke.code())) {
                    chord.add(scanned(stroke, user32, layout));
                }
            }
        }
        return chord;
    }

    /** One virtual key with its scan code in this layout; an {@code E0}/{@code E1} prefix makes it extended. */
    static InputBuilder.VirtualKey scanned(InputBuilder.VirtualKey key, User32 user32, HKL layout) {
        int scan = user32.MapVirtualKeyEx(key.code(), MAPVK_VK_TO_VSC_EX, layout);
        int prefix = (scan >> 8) & 0xff;
        return new InputBuilder.VirtualKey(key.code(), scan & 0xff, key.extended() || prefix == 0xE0 || prefix == 0xE1);
    }

    private static List<InputBuilder.VirtualKey> character(int codePoint, User32 user32, HKL layout) {
        if (codePoint >= 'a' && codePoint <= 'z') {
            return List.of(new InputBuilder.VirtualKey(Character.toUpperCase(codePoint), 0, false));
        }
        if (codePoint >= '0' && codePoint <= '9') {
            return List.of(new InputBuilder.VirtualKey(codePoint, 0, false));
        }
        if (Character.isBmpCodePoint(codePoint)) {
            short scan = user32.VkKeyScanExW((char) codePoint, layout);
            if (scan != -1) {
                List<InputBuilder.VirtualKey> strokes = new ArrayList<>();
                int shiftState = (scan >> 8) & 0xff;
                if ((shiftState & 1) != 0) {
                    strokes.add(NAMED.get(NamedKey.SHIFT));
                }
                if ((shiftState & 2) != 0) {
                    strokes.add(NAMED.get(NamedKey.CTRL));
                }
                if ((shiftState & 4) != 0) {
                    strokes.add(NAMED.get(NamedKey.ALT));
                }
                strokes.add(new InputBuilder.VirtualKey(scan & 0xff, 0, false));
                return strokes;
            }
        }
        throw new DesktopException(
                ErrorCode.UNKNOWN_KEY, "'" + Character.toString(codePoint) + "' is not a key on this keyboard layout");
    }
}
