package dev.handrail.policy.blocked;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds hotkeys that are never sent: {@code win+l} and {@code ctrl+alt+del} always, and the
 * system keys the policy file lists (by default {@code alt+f4}). Keys are compared as sets after
 * naming them one way ({@code Control} → {@code ctrl}, {@code Delete} → {@code del},
 * {@code Super}/{@code Meta}/{@code LWin} → {@code win} …); a combination that holds a blocked
 * one ({@code ctrl+shift+alt+del}) is blocked too. Pure.
 */
public final class HotkeyGuard {

    /** Combinations no policy file can unblock. */
    public static final List<String> ALWAYS_BLOCKED = List.of("win+l", "ctrl+alt+del");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("control", "ctrl"), Map.entry("ctl", "ctrl"), Map.entry("lctrl", "ctrl"), Map.entry("rctrl", "ctrl"),
            Map.entry("leftctrl", "ctrl"), Map.entry("rightctrl", "ctrl"), Map.entry("lcontrol", "ctrl"),
            Map.entry("rcontrol", "ctrl"), Map.entry("delete", "del"), Map.entry("windows", "win"), Map.entry("super", "win"),
            Map.entry("meta", "win"), Map.entry("cmd", "win"), Map.entry("command", "win"), Map.entry("lwin", "win"),
            Map.entry("rwin", "win"), Map.entry("os", "win"), Map.entry("start", "win"), Map.entry("option", "alt"),
            Map.entry("lalt", "alt"), Map.entry("ralt", "alt"), Map.entry("leftalt", "alt"), Map.entry("rightalt", "alt"),
            Map.entry("lmenu", "alt"), Map.entry("rmenu", "alt"), Map.entry("menu", "alt"), Map.entry("escape", "esc"),
            Map.entry("lshift", "shift"), Map.entry("rshift", "shift"), Map.entry("leftshift", "shift"),
            Map.entry("rightshift", "shift"));

    private HotkeyGuard() {
    }

    /** Why pressing {@code keys} (a string like {@code "ctrl+c"} or a list of key names) is blocked, if it is. */
    public static Optional<BlockedInput> check(Object keys, Collection<String> systemKeys) {
        Set<String> pressed = normalise(keys);
        if (pressed.isEmpty()) {
            return Optional.empty();
        }
        List<String> blocked = new ArrayList<>(ALWAYS_BLOCKED);
        blocked.addAll(systemKeys);
        return blocked.stream()
                .map(HotkeyGuard::normalise)
                .filter(combo -> !combo.isEmpty() && pressed.containsAll(combo))
                .findFirst()
                .map(combo -> new BlockedInput(BlockedInput.BLOCKED_HOTKEY,
                        "'" + String.join("+", pressed) + "' contains the blocked system keys " + String.join("+", combo)));
    }

    /** The key names of a hotkey, one spelling each, sorted; empty when {@code keys} names none. */
    public static Set<String> normalise(Object keys) {
        List<String> names = new ArrayList<>();
        if (keys instanceof String s) {
            names.addAll(split(s));
        } else if (keys instanceof Collection<?> list) {
            list.forEach(k -> names.addAll(split(String.valueOf(k))));
        }
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (!key.isEmpty()) {
                out.add(ALIASES.getOrDefault(key, key));
            }
        }
        return out;
    }

    private static List<String> split(String combo) {
        String separator = combo.contains("+") ? "\\+" : combo.trim().contains(" ") ? "\\s+" : combo.length() > 1 ? "-" : "\\+";
        return List.copyOf(new LinkedHashSet<>(List.of(combo.split(separator))));
    }
}
