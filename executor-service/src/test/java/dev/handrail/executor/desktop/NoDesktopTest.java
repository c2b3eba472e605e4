package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.input.KeyboardTypeHandler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoDesktopTest {

    final Desktop desktop = new NoDesktop("DISPLAY is not set");

    @Test
    void makesEveryDesktopFeatureUnavailableWithTheReason() {
        for (DesktopFeature feature : DesktopFeature.values()) {
            assertThat(desktop.availability(feature).available()).isFalse();
            assertThat(desktop.availability(feature).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
            assertThat(desktop.availability(feature).reason()).contains("DISPLAY is not set");
        }
        assertThat(new KeyboardTypeHandler(desktop).availability().available()).isFalse();
    }

    @Test
    void refusesEveryCallWithNoDesktopSession() {
        assertThatThrownBy(() -> new KeyboardTypeHandler(desktop).run(new Invocation("a", Map.of("text", "x"),
                Duration.ofSeconds(1))))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
    }
}
