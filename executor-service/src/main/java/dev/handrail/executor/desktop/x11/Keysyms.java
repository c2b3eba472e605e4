package dev.handrail.executor.desktop.x11;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.key.NamedKey;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.Key;
import java.util.EnumMap;
import java.util.Map;

/** X key symbols for characters and named keys (X11 {@code keysymdef.h}). Stateless. */
final class Keysyms {

    static final long SHIFT_L = 0xffe1;
    private static final long UNICODE_BASE = 0x0100_0000L;
    private static final Map<NamedKey, Long> NAMED = new EnumMap<>(NamedKey.class);

    static {
        NAMED.put(NamedKey.CTRL, 0xffe3L);
        NAMED.put(NamedKey.SHIFT, SHIFT_L);
        NAMED.put(NamedKey.ALT, 0xffe9L);
        NAMED.put(NamedKey.SUPER, 0xffebL);
        NAMED.put(NamedKey.ENTER, 0xff0dL);
        NAMED.put(NamedKey.TAB, 0xff09L);
        NAMED.put(NamedKey.ESCAPE, 0xff1bL);
        NAMED.put(NamedKey.SPACE, 0x20L);
        NAMED.put(NamedKey.BACKSPACE, 0xff08L);
        NAMED.put(NamedKey.DELETE, 0xffffL);
        NAMED.put(NamedKey.INSERT, 0xff63L);
        NAMED.put(NamedKey.HOME, 0xff50L);
        NAMED.put(NamedKey.END, 0xff57L);
        NAMED.put(NamedKey.PAGE_UP, 0xff55L);
        NAMED.put(NamedKey.PAGE_DOWN, 0xff56L);
        NAMED.put(NamedKey.LEFT, 0xff51L);
        NAMED.put(NamedKey.UP, 0xff52L);
        NAMED.put(NamedKey.RIGHT, 0xff53L);
        NAMED.put(NamedKey.DOWN, 0xff54L);
        NAMED.put(NamedKey.PRINT_SCREEN, 0xff61L);
        NAMED.put(NamedKey.CAPS_LOCK, 0xffe5L);
        NAMED.put(NamedKey.MENU, 0xff67L);
        NAMED.put(NamedKey.PAUSE, 0xff13L);
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
            NAMED.put(functions[i], 0xffbeL + i);
        }
    }

    private Keysyms() {}

    /** The key symbol that types a character: Latin-1 as itself, the rest in the Unicode range. */
    static long forCharacter(int codePoint) {
        return switch (codePoint) {
            case '\n', '\r' -> NAMED.get(NamedKey.ENTER);
            case '\t' -> NAMED.get(NamedKey.TAB);
            case '\b' -> NAMED.get(NamedKey.BACKSPACE);
            default -> {
                if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
                    throw new DesktopException(
                            ErrorCode.UNTYPABLE_CHARACTER,
                            "U+" + Integer.toHexString(codePoint) + " is a control character and cannot be typed");
                }
                yield (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)
                        ? codePoint
                        : UNICODE_BASE | codePoint;
            }
        };
    }

    /** The key symbol of one key of a hotkey. */
    static long forKey(Key key) {
        return switch (key) {
            case Key.Named named -> NAMED.get(named.key());
            case Key.Char c -> forCharacter(c.codePoint());
        };
    }
}
