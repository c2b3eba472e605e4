package dev.handrail.executor.desktop;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The keys a hotkey may name that are not characters: modifiers, editing and navigation keys, function keys. */
public enum NamedKey {
    CTRL(true), SHIFT(true), ALT(true), SUPER(true),
    ENTER, TAB, ESCAPE, SPACE, BACKSPACE, DELETE, INSERT, HOME, END, PAGE_UP, PAGE_DOWN,
    LEFT, UP, RIGHT, DOWN, PRINT_SCREEN, CAPS_LOCK, MENU, PAUSE,
    F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
    F13, F14, F15, F16, F17, F18, F19, F20, F21, F22, F23, F24;

    private static final Map<String, NamedKey> ALIASES = Map.ofEntries(
            Map.entry("control", CTRL), Map.entry("ctl", CTRL),
            Map.entry("option", ALT), Map.entry("opt", ALT),
            Map.entry("win", SUPER), Map.entry("windows", SUPER), Map.entry("meta", SUPER), Map.entry("cmd", SUPER),
            Map.entry("command", SUPER), Map.entry("logo", SUPER),
            Map.entry("return", ENTER), Map.entry("esc", ESCAPE), Map.entry("spacebar", SPACE),
            Map.entry("bksp", BACKSPACE), Map.entry("del", DELETE), Map.entry("ins", INSERT),
            Map.entry("pageup", PAGE_UP), Map.entry("pgup", PAGE_UP), Map.entry("pagedown", PAGE_DOWN),
            Map.entry("pgdn", PAGE_DOWN), Map.entry("arrowleft", LEFT), Map.entry("arrowup", UP),
            Map.entry("arrowright", RIGHT), Map.entry("arrowdown", DOWN), Map.entry("printscreen", PRINT_SCREEN),
            Map.entry("prtsc", PRINT_SCREEN), Map.entry("print", PRINT_SCREEN), Map.entry("capslock", CAPS_LOCK),
            Map.entry("apps", MENU), Map.entry("contextmenu", MENU), Map.entry("break", PAUSE));

    private final boolean modifier;

    NamedKey() {
        this(false);
    }

    NamedKey(boolean modifier) {
        this.modifier = modifier;
    }

    /** Whether the key modifies others (held while the rest of a hotkey is pressed). */
    public boolean modifier() {
        return modifier;
    }

    /** The key a name stands for, case-insensitively, by its own name or an alias. */
    public static Optional<NamedKey> find(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        NamedKey alias = ALIASES.get(key);
        if (alias != null) {
            return Optional.of(alias);
        }
        for (NamedKey named : values()) {
            if (named.name().toLowerCase(Locale.ROOT).equals(key) || named.name().replace("_", "").toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(named);
            }
        }
        return Optional.empty();
    }
}
