package dev.handrail.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a local run is told by the environment: the gateway port, where data lives, the
 * executor's workspace, and (optionally) existing NATS and PostgreSQL addresses.
 *
 * @param home where the run keeps its data and its secrets (the bootstrap token, the audit signing
 *             key, the NATS and PostgreSQL stores)
 * @param workspace the executor's file root: never {@code home}, inside it or around it, so no file
 *                  tool reaches a secret ({@link #requireWorkspaceApart()})
 * @param repo the checkout whose built services are started
 * @param natsCluster how many local nats-server processes to start as one cluster when no NATS URL
 *                    is given ({@code ./handrail up --cluster}: 3); 0: as {@code HANDRAIL_NATS_CLUSTER}
 *                    says, a single server unless it is set
 */
public record Settings(
        int httpPort,
        Path home,
        Path workspace,
        Path repo,
        String natsUrl,
        String dbUrl,
        boolean persistent,
        int natsCluster) {

    /** Settings that leave the number of local NATS servers to the environment. */
    public Settings(
            int httpPort, Path home, Path workspace, Path repo, String natsUrl, String dbUrl, boolean persistent) {
        this(httpPort, home, workspace, repo, natsUrl, dbUrl, persistent, 0);
    }

    /** These settings with a local NATS cluster of {@code servers} servers. */
    public Settings withNatsCluster(int servers) {
        return new Settings(httpPort, home, workspace, repo, natsUrl, dbUrl, persistent, servers);
    }

    /** Where the principal-claim key pairs are kept: {@code <home>/keys}. */
    public Path keys() {
        return home.resolve("keys");
    }

    /** Reads {@code HANDRAIL_HTTP_PORT}, {@code HANDRAIL_HOME}, {@code HANDRAIL_WORKSPACE}, {@code HANDRAIL_NATS_URL}, {@code HANDRAIL_DB_URL}. */
    public static Settings fromEnvironment(Map<String, String> env, Path repo) {
        Path home = repo.resolve(env.getOrDefault("HANDRAIL_HOME", ".handrail"))
                .toAbsolutePath()
                .normalize();
        String workspace = env.get("HANDRAIL_WORKSPACE");
        return new Settings(
                Integer.parseInt(env.getOrDefault("HANDRAIL_HTTP_PORT", "8080")),
                home,
                workspace == null || workspace.isBlank()
                        ? defaultWorkspace(home)
                        : Path.of(workspace).toAbsolutePath(),
                repo,
                env.get("HANDRAIL_NATS_URL"),
                env.get("HANDRAIL_DB_URL"),
                true);
    }

    /** The workspace when none is given: beside {@code home}, not in it ({@code .handrail} → {@code .handrail-workspace}). */
    public static Path defaultWorkspace(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + "-workspace");
    }

    /**
     * Fails with {@link IllegalStateException} when the workspace is {@code home}, lies inside it
     * (beside the bootstrap token, the signing key and the stores) or contains it: the executor's
     * file tools could then read or overwrite a secret.
     */
    public void requireWorkspaceApart() {
        Path ws = real(workspace);
        Path h = real(home);
        if (ws.startsWith(h) || h.startsWith(ws)) {
            throw new IllegalStateException("The workspace " + workspace
                    + " must not be, contain or lie inside HANDRAIL_HOME "
                    + home + ", where the bootstrap token, the NATS and database stores and the audit signing key are"
                    + " kept; set HANDRAIL_WORKSPACE to a directory outside it (the default is "
                    + defaultWorkspace(home) + ")");
        }
    }

    /** The path with symbolic links resolved as far as it exists, so a link cannot hide where it points. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }
}
