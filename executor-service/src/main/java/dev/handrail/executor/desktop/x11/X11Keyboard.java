package dev.handrail.executor.desktop.x11;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.Key;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys through XTest. A character on the current keymap's first group is typed with its key
 * code (and Shift for the second level); any other character borrows a spare key code (one with
 * no symbols), remapped to it with {@code XChangeKeyboardMapping}. Each character keeps its own
 * spare while spares last, so a client still reading an earlier key press never sees the code
 * remapped under it; spares are handed back by {@link #restore()}, which the backend schedules a
 * moment after the last typing. X thread only.
 */
final class X11Keyboard {

    private static final NativeLong NO_DELAY = new NativeLong(0);

    private final X11Connection c;
    private final int minKeycode;
    private final int maxKeycode;
    /** Borrowed spare key codes by the key symbol they carry now, least recently used first. */
    private final LinkedHashMap<Long, Integer> borrowed = new LinkedHashMap<>(16, 0.75f, true);

    X11Keyboard(X11Connection c) {
        this.c = c;
        IntByReference min = new IntByReference();
        IntByReference max = new IntByReference();
        c.x.XDisplayKeycodes(c.display, min, max);
        this.minKeycode = min.getValue();
        this.maxKeycode = max.getValue();
    }

    /** Types text; each character is pressed and released with the modifiers its level needs. */
    void type(String text) {
        Keymap keymap = keymap();
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint == '\r' && i < text.length() && text.charAt(i) == '\n') {
                continue;
            }
            Stroke stroke = stroke(keymap, Keysyms.forCharacter(codePoint));
            if (stroke.shift()) {
                key(keymap.shiftKeycode(), true);
            }
            key(stroke.keycode(), true);
            key(stroke.keycode(), false);
            if (stroke.shift()) {
                key(keymap.shiftKeycode(), false);
            }
        }
        finish("Typing");
    }

    /** Presses keys in order and releases them in reverse. */
    void press(List<Key> keys) {
        Keymap keymap = keymap();
        List<Integer> codes = new ArrayList<>();
        for (Key key : keys) {
            codes.add(stroke(keymap, Keysyms.forKey(key)).keycode());
        }
        for (int code : codes) {
            key(code, true);
        }
        for (int i = codes.size() - 1; i >= 0; i--) {
            key(codes.get(i), false);
        }
        finish("Pressing " + keys);
    }

    /** Gives every borrowed key code its empty mapping back. */
    void restore() {
        for (int code : borrowed.values()) {
            c.xlib.XChangeKeyboardMapping(c.display, code, 2, new long[] {0, 0}, 1);
        }
        borrowed.clear();
        c.sync();
    }

    private void key(int keycode, boolean down) {
        c.xtest.XTestFakeKeyEvent(c.display, keycode, down, NO_DELAY);
    }

    private void finish(String what) {
        c.sync().ifPresent(error -> {
            throw new DesktopException(ErrorCode.DESKTOP_ERROR, what + " failed: " + error);
        });
    }

    private Stroke stroke(Keymap keymap, long keysym) {
        Integer spare = borrowed.get(keysym);
        if (spare != null) {
            return new Stroke(spare, false);
        }
        for (int code = minKeycode; code <= maxKeycode; code++) {
            if (keymap.symbol(code, 0) == keysym) {
                return new Stroke(code, false);
            }
        }
        for (int code = minKeycode; code <= maxKeycode; code++) {
            if (keymap.symbol(code, 1) == keysym) {
                return new Stroke(code, true);
            }
        }
        return new Stroke(borrow(keymap, keysym), false);
    }

    /** Maps a spare key code to the symbol: an unused one, else the one borrowed longest ago. */
    private int borrow(Keymap keymap, long keysym) {
        int code = -1;
        for (int candidate = maxKeycode; candidate >= minKeycode && code < 0; candidate--) {
            if (keymap.empty(candidate) && !borrowed.containsValue(candidate)) {
                code = candidate;
            }
        }
        if (code < 0 && !borrowed.isEmpty()) {
            Map.Entry<Long, Integer> oldest = borrowed.entrySet().iterator().next();
            code = oldest.getValue();
            borrowed.remove(oldest.getKey());
            c.sync();
        }
        if (code < 0) {
            throw new DesktopException(
                    ErrorCode.UNTYPABLE_CHARACTER,
                    "Key symbol 0x" + Long.toHexString(keysym)
                            + " is not on the keyboard map and no spare key code is free to map it to");
        }
        c.xlib.XChangeKeyboardMapping(c.display, code, 2, new long[] {keysym, keysym}, 1);
        c.sync();
        borrowed.put(keysym, code);
        keymap.assign(code, keysym);
        return code;
    }

    private Keymap keymap() {
        int count = maxKeycode - minKeycode + 1;
        IntByReference perKeycode = new IntByReference();
        Pointer mapping = c.xlib.XGetKeyboardMapping(c.display, (byte) minKeycode, count, perKeycode);
        if (mapping == null) {
            throw new DesktopException(ErrorCode.DESKTOP_ERROR, "The keyboard mapping cannot be read");
        }
        try {
            Keymap keymap = new Keymap(
                    minKeycode, perKeycode.getValue(), mapping.getLongArray(0, count * perKeycode.getValue()));
            return keymap;
        } finally {
            c.x.XFree(mapping);
        }
    }

    private record Stroke(int keycode, boolean shift) {}

    /** A copy of the keyboard mapping: for each key code, its symbols by level. */
    private static final class Keymap {

        private final int min;
        private final int per;
        private final long[] symbols;

        Keymap(int min, int per, long[] symbols) {
            this.min = min;
            this.per = per;
            this.symbols = symbols;
        }

        long symbol(int code, int level) {
            return level < per ? symbols[(code - min) * per + level] : 0;
        }

        boolean empty(int code) {
            for (int level = 0; level < per; level++) {
                if (symbols[(code - min) * per + level] != 0) {
                    return false;
                }
            }
            return true;
        }

        void assign(int code, long keysym) {
            for (int level = 0; level < per; level++) {
                symbols[(code - min) * per + level] = level < 2 ? keysym : 0;
            }
        }

        int shiftKeycode() {
            for (int code = min; code < min + symbols.length / per; code++) {
                if (symbol(code, 0) == Keysyms.SHIFT_L) {
                    return code;
                }
            }
            throw new DesktopException(ErrorCode.DESKTOP_ERROR, "The keyboard map has no Shift_L key");
        }
    }
}
