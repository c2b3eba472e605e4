package dev.handrail.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.capability.Arguments;
import dev.handrail.contracts.capability.Arguments.InvalidArgumentsException;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final Capability CLICK =
            CapabilityCatalogue.find("mouse.click").orElseThrow();

    @Test
    void anAbsentOptionalParameterReadsAsItsDeclaredDefault() {
        Arguments args = Arguments.read(CLICK, Map.of("x", 10, "y", 20));

        assertThat(args.whole("x")).isEqualTo(10);
        assertThat(args.choice("button")).isEqualTo("left");
        assertThat(args.whole("clicks")).isEqualTo(1);
    }

    @Test
    void aChoiceIsReadInLowerCase() {
        assertThat(Arguments.read(CLICK, Map.of("x", 1, "y", 1, "button", "RIGHT"))
                        .choice("button"))
                .isEqualTo("right");
    }

    @Test
    void boundsComeFromTheCatalogue() {
        assertThatThrownBy(() ->
                        Arguments.read(CLICK, Map.of("x", 1, "y", 1, "clicks", CapabilityCatalogue.MAX_CLICKS + 1)))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessage("Parameter clicks must be between 1 and 3, not 4");
    }

    @Test
    void aMissingRequiredParameterIsNamed() {
        assertThatThrownBy(() -> Arguments.read(CLICK, Map.of("x", 1)))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessage("Missing required parameter: y");
    }

    @Test
    void aMisspelledParameterIsRefusedAndTheRightNamesAreListed() {
        assertThatThrownBy(() -> Arguments.read(CLICK, Map.of("x", 1, "y", 1, "click", 2)))
                .isInstanceOf(InvalidArgumentsException.class)
                .hasMessage("Parameter click is not one mouse.click takes; it takes x, y, button, clicks");
    }

    @Test
    void oneTextReadsAsAListOfOne() {
        Capability hotkey = CapabilityCatalogue.find("keyboard.hotkey").orElseThrow();

        assertThat(Arguments.read(hotkey, Map.of("keys", "ctrl+s")).texts("keys"))
                .containsExactly("ctrl+s");
        assertThat(Arguments.read(hotkey, Map.of("keys", List.of("ctrl", "s"))).texts("keys"))
                .containsExactly("ctrl", "s");
    }
}
