package dev.handrail.gateway.artifact;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the artifacts actions made (ADR 0019); messaging implements it over the JetStream object
 * store. It checks nobody's right to read: the caller asks only after the action was found
 * readable. Implementations are thread-safe.
 */
public interface ArtifactReader {

    /** The action's artifact {@code name}, or empty when there is none (never made, expired or deleted). */
    CompletableFuture<Optional<Artifact>> read(String actionId, String name);
}
