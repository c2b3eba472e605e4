package dev.handrail.devkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An embedded PostgreSQL (zonky: real PostgreSQL binaries from Maven Central) on a free port.
 * Clean per run for tests (no fsync, no synchronous commit: nothing outlives the run); kept under the
 * launcher's home otherwise, with fsync and synchronous commit on, so a commit PostgreSQL has
 * acknowledged survives a crash of PostgreSQL or of the machine.
 */
final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalPostgres start(Path dataDir, boolean persistent) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(Ports.free())
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", persistent ? "on" : "off")
                    // The embedded library turns synchronous commit off; data kept across runs must not
                    // lose a commit a service already acknowledged (an approval, an audit row) in a crash.
                    .setServerConfig("synchronous_commit", persistent ? "on" : "off");
            if (persistent) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + postgres.getPort();
    }
}
