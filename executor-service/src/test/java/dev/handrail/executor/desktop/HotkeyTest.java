package dev.handrail.executor.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.key.KeyNames;
import dev.handrail.contracts.key.NamedKey;
import dev.handrail.executor.capability.RefusedException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HotkeyTest {

    @Test
    void readsAJoinedStringOrAListOfNames() {
        List<Key> expected = List.of(Key.of(NamedKey.CTRL), Key.of(NamedKey.SHIFT), Key.of('t'));
        assertThat(Hotkey.parse("ctrl+shift+t")).isEqualTo(expected);
        assertThat(Hotkey.parse("Control + SHIFT + T")).isEqualTo(expected);
        assertThat(Hotkey.parse(List.of("ctrl", "shift", "T"))).isEqualTo(expected);
    }

    @Test
    void knowsAliasesFunctionKeysAndThePlusKey() {
        assertThat(Hotkey.parse("win+pgdn")).containsExactly(Key.of(NamedKey.SUPER), Key.of(NamedKey.PAGE_DOWN));
        assertThat(Hotkey.parse("alt+F12")).containsExactly(Key.of(NamedKey.ALT), Key.of(NamedKey.F12));
        assertThat(Hotkey.parse("ctrl++")).containsExactly(Key.of(NamedKey.CTRL), Key.of('+'));
        assertThat(Hotkey.parse("ctrl+plus")).containsExactly(Key.of(NamedKey.CTRL), Key.of('+'));
        assertThat(Hotkey.parse("escape")).containsExactly(Key.of(NamedKey.ESCAPE));
        assertThat(Hotkey.describe(Hotkey.parse("ctrl++"))).isEqualTo("ctrl+plus");
    }

    @Test
    void refusesUnknownKeysDuplicatesAndTooManyKeys() {
        assertThatThrownBy(() -> Hotkey.parse("ctrl+hyper"))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_KEY);
        assertThatThrownBy(() -> Hotkey.parse("ctrl+control+c"))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMS);
        assertThatThrownBy(() -> Hotkey.parse("a+b+c+d+e+f+g"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("1 to 6 keys");
        assertThatThrownBy(() -> Hotkey.parse(42))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMS);
        assertThatThrownBy(() -> Hotkey.parse("ctrl+\t")).isInstanceOf(RefusedException.class);
    }

    /** The executor accepts exactly the spellings of the shared key table, which policy's hotkey guard reads too. */
    @Test
    void pressesEverySpellingOfTheSharedKeyTable() {
        NamedKey.allSpellings().forEach((spelling, key) -> {
            assertThat(Hotkey.parse(spelling)).as(spelling).containsExactly(Key.of(key));
            assertThat(Hotkey.parse(spelling.toUpperCase(Locale.ROOT)))
                    .as(spelling)
                    .containsExactly(Key.of(key));
        });
        KeyNames.CHARACTER_NAMES.forEach(
                (name, codePoint) -> assertThat(Hotkey.parse(List.of(name))).containsExactly(Key.of(codePoint)));
        assertThat(Hotkey.parse("logo+l")).containsExactly(Key.of(NamedKey.SUPER), Key.of('l'));
        assertThat(Hotkey.parse("opt+f4")).containsExactly(Key.of(NamedKey.ALT), Key.of(NamedKey.F4));
    }
}
