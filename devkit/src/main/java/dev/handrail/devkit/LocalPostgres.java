package dev.handrail.devkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded PostgreSQL (zonky: real PostgreSQL binaries from Maven Central) on a free port.
 * Clean per run for tests (no fsync, no synchronous commit: nothing outlives the run); kept under the
 * launcher's home otherwise, with fsync and synchronous commit on, so a commit PostgreSQL has
 * acknowledged survives a crash of PostgreSQL or of the machine. A kept one can be crashed
 * ({@link #kill()}) and started again on the same port and data ({@link #startAgain()}), for the
 * fault scenarios; its methods are synchronized, so one thread at a time changes it.
 */
final class LocalPostgres implements AutoCloseable {

    private EmbeddedPostgres postgres;
    private final Path dataDir;
    private final boolean persistent;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir, boolean persistent) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.persistent = persistent;
    }

    static LocalPostgres start(Path dataDir, boolean persistent) {
        return new LocalPostgres(embedded(dataDir, persistent, Ports.free()), dataDir, persistent);
    }

    private static EmbeddedPostgres embedded(Path dataDir, boolean persistent, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
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
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Crashes the server: SIGKILL to the postmaster and every backend it started, so nothing
     * gets to flush or shut down cleanly (what a crash of the machine's PostgreSQL looks like to
     * the services). Only for a server whose data is kept: a clean one's data would be gone.
     */
    synchronized void kill() {
        requirePersistent();
        ProcessHandle postmaster =
                postmaster().orElseThrow(() -> new IllegalStateException("No postmaster found for " + dataDir));
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        exits.add(postmaster.onExit());
        backends.forEach(b -> exits.add(b.onExit()));
        awaitGone(exits);
    }

    /**
     * Waits a little for the killed processes to go; not for ever, since pg_ctl detached the server,
     * so its exit is reaped by whoever adopted it (in a container, possibly nobody: a zombie holds no
     * port, memory or lock, but still looks alive).
     */
    private static void awaitGone(List<CompletableFuture<ProcessHandle>> exits) {
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Killed; what remains is at most an unreaped entry in the process table.
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot wait for PostgreSQL to exit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL to exit", e);
        }
    }

    /**
     * Starts the server again on the same port and data directory after {@link #kill()}; it
     * recovers from its write-ahead log as after any crash.
     */
    synchronized void startAgain() {
        requirePersistent();
        int port = postgres.getPort();
        closeQuietly();
        postgres = embedded(dataDir, true, port);
    }

    /** The postmaster, from the first line of {@code postmaster.pid}, if it runs. */
    private Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void requirePersistent() {
        if (!persistent) {
            throw new IllegalStateException("Only a PostgreSQL that keeps its data can be crashed and started again");
        }
    }

    /** Releases the old instance's lock on the data directory; its stop finds no server (it was killed). */
    private void closeQuietly() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The server is gone already; only the lock file mattered.
        }
    }

    synchronized String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
    }

    @Override
    public synchronized void close() throws IOException {
        postgres.close();
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + postgres.getPort();
    }
}
