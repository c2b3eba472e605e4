package dev.handrail.executor.desktop.windows;

import com.sun.jna.platform.win32.User32;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.key.NamedKey;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.Key;
import java.util.EnumMap;
import java.util.Map;

/** Windows virtual-key codes for the keys of a hotkey; navigation keys carry the extended-key flag. */
final class VirtualKeys {

    private static final Map<NamedKey, InputBuilder.VirtualKey> NAMED = new EnumMap<>(NamedKey.class);

    static {
        named(NamedKey.CTRL, 0x11, false);
        named(NamedKey.SHIFT, 0x10, false);
        named(NamedKey.ALT, 0x12, false);
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
        NAMED.put(key, new InputBuilder.VirtualKey(code, extended));
    }

    /** The virtual key of one key; letters and digits directly, other characters through the keyboard layout. */
    static InputBuilder.VirtualKey of(Key key, User32 user32) {
        return switch (key) {
            case Key.Named named -> NAMED.get(named.key());
            case Key.Char c -> character(c.codePoint(), user32);
        };
    }

    private static InputBuilder.VirtualKey character(int codePoint, User32 user32) {
        if (codePoint >= 'a' && codePoint <= 'z') {
            return new InputBuilder.VirtualKey(Character.toUpperCase(codePoint), false);
        }
        if (codePoint >= '0' && codePoint <= '9') {
            return new InputBuilder.VirtualKey(codePoint, false);
        }
        if (Character.isBmpCodePoint(codePoint)) {
            short scan = user32.VkKeyScanExW((char) codePoint, user32.GetKeyboardLayout(0));
            if (scan != -1) {
                return new InputBuilder.VirtualKey(scan & 0xff, false);
            }
        }
        throw new DesktopException(
                ErrorCode.UNKNOWN_KEY, "'" + Character.toString(codePoint) + "' is not a key on this keyboard layout");
    }
}
