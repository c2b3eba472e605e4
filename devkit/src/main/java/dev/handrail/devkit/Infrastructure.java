package dev.handrail.devkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NATS (with JetStream) and PostgreSQL for a test run or the local launcher, found in this
 * order: addresses given in the environment ({@code HANDRAIL_NATS_URL}, {@code HANDRAIL_DB_URL});
 * Testcontainers where a Docker engine answers; otherwise a local {@code nats-server} binary on a
 * free port with its own store, and an embedded PostgreSQL on a free port. Whatever this class
 * started it stops on {@link #close()} (and at JVM exit).
 */
public final class Infrastructure implements AutoCloseable {

    public static final String ENV_NATS_URL = "HANDRAIL_NATS_URL";
    public static final String ENV_DB_URL = "HANDRAIL_DB_URL";
    /**
     * How many local nats-server processes to start as one cluster when no NATS URL is given
     * ({@link LocalNatsCluster}); unset, 0 or 1: a single server.
     */
    public static final String ENV_NATS_CLUSTER = "HANDRAIL_NATS_CLUSTER";

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Infrastructure shared;

    private final String natsUrl;
    private final String jdbcUrl;
    private final String origin;
    private final List<AutoCloseable> started;
    private final NatsIdentities identities;
    private ClaimKeyFiles gatewayClaimKey;
    private ClaimKeyFiles healthClaimKey;
    private final Path home;
    private LocalNatsCluster natsCluster;
    /** The nats-server this class started, if it started one (for {@link #restartNats()}). */
    private final LocalNats localNats;
    /** The PostgreSQL this class started, if it started one (for {@link #killPostgres()}). */
    private final LocalPostgres localPostgres;

    private Infrastructure(
            String natsUrl,
            String jdbcUrl,
            String origin,
            List<AutoCloseable> started,
            NatsIdentities identities,
            Path home,
            LocalNats localNats,
            LocalPostgres localPostgres) {
        this.localNats = localNats;
        this.localPostgres = localPostgres;
        this.natsUrl = natsUrl;
        this.jdbcUrl = jdbcUrl;
        this.origin = origin;
        this.started = started;
        this.identities = identities;
        this.home = home;
    }

    /** One instance per JVM for tests: started on first use, stopped at exit. */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = start(Path.of(System.getProperty("java.io.tmpdir")), false);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "infrastructure-stop"));
        }
        return shared;
    }

    /**
     * Finds or starts NATS and PostgreSQL.
     *
     * @param home       where a locally started server keeps its data
     * @param persistent keep local data across runs (the launcher) rather than starting clean (tests)
     */
    public static Infrastructure start(Path home, boolean persistent) {
        return start(System.getenv(), home, persistent);
    }

    /** As {@link #start(Path, boolean)}, with the environment given (so a caller can add addresses). */
    public static Infrastructure start(Map<String, String> env, Path home, boolean persistent) {
        return start(env, home, persistent, false);
    }

    /**
     * As {@link #start(Map, Path, boolean)}; with {@code secure}, a locally started nats-server runs
     * under {@code nats/handrail.conf}, one identity per service with fresh passwords
     * ({@link #natsUrlFor}), the feed subscribers kept under {@code home} ({@link FeedSubscribers})
     * and the executor nodes enrolled there ({@link ExecutorNodes}). Addresses from the environment
     * are used as given.
     */
    public static Infrastructure start(Map<String, String> env, Path home, boolean persistent, boolean secure) {
        String nats = blankToNull(env.get(ENV_NATS_URL));
        String db = blankToNull(env.get(ENV_DB_URL));
        List<AutoCloseable> started = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        NatsIdentities identities = null;
        int clusterSize = clusterSize(env);
        LocalNatsCluster cluster = null;
        LocalNats localNats = null;
        LocalPostgres localPostgres = null;
        try {
            boolean containerNats = nats == null && clusterSize < 2;
            if ((containerNats || db == null) && Containers.dockerAvailable()) {
                Containers containers = Containers.start(containerNats, db == null);
                started.add(containers);
                nats = nats == null ? containers.natsUrl() : nats;
                db = db == null ? containers.jdbcUrl() : db;
                origins.add("testcontainers");
            }
            if (nats == null) {
                identities = secure ? NatsIdentities.generate() : null;
                FeedSubscribers subscribers = secure ? FeedSubscribers.in(home) : null;
                ExecutorNodes nodes = secure ? ExecutorNodes.in(home) : null;
                if (clusterSize >= 2) {
                    cluster = LocalNatsCluster.start(
                            clusterSize, clusterStore(home, persistent), persistent, identities, subscribers, nodes);
                    started.add(cluster);
                    nats = cluster.url();
                    origins.add("local nats-server cluster of " + clusterSize);
                } else {
                    LocalNats local =
                            LocalNats.start(natsStore(home, persistent), persistent, identities, subscribers, nodes);
                    started.add(local);
                    localNats = local;
                    nats = local.url();
                    origins.add("local nats-server");
                }
            } else {
                origins.add("nats from environment");
            }
            if (db == null) {
                LocalPostgres local = LocalPostgres.start(home.resolve("postgres"), persistent);
                started.add(local);
                localPostgres = local;
                db = local.jdbcUrl();
                origins.add("embedded postgres");
            } else {
                origins.add("postgres from environment");
            }
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
        String origin = String.join(", ", origins);
        LOG.info(
                "Infrastructure: NATS {} and PostgreSQL {} ({})",
                nats.replaceAll("://[^@/,]*@", "://***@"),
                redact(db),
                origin);
        Infrastructure infrastructure =
                new Infrastructure(nats, db, origin, started, identities, home, localNats, localPostgres);
        infrastructure.natsCluster = cluster;
        return infrastructure;
    }

    private static Path clusterStore(Path home, boolean persistent) {
        return home.resolve(
                persistent
                        ? "nats-cluster"
                        : "nats-cluster-" + ProcessHandle.current().pid());
    }

    /** The number of servers {@value #ENV_NATS_CLUSTER} asks for (0 when it is not set). */
    static int clusterSize(Map<String, String> env) {
        String value = blankToNull(env.get(ENV_NATS_CLUSTER));
        if (value == null) {
            return 0;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 0 && size <= LocalNatsCluster.MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException(ENV_NATS_CLUSTER + " must be a number of servers from 0 to "
                + LocalNatsCluster.MAX_SIZE + " (3 for a cluster that survives losing one), not " + value);
    }

    /** The local NATS cluster this run started, if it started one ({@value #ENV_NATS_CLUSTER}). */
    public java.util.Optional<LocalNatsCluster> natsCluster() {
        return java.util.Optional.ofNullable(natsCluster);
    }

    /**
     * Stops the locally started nats-server and starts it again on the same port, with the same
     * configuration and environment, on the same store (kept when the run is persistent); returns
     * once it answers. Clients reconnect by themselves.
     *
     * @throws IllegalStateException when NATS was not started here (an address from the environment, a container)
     */
    public void restartNats() {
        if (localNats == null) {
            throw new IllegalStateException("NATS was not started by this run (" + origin + "); it cannot restart it");
        }
        localNats.restart();
    }

    /**
     * Crashes the locally started PostgreSQL: SIGKILL to the postmaster and its backends. Only for a
     * persistent run, whose data survives; {@link #startPostgres()} brings it back.
     *
     * @throws IllegalStateException when PostgreSQL was not started here, or keeps no data
     */
    public void killPostgres() {
        requireLocalPostgres().kill();
    }

    /** Starts the PostgreSQL {@link #killPostgres()} crashed again, on the same port and data directory. */
    public void startPostgres() {
        requireLocalPostgres().startAgain();
    }

    private LocalPostgres requireLocalPostgres() {
        if (localPostgres == null) {
            throw new IllegalStateException(
                    "PostgreSQL was not started by this run (" + origin + "); it cannot crash or start it");
        }
        return localPostgres;
    }

    private static Path natsStore(Path home, boolean persistent) {
        return home.resolve(
                persistent ? "nats" : "nats-" + ProcessHandle.current().pid());
    }

    /** The feed subscribers of this run's home. */
    public FeedSubscribers subscribers() {
        return FeedSubscribers.in(home);
    }

    /** The executor nodes enrolled in this run's home. */
    public ExecutorNodes nodes() {
        return ExecutorNodes.in(home);
    }

    /**
     * {@code nats://host:port} without any credentials: for a client that brings its own (an nkey);
     * on a cluster, every server's, comma-separated.
     */
    public String natsServerUrl() {
        return natsUrl.replaceAll("://[^@/,]*@", "://");
    }

    /** {@code nats://host:port} of the JetStream-enabled server (on a cluster, every server's, comma-separated). */
    public String natsUrl() {
        return natsUrl;
    }

    /**
     * The NATS URL one service identity connects with ({@code gateway}, {@code policy},
     * {@code executor-local}, {@code audit}, {@code health}, {@code admin}); the plain URL when
     * the server runs without identities.
     */
    public String natsUrlFor(String identity) {
        return identities == null ? natsUrl : identities.url(identity, natsServerUrl());
    }

    /** JDBC URL of the database services use (credentials, if any, in its query string). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Where each part came from, for logs. */
    public String origin() {
        return origin;
    }

    /**
     * Creates a new empty database on the same server and returns its JDBC URL, so a test class
     * gets tables nobody else wrote to.
     */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        return withDatabase(jdbcUrl, name);
    }

    /**
     * The gateway's principal-claim key pair of a test run (ADR 0013), made on first use in a
     * directory of its own under the temporary directory.
     */
    public synchronized ClaimKeyFiles gatewayClaimKey() {
        if (gatewayClaimKey == null) {
            gatewayClaimKey = ClaimKeyFiles.ensure(claimKeyDir(), "gateway");
        }
        return gatewayClaimKey;
    }

    /** The health service's principal-claim key pair of a test run (dead-letter replays). */
    public synchronized ClaimKeyFiles healthClaimKey() {
        if (healthClaimKey == null) {
            healthClaimKey = ClaimKeyFiles.ensure(claimKeyDir(), "health");
        }
        return healthClaimKey;
    }

    private static Path claimKeyDir() {
        try {
            return java.nio.file.Files.createTempDirectory("handrail-claim-keys");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot make a directory for claim keys", e);
        }
    }

    /**
     * Properties that point a Micronaut service at this infrastructure: its NATS, a free HTTP
     * port (tests never take a service's own port), the test run's principal-claim keys (the
     * gateway signs with its private key, policy trusts both public keys), and (when
     * {@code databasePrefix} is not null) a fresh database of its own.
     */
    public Map<String, String> serviceProperties(String databasePrefix) {
        Map<String, String> properties = new java.util.HashMap<>();
        properties.put("nats.default.addresses", natsUrl);
        properties.put("micronaut.server.port", "-1");
        properties.put(
                "handrail.gateway.claims.private-key-file",
                gatewayClaimKey().privateKeyFile().toString());
        properties.put(
                "handrail.health.claims.private-key-file",
                healthClaimKey().privateKeyFile().toString());
        properties.put(
                "handrail.policy.claims.gateway-public-key", gatewayClaimKey().publicKey());
        properties.put(
                "handrail.policy.claims.health-public-key", healthClaimKey().publicKey());
        // The management listener too takes a port of its own, so parallel tests never collide.
        properties.put("endpoints.all.port", "-1");
        if (databasePrefix != null) {
            properties.put("datasources.default.url", newDatabase(databasePrefix));
        }
        return properties;
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    /** A JDBC URL with any password in it masked, for logs. */
    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", started.get(i), e.getMessage());
            }
        }
        started.clear();
    }

    @Override
    public synchronized void close() {
        closeAll(started);
    }
}
