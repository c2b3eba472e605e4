package dev.handrail.policy.validation;

import dev.handrail.contracts.message.ScreenBounds;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What planning needs to know of the nodes: which capabilities an online node offers, its screen and workspace roots. */
@FunctionalInterface
public interface NodeAvailability {

    /** The capabilities {@code node} offers, or empty when it was never heard from or has gone quiet. */
    Optional<Set<String>> onlineCapabilities(String node);

    /** The virtual screen {@code node} reported, if it did. */
    default Optional<ScreenBounds> screenBounds(String node) {
        return Optional.empty();
    }

    /** The workspace roots {@code node} reported (absolute paths), empty when it reported none. */
    default List<String> workspaceRoots(String node) {
        return List.of();
    }
}
