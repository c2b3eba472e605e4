package dev.handrail.devkit;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@code nats-server} process with JetStream, started on a free loopback port. */
final class LocalNats implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalNats.class);
    private static final List<String> KNOWN_PATHS =
            List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server");
    /** The line of {@code nats/handrail.conf} after which the feed subscribers' users are put. */
    private static final String SUBSCRIBERS_MARKER =
            "# Feed subscribers (./handrail subscriber add <name>) are added after this line";
    /** The line of {@code nats/handrail.conf} after which the enrolled executor nodes' users are put. */
    private static final String NODES_MARKER =
            "# Enrolled executor nodes (./handrail nodes add <node>) are added after this line";

    /** The running server; replaced by {@link #restart()}, so read and written under this object's lock. */
    private Process process;

    private final String url;
    private final Path store;
    private final boolean persistent;
    /** How the server was started (command, configuration, environment), so a restart starts it the same way. */
    private final ProcessBuilder builder;

    private LocalNats(Process process, String url, Path store, boolean persistent, ProcessBuilder builder) {
        this.process = process;
        this.url = url;
        this.store = store;
        this.persistent = persistent;
        this.builder = builder;
    }

    static LocalNats start(Path store, boolean persistent) {
        return start(store, persistent, null, null, null);
    }

    /**
     * Starts nats-server; with {@code identities}, under {@code nats/handrail.conf} (one identity
     * per service, least privilege) with the users of {@code subscribers} and of the enrolled
     * {@code nodes} added (their passwords in the server's environment), and {@link #url()} is the
     * admin's.
     */
    static LocalNats start(
            Path store,
            boolean persistent,
            NatsIdentities identities,
            FeedSubscribers subscribers,
            ExecutorNodes nodes) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(store, persistent, identities, subscribers, nodes);
            } catch (IllegalStateException e) {
                // A free port can be taken by someone else between choosing it and binding it.
                last = e;
                LOG.warn("nats-server did not start (attempt {}): {}", attempt, e.getMessage());
            }
        }
        throw last;
    }

    private static LocalNats startOnce(
            Path store,
            boolean persistent,
            NatsIdentities identities,
            FeedSubscribers subscribers,
            ExecutorNodes nodes) {
        String binary = requireBinary();
        int port = Ports.free();
        try {
            Files.createDirectories(store);
            Path log = store.resolve("nats-server.log");
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                    binary,
                    "-a",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(port),
                    "-js",
                    "-sd",
                    store.toString(),
                    "-l",
                    log.toString()));
            String profilePort = System.getenv("HANDRAIL_NATS_PROFILE_PORT");
            if (profilePort != null && !profilePort.isBlank()) {
                // Go's pprof on 127.0.0.1:<port>/debug/pprof/ (docs/benchmarks.md, "Profiling by hand").
                command.addAll(java.util.List.of("--profile", profilePort.trim()));
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(store.resolve("nats-server.out").toFile());
            if (identities != null) {
                command.addAll(java.util.List.of(
                        "-c", writeConfig(store, subscribers, nodes).toString()));
                builder.command(command).environment().putAll(identities.serverEnvironment());
                if (nodes != null) {
                    builder.environment().putAll(nodes.serverEnvironment());
                }
            }
            Process process = builder.start();
            String server = "nats://127.0.0.1:" + port;
            String url = identities == null ? server : identities.url("admin", server);
            awaitReady(process, url, log);
            LOG.info(
                    "Started {} on {} (store {}{})",
                    binary,
                    server,
                    store,
                    identities == null ? "" : ", with per-service identities");
            return new LocalNats(process, url, store, persistent, builder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    /**
     * The permissions configuration, copied out of the class path next to the store, with the
     * users of {@code subscribers} and {@code nodes} (if any) added to its list.
     */
    static Path writeConfig(Path store, FeedSubscribers subscribers, ExecutorNodes nodes) throws IOException {
        Path config = store.resolve("handrail.conf");
        String text;
        try (var in = LocalNats.class.getResourceAsStream("/nats/handrail.conf")) {
            if (in == null) {
                throw new IllegalStateException("nats/handrail.conf is missing from the class path");
            }
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        text = insertAfter(text, SUBSCRIBERS_MARKER, subscribers == null ? "" : subscribers.usersConfig());
        text = insertAfter(text, NODES_MARKER, nodes == null ? "" : nodes.usersConfig());
        Files.writeString(config, text);
        return config;
    }

    /** {@code text} with {@code lines} put after the line holding {@code marker}. */
    private static String insertAfter(String text, String marker, String lines) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("nats/handrail.conf has no line \"" + marker + "\"");
        }
        int lineEnd = text.indexOf('\n', at) + 1;
        return text.substring(0, lineEnd) + lines + text.substring(lineEnd);
    }

    /** The nats-server binary, or a failure that says how to get one. */
    static String requireBinary() {
        return binary().orElseThrow(
                        () -> new IllegalStateException(
                                "No nats-server found on PATH or in /usr/sbin. Install it with: sudo apt-get install -y nats-server "
                                        + "(or set HANDRAIL_NATS_URL to a JetStream-enabled server, or HANDRAIL_NATS_SERVER to the binary)"));
    }

    private static Optional<String> binary() {
        String configured = System.getenv("HANDRAIL_NATS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        Stream<String> onPath = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> dir + "/nats-server");
        return Stream.concat(onPath, KNOWN_PATHS.stream())
                .filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst();
    }

    private static void awaitReady(Process process, String url, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Options options = Options.builder()
                .server(url)
                .connectionTimeout(Duration.ofMillis(500))
                .noReconnect()
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited at start-up: " + tail(log) + " "
                        + tail(log.resolveSibling("nats-server.out")));
            }
            try (Connection connection = Nats.connect(options)) {
                connection.jetStreamManagement().getAccountStatistics();
                return;
            } catch (Exception notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for nats-server", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("nats-server did not answer on " + url + " within 15 s: " + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String url() {
        return url;
    }

    /**
     * Stops the server (SIGTERM, as an operator's restart does) and starts it again with the same
     * command, configuration, port and environment on the same store, so JetStream finds its streams
     * and consumers where they were; returns once it answers again.
     */
    synchronized void restart() {
        stop();
        try {
            process = builder.start();
            awaitReady(process, url, store.resolve("nats-server.log"));
            LOG.info("Restarted nats-server on {} (store {})", natsServer(url), store);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start nats-server again: " + e.getMessage(), e);
        }
    }

    private synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping nats-server", e);
        }
    }

    private static String natsServer(String url) {
        return url.replaceFirst("://[^@/]*@", "://");
    }

    @Override
    public void close() throws Exception {
        stop();
        if (!persistent) {
            try (java.util.stream.Stream<Path> files = Files.walk(store)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    @Override
    public String toString() {
        return "nats-server at " + url;
    }
}
