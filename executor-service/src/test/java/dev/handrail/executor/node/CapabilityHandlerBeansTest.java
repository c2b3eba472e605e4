package dev.handrail.executor.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.executor.capability.Availability;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.desktop.ClipboardPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopPort;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The executor finds its capability handlers as beans rather than from a list: every catalogue
 * capability has one, and a backend that lacks a port (here one that has only a clipboard) leaves
 * the handlers needing that port unavailable, so the node does not advertise them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapabilityHandlerBeansTest implements TestPropertyProvider {

    static final String BACKEND = "test.desktop";

    /**
     * Catalogue capabilities this executor deliberately does not run, each with the reason a
     * reader needs; anything else without a handler bean is a forgotten handler.
     */
    static final Map<String, String> NOT_ON_THIS_NODE = Map.of();

    @Inject
    BeanContext context;

    @Inject
    CapabilityRegistry registry;

    @Inject
    NodeDescription node;

    @Inject
    ClipboardOnlyDesktop desktop;

    Path workspace;

    @Override
    public Map<String, String> getProperties() {
        try {
            workspace = Files.createTempDirectory("handrail-beans-ws").toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> properties = new HashMap<>(Infrastructure.shared().serviceProperties(null));
        properties.put("handrail.executor.node-id", "beans");
        properties.put("handrail.executor.workspace-roots", workspace.toString());
        properties.put(BACKEND, "clipboard-only");
        return properties;
    }

    @AfterEach
    void switchTheClipboardBackOn() {
        desktop.working.set(true);
    }

    @AfterAll
    void removeTheWorkspace() throws IOException {
        Files.deleteIfExists(workspace);
    }

    @Test
    void everyCatalogueCapabilityHasAHandlerBeanUnlessListedWithAReason() {
        Map<String, List<CapabilityHandler>> beans = context.getBeansOfType(CapabilityHandler.class).stream()
                .collect(Collectors.groupingBy(CapabilityHandler::intent));
        List<String> withoutHandler = CapabilityCatalogue.all().stream()
                .map(Capability::intent)
                .filter(intent -> !beans.containsKey(intent) && !NOT_ON_THIS_NODE.containsKey(intent))
                .toList();

        assertThat(withoutHandler)
                .as("catalogue capabilities without a handler bean: write one, or list it in "
                        + "NOT_ON_THIS_NODE with the reason")
                .isEmpty();
        assertThat(NOT_ON_THIS_NODE).allSatisfy((intent, reason) -> {
            assertThat(reason).as("why %s is not run here", intent).isNotBlank();
            assertThat(beans).as("%s is listed as not run here", intent).doesNotContainKey(intent);
        });
        assertThat(beans).allSatisfy((intent, handlers) -> {
            assertThat(handlers).as("handler beans for %s", intent).hasSize(1);
            assertThat(registry.find(intent)).containsSame(handlers.getFirst());
        });
    }

    @Test
    void advertisesOnlyTheDesktopCapabilitiesWhosePortsTheBackendProvides() {
        assertThat(node.info().capabilities())
                .containsExactlyInAnyOrder("file.read", "file.write", "shell.run", "clipboard.read", "clipboard.write");
        assertThat(node.info().screen()).isNull();

        Availability typing = registry.find("keyboard.type").orElseThrow().availability();
        assertThat(typing.code()).isEqualTo(ErrorCode.NO_DESKTOP_SESSION);
        assertThat(typing.reason()).contains("InputPort");
        assertThat(registry.find("browser.open").orElseThrow().availability().reason())
                .contains("BrowserPort");
    }

    @Test
    void stopsAdvertisingAProvidedPortsCapabilitiesWhileThePortDoesNotWork() {
        desktop.working.set(false);

        assertThat(node.info().capabilities()).containsExactlyInAnyOrder("file.read", "file.write", "shell.run");
        assertThat(registry.find("clipboard.write").orElseThrow().availability().code())
                .isEqualTo(ErrorCode.CLIPBOARD_UNAVAILABLE);
    }

    /** A backend at the edge of the machine that has a clipboard (which can stop working) and nothing else. */
    @Singleton
    @Replaces(value = Desktop.class, factory = DesktopFactory.class)
    @Requires(property = BACKEND, value = "clipboard-only")
    static final class ClipboardOnlyDesktop implements Desktop, ClipboardPort {

        final AtomicBoolean working = new AtomicBoolean(true);
        final AtomicReference<String> text = new AtomicReference<>();

        @Override
        public String backend() {
            return "clipboard-only";
        }

        @Override
        public String display() {
            return null;
        }

        @Override
        public <P extends DesktopPort> Optional<P> port(Class<P> type) {
            return type == ClipboardPort.class ? Optional.of(type.cast(this)) : Optional.empty();
        }

        @Override
        public Availability availability() {
            return working.get()
                    ? Availability.AVAILABLE
                    : Availability.unavailable(ErrorCode.CLIPBOARD_UNAVAILABLE, "the clipboard is switched off");
        }

        @Override
        public void writeClipboard(String value) {
            text.set(value);
        }

        @Override
        public Optional<String> readClipboard(Duration wait) {
            return Optional.ofNullable(text.get());
        }

        @Override
        public void close() {
            // Nothing was opened.
        }
    }
}
