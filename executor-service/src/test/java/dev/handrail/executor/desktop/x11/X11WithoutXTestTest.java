package dev.handrail.executor.desktop.x11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.InputPort;
import dev.handrail.executor.desktop.WindowPort;
import dev.handrail.executor.input.KeyboardHotkeyHandler;
import dev.handrail.executor.input.KeyboardTypeHandler;
import dev.handrail.executor.input.MouseClickHandler;
import dev.handrail.executor.program.ProgramResolver;
import dev.handrail.executor.window.WindowListHandler;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** An X server without the XTest extension: the backend has no input port, so only the input capabilities go. */
class X11WithoutXTestTest {

    @Test
    void providesNoInputPortSoTheInputCapabilitiesAreNotAdvertised() {
        Assumptions.assumeTrue(XServer.xvfb().isPresent(), "Xvfb is not installed: the X11 desktop tests are skipped");
        try (XServer server = XServer.startWithout("XTEST")) {
            Desktop desktop = X11Desktop.open(server.display(), "xdg-open", ProgramResolver.fromEnvironment());
            try {
                assertThat(desktop.backend()).isEqualTo("x11");
                assertThat(desktop.port(InputPort.class)).isEmpty();
                assertThat(desktop.port(WindowPort.class)).isPresent();

                KeyboardTypeHandler typing = new KeyboardTypeHandler(desktop);
                Availability availability = typing.availability();
                assertThat(availability.code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
                assertThat(availability.reason()).contains("XTest");
                CapabilityRegistry registry = new CapabilityRegistry(List.of(
                        typing,
                        new KeyboardHotkeyHandler(desktop),
                        new MouseClickHandler(desktop),
                        new WindowListHandler(desktop)));
                assertThat(registry.implementedIntents()).containsExactly(WindowListHandler.INTENT);
            } finally {
                desktop.close();
            }
        }
    }
}
