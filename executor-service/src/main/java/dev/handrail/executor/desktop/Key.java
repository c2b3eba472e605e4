package dev.handrail.executor.desktop;

import dev.handrail.contracts.key.NamedKey;

/**
 * One key of a hotkey: a named key ({@link NamedKey}) or the key that produces a character
 * (letters as lower case: a hotkey names keys, not the characters shift would make).
 */
public sealed interface Key {

    /** A named key. */
    record Named(NamedKey key) implements Key {}

    /** The key of one character (a Unicode code point). */
    record Char(int codePoint) implements Key {}

    static Key of(NamedKey key) {
        return new Named(key);
    }

    static Key of(int codePoint) {
        return new Char(codePoint);
    }
}
