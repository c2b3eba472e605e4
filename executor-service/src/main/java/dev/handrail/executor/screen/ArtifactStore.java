package dev.handrail.executor.screen;

/**
 * Where the files an action makes are kept, out of the events and results (which carry only their
 * name, size and digest): messaging implements it with the JetStream object store named in
 * {@code contracts}' {@code Artifacts}. Implementations are thread-safe.
 */
public interface ArtifactStore {

    /**
     * Keeps {@code bytes} as the action's artifact {@code name}, replacing one by that name; returns
     * once it is stored, or fails with {@link ArtifactNotStoredException}.
     */
    void put(String actionId, String name, String mediaType, byte[] bytes) throws InterruptedException;
}
