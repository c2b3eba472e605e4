package dev.handrail.contracts.key;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads one key name of a hotkey: a {@link NamedKey} by any of its spellings, {@code plus} or
 * {@code minus}, or a single printable character (letters in lower case: a hotkey names keys, not
 * the characters shift would make). The executor presses what this finds; policy compares it.
 * Stateless.
 */
public final class KeyNames {

    /** Keys named by a word because their character would be read as a separator. */
    public static final Map<String, Integer> CHARACTER_NAMES = Map.of("plus", (int) '+', "minus", (int) '-');

    private KeyNames() {}

    /** The code point of the character key a name stands for: one printable character, {@code plus} or {@code minus}. */
    public static OptionalInt character(String name) {
        String key = name.strip();
        if (key.codePointCount(0, key.length()) == 1) {
            int codePoint = key.codePointAt(0);
            return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                    ? OptionalInt.empty()
                    : OptionalInt.of(Character.toLowerCase(codePoint));
        }
        Integer named = CHARACTER_NAMES.get(key.toLowerCase(Locale.ROOT));
        return named == null ? OptionalInt.empty() : OptionalInt.of(named);
    }

    /**
     * The one spelling of the key a name stands for: a named key's {@link NamedKey#canonical()},
     * or the character itself ({@code Plus} → {@code +}, {@code L} → {@code l}); empty for a
     * name the executor would refuse.
     */
    public static Optional<String> canonical(String name) {
        OptionalInt character = character(name);
        if (character.isPresent()) {
            return Optional.of(Character.toString(character.getAsInt()));
        }
        return NamedKey.find(name).map(NamedKey::canonical);
    }
}
