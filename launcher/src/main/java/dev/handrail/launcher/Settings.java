package dev.handrail.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a local run is told by the environment: the gateway port, where data lives, the
 * executor's workspace, and (optionally) existing NATS and PostgreSQL addresses.
 *
 * @param repo the checkout whose built services are started
 */
public record Settings(int httpPort, Path home, Path workspace, Path repo, String natsUrl, String dbUrl, boolean persistent) {

    /** Where the principal-claim key pairs are kept: {@code <home>/keys}. */
    public Path keys() {
        return home.resolve("keys");
    }

    /** Reads {@code HANDRAIL_HTTP_PORT}, {@code HANDRAIL_HOME}, {@code HANDRAIL_WORKSPACE}, {@code HANDRAIL_NATS_URL}, {@code HANDRAIL_DB_URL}. */
    public static Settings fromEnvironment(Map<String, String> env, Path repo) {
        Path home = repo.resolve(env.getOrDefault("HANDRAIL_HOME", ".handrail")).toAbsolutePath().normalize();
        String workspace = env.get("HANDRAIL_WORKSPACE");
        return new Settings(
                Integer.parseInt(env.getOrDefault("HANDRAIL_HTTP_PORT", "8080")),
                home,
                workspace == null || workspace.isBlank() ? home.resolve("workspace") : Path.of(workspace).toAbsolutePath(),
                repo,
                env.get("HANDRAIL_NATS_URL"),
                env.get("HANDRAIL_DB_URL"),
                true);
    }
}
