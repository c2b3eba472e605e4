package dev.handrail.policy.blocked;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.key.KeyNames;
import dev.handrail.contracts.key.NamedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HotkeyGuardTest {

    private static final List<String> DEFAULT_SYSTEM_KEYS = List.of("alt+f4");

    static Stream<Object> blocked() {
        return Stream.of(
                "alt+f4",
                "Alt+F4",
                "F4+ALT",
                "option+f4",
                "lalt+f4",
                "alt-f4",
                "alt f4",
                List.of("alt", "f4"),
                "win+l",
                "Win+L",
                "super+l",
                "meta+l",
                "lwin+l",
                "windows+l",
                "cmd+l",
                List.of("WIN", "l"),
                "ctrl+alt+del",
                "Ctrl+Alt+Delete",
                "control+alt+delete",
                "alt+ctrl+del",
                "del+alt+ctrl",
                "ctrl-alt-del",
                "rctrl+lalt+delete",
                List.of("ctrl", "alt", "del"),
                "ctrl+alt+shift+del",
                "win+shift+l",
                "logo+l",
                "Logo+L",
                List.of("logo", "l"),
                "opt+f4",
                "OPT+F4",
                "super+L",
                "os+l",
                "start+l",
                "ctl+opt+del",
                "lcontrol+ralt+delete");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocked")
    void blocksSystemKeysHoweverTheyAreSpelled(Object keys) {
        assertThat(HotkeyGuard.check(keys, DEFAULT_SYSTEM_KEYS))
                .hasValueSatisfying(b -> assertThat(b.reason()).isEqualTo("blocked_hotkey"));
    }

    static Stream<Object> allowed() {
        return Stream.of(
                "ctrl+c",
                "ctrl+v",
                "alt+tab",
                "win+d",
                "ctrl+alt+t",
                "f4",
                "alt",
                "l",
                "ctrl+l",
                List.of("ctrl", "shift", "esc"),
                "",
                List.of());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("allowed")
    void letsOrdinaryHotkeysThrough(Object keys) {
        assertThat(HotkeyGuard.check(keys, DEFAULT_SYSTEM_KEYS)).isEmpty();
    }

    static Stream<Arguments> configured() {
        return Stream.of(
                Arguments.of("alt+f4", List.of(), false),
                Arguments.of("win+l", List.of(), true),
                Arguments.of("ctrl+alt+del", List.of(), true),
                Arguments.of("ctrl+shift+esc", List.of("ctrl+shift+esc"), true),
                Arguments.of("ctrl+shift+escape", List.of("ctrl+shift+esc"), true));
    }

    @ParameterizedTest(name = "{0} with system keys {1}")
    @MethodSource("configured")
    void takesTheSystemKeysFromThePolicyButNeverUnblocksWinLOrCtrlAltDel(
            String keys, List<String> systemKeys, boolean blocked) {
        assertThat(HotkeyGuard.check(keys, systemKeys).isPresent()).isEqualTo(blocked);
    }

    @Test
    void namesKeysOneWay() {
        assertThat(HotkeyGuard.normalise("Control+Alt+Delete")).containsExactly("alt", "ctrl", "delete");
        assertThat(HotkeyGuard.normalise(List.of("Super", "L"))).containsExactly("l", "super");
        assertThat(HotkeyGuard.normalise("ctrl++")).containsExactly("+", "ctrl");
        assertThat(HotkeyGuard.normalise("ctrl+Plus")).containsExactly("+", "ctrl");
    }

    /** Every spelling the executor accepts (it presses from the same table) names, for the guard, the key it presses. */
    @Test
    void knowsEveryKeyNameTheExecutorAccepts() {
        NamedKey.allSpellings().forEach((spelling, key) -> {
            assertThat(HotkeyGuard.normalise(spelling)).as(spelling).containsExactly(key.canonical());
            assertThat(HotkeyGuard.normalise(spelling.toUpperCase(Locale.ROOT)))
                    .as(spelling)
                    .containsExactly(key.canonical());
        });
        KeyNames.CHARACTER_NAMES.forEach((name, codePoint) ->
                assertThat(HotkeyGuard.normalise(List.of(name))).containsExactly(Character.toString(codePoint)));
    }

    /** Swapping any key of a blocked combination for another spelling of it keeps the combination blocked. */
    @Test
    void blocksEverySpellingOfABlockedCombination() {
        List<String> combos = new ArrayList<>(HotkeyGuard.ALWAYS_BLOCKED);
        combos.addAll(DEFAULT_SYSTEM_KEYS);
        for (String combo : combos) {
            for (String key : HotkeyGuard.normalise(combo)) {
                NamedKey.allSpellings().entrySet().stream()
                        .filter(e -> e.getValue().canonical().equals(key))
                        .map(e -> HotkeyGuard.normalise(combo).stream()
                                .map(k -> k.equals(key) ? e.getKey() : k)
                                .toList())
                        .forEach(spelled -> assertThat(HotkeyGuard.check(spelled, DEFAULT_SYSTEM_KEYS))
                                .as("%s", spelled)
                                .isPresent());
            }
        }
    }
}
