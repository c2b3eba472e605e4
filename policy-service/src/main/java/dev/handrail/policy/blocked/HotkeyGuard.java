package dev.handrail.policy.blocked;

import dev.handrail.contracts.key.KeyNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds hotkeys that are never sent: {@code win+l} and {@code ctrl+alt+del} always, and the
 * system keys the policy file lists (by default {@code alt+f4}). Keys are compared as sets after
 * naming them one way by the key table the executor presses from ({@link KeyNames}:
 * {@code Control} → {@code ctrl}, {@code del} → {@code delete}, {@code win}/{@code logo}/{@code meta}
 * → {@code super}, {@code opt} → {@code alt} …); a combination that holds a blocked one
 * ({@code ctrl+shift+alt+del}) is blocked too. Pure.
 */
public final class HotkeyGuard {

    /** Combinations no policy file can unblock. */
    public static final List<String> ALWAYS_BLOCKED = List.of("win+l", "ctrl+alt+del");

    private HotkeyGuard() {}

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
                .map(combo -> new BlockedInput(
                        BlockedInput.BLOCKED_HOTKEY,
                        "'" + String.join("+", pressed) + "' contains the blocked system keys "
                                + String.join("+", combo)));
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
            String key = name.strip();
            if (!key.isEmpty()) {
                out.add(KeyNames.canonical(key).orElse(key.toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }

    /** The names in {@code combo} that name no key the executor knows (a typo in a policy file would never match). */
    public static List<String> unknownKeys(String combo) {
        return split(combo).stream()
                .map(String::strip)
                .filter(n -> !n.isEmpty() && KeyNames.canonical(n).isEmpty())
                .toList();
    }

    /**
     * The names in a joined hotkey, split as the executor splits it ({@code +}, with a trailing
     * {@code ++} for the plus key) and, for safety, also at {@code -} or spaces when there is no
     * {@code +}.
     */
    private static List<String> split(String combo) {
        String text = combo.strip();
        List<String> names = new ArrayList<>();
        if (text.contains("+")) {
            names.addAll(List.of(text.split("\\+")));
            if (text.endsWith("++") || text.equals("+")) {
                names.add("+");
            }
        } else {
            names.addAll(List.of(text.split(text.contains(" ") ? "\\s+" : text.length() > 1 ? "-" : "\\+")));
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }
}
