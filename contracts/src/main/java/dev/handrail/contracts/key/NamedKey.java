package dev.handrail.contracts.key;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a hotkey may name that are not characters: modifiers, editing and navigation keys,
 * function keys, each with every spelling that stands for it. The one table of key names: the
 * executor presses what it finds here and policy's hotkey guard compares what it finds here, so a
 * spelling the executor accepts is never unknown to the guard.
 */
public enum NamedKey {
    CTRL(
            true,
            "control",
            "ctl",
            "lctrl",
            "rctrl",
            "leftctrl",
            "rightctrl",
            "lcontrol",
            "rcontrol",
            "leftcontrol",
            "rightcontrol"),
    SHIFT(true, "lshift", "rshift", "leftshift", "rightshift"),
    ALT(
            true,
            "option",
            "opt",
            "lalt",
            "ralt",
            "leftalt",
            "rightalt",
            "lmenu",
            "rmenu",
            "altgr",
            "leftoption",
            "rightoption"),
    SUPER(
            true,
            "win",
            "windows",
            "meta",
            "cmd",
            "command",
            "logo",
            "lwin",
            "rwin",
            "leftwin",
            "rightwin",
            "os",
            "start",
            "lsuper",
            "rsuper",
            "leftsuper",
            "rightsuper",
            "lmeta",
            "rmeta",
            "leftmeta",
            "rightmeta",
            "lcmd",
            "rcmd",
            "leftcommand",
            "rightcommand"),
    ENTER(false, "return"),
    TAB(false),
    ESCAPE(false, "esc"),
    SPACE(false, "spacebar"),
    BACKSPACE(false, "bksp"),
    DELETE(false, "del"),
    INSERT(false, "ins"),
    HOME(false),
    END(false),
    PAGE_UP(false, "pgup"),
    PAGE_DOWN(false, "pgdn"),
    LEFT(false, "arrowleft"),
    UP(false, "arrowup"),
    RIGHT(false, "arrowright"),
    DOWN(false, "arrowdown"),
    PRINT_SCREEN(false, "prtsc", "print"),
    CAPS_LOCK(false),
    MENU(false, "apps", "contextmenu"),
    PAUSE(false, "break"),
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
    F10,
    F11,
    F12,
    F13,
    F14,
    F15,
    F16,
    F17,
    F18,
    F19,
    F20,
    F21,
    F22,
    F23,
    F24;

    private static final Map<String, NamedKey> SPELLINGS = spellings();

    private final boolean modifier;
    private final List<String> aliases;

    NamedKey() {
        this(false);
    }

    NamedKey(boolean modifier, String... aliases) {
        this.modifier = modifier;
        this.aliases = List.of(aliases);
    }

    /** Whether the key modifies others (held while the rest of a hotkey is pressed). */
    public boolean modifier() {
        return modifier;
    }

    /** The key's one spelling in lower case ({@code ctrl}, {@code super}, {@code page_down}). */
    public String canonical() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The key a name stands for, case-insensitively, by its own name (with or without {@code _}) or an alias. */
    public static Optional<NamedKey> find(String name) {
        return Optional.ofNullable(SPELLINGS.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** Every spelling {@link #find} accepts, in lower case, with the key it stands for. */
    public static Map<String, NamedKey> allSpellings() {
        return SPELLINGS;
    }

    private static Map<String, NamedKey> spellings() {
        Map<String, NamedKey> all = new LinkedHashMap<>();
        for (NamedKey key : values()) {
            all.put(key.canonical(), key);
            all.put(key.canonical().replace("_", ""), key);
            for (String alias : key.aliases) {
                if (all.put(alias, key) != null) {
                    throw new IllegalStateException("The key name '" + alias + "' is given twice");
                }
            }
        }
        return Map.copyOf(all);
    }
}
