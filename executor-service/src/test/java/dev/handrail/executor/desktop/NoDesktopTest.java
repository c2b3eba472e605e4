package dev.handrail.executor.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.input.KeyboardTypeHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoDesktopTest {

    static final List<Class<? extends DesktopPort>> PORTS = List.of(
            ScreenPort.class, WindowPort.class, InputPort.class, ClipboardPort.class, BrowserPort.class, AppPort.class);

    final Desktop desktop = new NoDesktop("DISPLAY is not set");

    @Test
    void providesNoPortAndSaysWhyForEach() {
        for (Class<? extends DesktopPort> port : PORTS) {
            assertThat(desktop.port(port)).isEmpty();
            assertThat(desktop.availability(port).available()).isFalse();
            assertThat(desktop.availability(port).code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
            assertThat(desktop.availability(port).reason()).contains("DISPLAY is not set");
        }
        assertThat(new KeyboardTypeHandler(desktop).availability().available()).isFalse();
    }

    @Test
    void refusesARunWithNoDesktopSession() {
        assertThatThrownBy(() -> new KeyboardTypeHandler(desktop)
                        .run(new Invocation("a", Map.of("text", "x"), Duration.ofSeconds(1))))
                .isInstanceOf(DesktopException.class)
                .hasMessageContaining("DISPLAY is not set")
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
    }
}
