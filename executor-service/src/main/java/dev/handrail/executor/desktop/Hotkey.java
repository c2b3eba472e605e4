package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.key.KeyNames;
import dev.handrail.contracts.key.NamedKey;
import dev.handrail.executor.capability.RefusedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads the {@code keys} of {@code keyboard.hotkey}: either one string joined with {@code +}
 * ({@code "ctrl+shift+t"}, {@code "ctrl++"} or {@code "ctrl+plus"} for the plus key) or a list of
 * key names ({@code ["ctrl", "s"]}). Keys are pressed in order and released in reverse. Stateless.
 */
public final class Hotkey {

    /** Most keys in one hotkey. */
    public static final int MAX_KEYS = 6;

    private Hotkey() {}

    /** The keys, in the order they are pressed. */
    public static List<Key> parse(Object keys) {
        List<String> names = switch (keys) {
            case null -> throw new RefusedException(ErrorCode.INVALID_PARAMS, "Parameter 'keys' is required");
            case String joined -> split(joined);
            case List<?> list
            when list.stream().allMatch(String.class::isInstance) ->
                list.stream().map(String.class::cast).toList();
            default ->
                throw new RefusedException(
                        ErrorCode.INVALID_PARAMS,
                        "Parameter 'keys' must be a string like \"ctrl+s\" or a list of key names");
        };
        if (names.isEmpty() || names.size() > MAX_KEYS) {
            throw new RefusedException(
                    ErrorCode.INVALID_PARAMS, "A hotkey has 1 to " + MAX_KEYS + " keys, not " + names.size());
        }
        List<Key> parsed = new ArrayList<>();
        for (String name : names) {
            parsed.add(key(name));
        }
        if (new LinkedHashSet<>(parsed).size() != parsed.size()) {
            throw new RefusedException(ErrorCode.INVALID_PARAMS, "A hotkey names the same key twice: " + names);
        }
        return List.copyOf(parsed);
    }

    private static List<String> split(String joined) {
        String text = joined.strip();
        boolean plusKey = text.equals("+") || text.endsWith("++");
        String rest = plusKey ? text.substring(0, Math.max(0, text.length() - 2)) : text;
        if (rest.startsWith("+") || rest.endsWith("+")) {
            throw new RefusedException(
                    ErrorCode.INVALID_PARAMS,
                    "The hotkey '" + joined + "' starts or ends with '+'; name the plus key 'plus'");
        }
        List<String> names = new ArrayList<>();
        if (!rest.isEmpty()) {
            for (String part : rest.split("\\+", -1)) {
                names.add(part.strip());
            }
        }
        if (plusKey) {
            names.add("+");
        }
        return names;
    }

    private static Key key(String name) {
        if (name.isBlank()) {
            throw new RefusedException(ErrorCode.INVALID_PARAMS, "A hotkey has an empty key name");
        }
        OptionalInt character = KeyNames.character(name);
        if (character.isPresent()) {
            return Key.of(character.getAsInt());
        }
        if (name.codePointCount(0, name.length()) == 1) {
            throw new RefusedException(
                    ErrorCode.UNKNOWN_KEY,
                    "Unknown key U+" + Integer.toHexString(name.codePointAt(0)) + "; name it (enter, tab, space)");
        }
        return NamedKey.find(name)
                .map(Key::of)
                .orElseThrow(() -> new RefusedException(ErrorCode.UNKNOWN_KEY, "Unknown key '" + name + "'"));
    }

    /** How a hotkey reads back, e.g. {@code ctrl+shift+t}. */
    public static String describe(List<Key> keys) {
        List<String> names = new ArrayList<>();
        for (Key key : keys) {
            names.add(
                    switch (key) {
                        case Key.Named named -> named.key().canonical();
                        case Key.Char c -> c.codePoint() == '+' ? "plus" : Character.toString(c.codePoint());
                    });
        }
        return String.join("+", names);
    }
}
