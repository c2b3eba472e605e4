package dev.handrail.devkit;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several {@code nats-server} processes on loopback routed into one JetStream cluster, each with
 * its own store, client port and cluster port, all under the same {@code nats/handrail.conf}
 * identities as {@link LocalNats}: for tests that lose a server and for {@code ./handrail up
 * --cluster}. A server can be killed (SIGKILL) and started again on the same store and ports.
 * Routes carry no user: they listen on loopback only. Thread-safe: the methods that change a
 * server's process are synchronized.
 */
public final class LocalNatsCluster implements AutoCloseable {

    /** The cluster's name, as every server's {@code cluster.name}. */
    public static final String NAME = "handrail";
    /** The most servers a local cluster has (JetStream keeps at most 5 replicas). */
    public static final int MAX_SIZE = 5;

    private static final Logger LOG = LoggerFactory.getLogger(LocalNatsCluster.class);
    /** How long a server, or the cluster's JetStream meta leader, may take to come up on a busy machine. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** One server: its name, client port, store and command line (its cluster port in it), and its process while it runs. */
    private static final class Server {
        final String name;
        final int clientPort;
        final Path store;
        final List<String> command;
        Process process;

        Server(String name, int clientPort, Path store, List<String> command) {
            this.name = name;
            this.clientPort = clientPort;
            this.store = store;
            this.command = command;
        }

        String address() {
            return "nats://127.0.0.1:" + clientPort;
        }
    }

    private final List<Server> servers;
    private final Map<String, String> environment;
    private final Path root;
    private final boolean persistent;
    private final String serverUrls;
    private final String url;
    private final NatsIdentities identities;

    private LocalNatsCluster(
            List<Server> servers,
            Map<String, String> environment,
            Path root,
            boolean persistent,
            NatsIdentities identities) {
        this.servers = servers;
        this.environment = environment;
        this.root = root;
        this.persistent = persistent;
        this.identities = identities;
        this.serverUrls = servers.stream().map(Server::address).collect(Collectors.joining(","));
        this.url = identities == null ? serverUrls : identities.url("admin", serverUrls);
    }

    /**
     * Starts {@code size} servers under {@code root} ({@code root/n1}, {@code root/n2}, ...), each
     * with JetStream, and returns once every one of them answers JetStream requests (so the meta
     * leader is elected). With {@code identities}, under {@code nats/handrail.conf} with the users
     * of {@code subscribers} and {@code nodes} added, as {@link LocalNats#start} does.
     */
    public static LocalNatsCluster start(
            int size,
            Path root,
            boolean persistent,
            NatsIdentities identities,
            FeedSubscribers subscribers,
            ExecutorNodes nodes) {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("A local cluster has 2 to " + MAX_SIZE + " servers, not " + size);
        }
        String binary = LocalNats.requireBinary();
        List<Integer> clusterPorts =
                IntStream.range(0, size).mapToObj(i -> Ports.free()).toList();
        List<Server> servers = new ArrayList<>();
        Map<String, String> environment = new java.util.HashMap<>();
        try {
            for (int i = 0; i < size; i++) {
                String name = "n" + (i + 1);
                Path store = Files.createDirectories(root.resolve(name));
                int clientPort = Ports.free();
                int clusterPort = clusterPorts.get(i);
                int self = i;
                String routes = IntStream.range(0, size)
                        .filter(j -> j != self)
                        .mapToObj(j -> "nats-route://127.0.0.1:" + clusterPorts.get(j))
                        .collect(Collectors.joining(","));
                List<String> command = new ArrayList<>(List.of(
                        binary,
                        "--server_name",
                        name,
                        "-a",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(clientPort),
                        "-js",
                        "-sd",
                        store.toString(),
                        "--cluster_name",
                        NAME,
                        "--cluster",
                        "nats://127.0.0.1:" + clusterPort,
                        "--routes",
                        routes,
                        "-l",
                        store.resolve("nats-server.log").toString()));
                if (identities != null) {
                    command.addAll(List.of(
                            "-c",
                            LocalNats.writeConfig(store, subscribers, nodes).toString()));
                }
                servers.add(new Server(name, clientPort, store, List.copyOf(command)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare the NATS cluster under " + root + ": " + e.getMessage(), e);
        }
        if (identities != null) {
            environment.putAll(identities.serverEnvironment());
            if (nodes != null) {
                environment.putAll(nodes.serverEnvironment());
            }
        }
        LocalNatsCluster cluster =
                new LocalNatsCluster(List.copyOf(servers), Map.copyOf(environment), root, persistent, identities);
        try {
            for (int i = 0; i < size; i++) {
                cluster.launch(i);
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitReady(i);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Started a NATS cluster of {} servers on {} (stores under {}{})",
                size,
                cluster.serverUrls,
                root,
                identities == null ? "" : ", with per-service identities");
        return cluster;
    }

    /** The admin's URL of every server, comma-separated (the plain addresses when the servers run without identities). */
    public String url() {
        return url;
    }

    /** How many servers the cluster has. */
    public int size() {
        return servers.size();
    }

    /** The {@code server_name} of server {@code index} (0-based): {@code n1}, {@code n2}, ... */
    public String serverName(int index) {
        return servers.get(index).name;
    }

    /** The index of the server named {@code serverName}. */
    public int indexOf(String serverName) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).name.equals(serverName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No server " + serverName + " in the cluster");
    }

    /** Whether server {@code index} runs. */
    public synchronized boolean isRunning(int index) {
        Process process = servers.get(index).process;
        return process != null && process.isAlive();
    }

    /** The {@code server_name} of the server leading {@code stream} now, as the cluster reports it. */
    public String streamLeader(String stream) {
        try (Connection admin = Nats.connect(Options.builder()
                .server(url)
                .connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(0)
                .build())) {
            ClusterInfo info = admin.jetStreamManagement().getStreamInfo(stream).getClusterInfo();
            if (info == null || info.getLeader() == null) {
                throw new IllegalStateException("Stream " + stream + " has no leader now");
            }
            return info.getLeader();
        } catch (IOException | io.nats.client.JetStreamApiException e) {
            throw new IllegalStateException("Cannot read the leader of " + stream + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the leader of " + stream, e);
        }
    }

    /** Kills server {@code index} with SIGKILL, as a crash would, and waits until it is gone. */
    public synchronized void kill(int index) {
        Server server = servers.get(index);
        if (server.process == null) {
            return;
        }
        server.process.destroyForcibly();
        try {
            if (!server.process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("nats-server " + server.name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing nats-server " + server.name, e);
        }
        LOG.info("Killed nats-server {} on {}", server.name, server.address());
    }

    /**
     * Starts server {@code index} again on the same store and ports (after {@link #kill}) and
     * waits until it answers JetStream requests.
     */
    public synchronized void restart(int index) {
        if (isRunning(index)) {
            throw new IllegalStateException("nats-server " + servers.get(index).name + " still runs");
        }
        launch(index);
        awaitReady(index);
        LOG.info(
                "Started nats-server {} again on {}",
                servers.get(index).name,
                servers.get(index).address());
    }

    private synchronized void launch(int index) {
        Server server = servers.get(index);
        ProcessBuilder builder = new ProcessBuilder(server.command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        server.store.resolve("nats-server.out").toFile()));
        builder.environment().putAll(environment);
        try {
            server.process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start nats-server " + server.name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until server {@code index} itself (not another one it would redirect to) answers a
     * JetStream account request, which it can only once the cluster has a meta leader.
     */
    private void awaitReady(int index) {
        Server server = servers.get(index);
        String own = identities == null ? server.address() : identities.url("admin", server.address());
        Options options = Options.builder()
                .server(own)
                .ignoreDiscoveredServers()
                .connectionTimeout(Duration.ofSeconds(2))
                .noReconnect()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            Process process = server.process;
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("nats-server " + server.name + " exited at start-up: "
                        + LocalNats.tail(server.store.resolve("nats-server.log")) + " "
                        + LocalNats.tail(server.store.resolve("nats-server.out")));
            }
            try (Connection connection = Nats.connect(options)) {
                connection.jetStreamManagement().getAccountStatistics();
                return;
            } catch (Exception notYet) {
                last = notYet.toString();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for nats-server " + server.name, e);
                }
            }
        }
        throw new IllegalStateException("nats-server " + server.name + " on " + server.address()
                + " did not answer JetStream requests within " + READY_TIMEOUT.toSeconds() + " s (" + last + "): "
                + LocalNats.tail(server.store.resolve("nats-server.log")));
    }

    @Override
    public synchronized void close() {
        for (Server server : servers) {
            if (server.process != null) {
                server.process.destroy();
            }
        }
        for (Server server : servers) {
            if (server.process == null) {
                continue;
            }
            try {
                if (!server.process.waitFor(10, TimeUnit.SECONDS)) {
                    server.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.process.destroyForcibly();
            }
        }
        if (!persistent) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                LOG.warn("Cannot remove the cluster's stores under {}: {}", root, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "nats-server cluster at " + serverUrls;
    }
}
