package dev.handrail.executor.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityRegistryTest {

    @Test
    void listsImplementedIntentsInCatalogueOrder() {
        CapabilityRegistry registry = new CapabilityRegistry(List.of(handler("shell.run"), handler("file.read")));
        assertThat(registry.implementedIntents()).containsExactly("file.read", "shell.run");
        assertThat(registry.find("shell.run")).isPresent();
        assertThat(registry.find("window.list")).isEmpty();
    }

    @Test
    void refusesHandlerForUnknownIntentOrTwoForOne() {
        assertThatThrownBy(() -> new CapabilityRegistry(List.of(handler("file.delete"))))
                .hasMessageContaining("file.delete");
        assertThatThrownBy(() -> new CapabilityRegistry(List.of(handler("file.read"), handler("file.read"))))
                .hasMessageContaining("Two handlers for file.read");
    }

    private static CapabilityHandler handler(String intent) {
        return new CapabilityHandler() {
            @Override
            public String intent() {
                return intent;
            }

            @Override
            public Outcome run(Invocation invocation) {
                return Outcome.succeeded(null, Map.of());
            }
        };
    }
}
