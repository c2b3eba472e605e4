package dev.handrail.executor.capability;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers this node has, by intent. A catalogue capability without a handler is simply
 * not implemented here yet; a platform backend adds its handlers and the registry grows. A
 * handler may be registered but unavailable (a desktop handler without a desktop session): it is
 * then not advertised. Immutable after construction, so safe to share between threads.
 */
public final class CapabilityRegistry {

    private final Map<String, CapabilityHandler> byIntent = new LinkedHashMap<>();

    public CapabilityRegistry(Collection<? extends CapabilityHandler> handlers) {
        for (CapabilityHandler handler : handlers) {
            if (CapabilityCatalogue.find(handler.intent()).isEmpty()) {
                throw new IllegalArgumentException(
                        "Handler for " + handler.intent() + " names no catalogue capability");
            }
            CapabilityHandler previous = byIntent.putIfAbsent(handler.intent(), handler);
            if (previous != null) {
                throw new IllegalArgumentException("Two handlers for " + handler.intent() + ": "
                        + previous.getClass().getName() + " and "
                        + handler.getClass().getName());
            }
        }
    }

    /** The handler for an intent, if this node implements it. */
    public Optional<CapabilityHandler> find(String intent) {
        return Optional.ofNullable(byIntent.get(intent));
    }

    /** The intents this node really runs now (a handler that is available), in catalogue order. */
    public List<String> implementedIntents() {
        return CapabilityCatalogue.all().stream()
                .map(Capability::intent)
                .filter(intent -> byIntent.containsKey(intent)
                        && byIntent.get(intent).availability().available())
                .toList();
    }
}
