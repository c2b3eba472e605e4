package dev.handrail.launcher;

import dev.handrail.bus.Replicas;
import dev.handrail.devkit.ExecutorNodes;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.devkit.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of Handrail on one machine: NATS and PostgreSQL (found or started), then the five
 * services as their own JVMs, started together and checked healthy. Used by {@code ./handrail up}
 * and by the end-to-end tests, so both run the system the same way.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSystem.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Environment variable naming the first admin token of the gateway. */
    public static final String BOOTSTRAP_TOKEN_ENV = "HANDRAIL_BOOTSTRAP_TOKEN";

    /** The executor's node id in a local run. */
    public static final String NODE = "local";

    private final Infrastructure infrastructure;
    private final Settings settings;
    private final BootstrapTokenFile.Token adminToken;
    private final Provisioning.ClaimKeys claimKeys;
    private final Replicas replicas;
    private final Map<String, ServiceProcess> services = new HashMap<>();
    /** Instances started beside the first one of their service ({@link #startInstance}). */
    private final List<ServiceProcess> extraInstances = new ArrayList<>();

    private Map<String, String> serviceEnv = Map.of();

    /** The service modules, in start order. */
    public static List<String> modules() {
        return ServiceModules.names();
    }

    private LocalSystem(
            Infrastructure infrastructure,
            Settings settings,
            BootstrapTokenFile.Token adminToken,
            Provisioning.ClaimKeys claimKeys,
            Replicas replicas) {
        this.infrastructure = infrastructure;
        this.settings = settings;
        this.adminToken = adminToken;
        this.claimKeys = claimKeys;
        this.replicas = replicas;
    }

    /** Starts everything; on any failure stops what was started and rethrows. */
    public static LocalSystem start(Settings settings) {
        return start(settings, Map.of());
    }

    /**
     * As {@link #start(Settings)}, with {@code extraEnv} added to every service's environment
     * (e.g. {@code HANDRAIL_GATEWAY_SECURITY_REQUESTS_PER_SECOND} for a benchmark).
     */
    public static LocalSystem start(Settings settings, Map<String, String> extraEnv) {
        settings.requireWorkspaceApart();
        Map<String, String> env = new HashMap<>(System.getenv());
        putIfPresent(env, Infrastructure.ENV_NATS_URL, settings.natsUrl());
        putIfPresent(env, Infrastructure.ENV_DB_URL, settings.dbUrl());
        if (settings.natsCluster() > 0) {
            env.put(Infrastructure.ENV_NATS_CLUSTER, String.valueOf(settings.natsCluster()));
        }
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(extraEnv);
        // Read before anything starts, so a bad value stops the run with its message at once.
        Optional<Replicas> given = Provisioning.givenReplicas(merged);
        Infrastructure infrastructure = Infrastructure.start(env, settings.home(), settings.persistent(), true);
        // Three copies on a cluster started here: every stream survives losing any one server.
        Replicas replicas =
                given.orElse(infrastructure.natsCluster().isPresent() ? Provisioning.CLUSTER_REPLICAS : Replicas.ONE);
        Provisioning.provision(infrastructure.natsUrlFor("admin"), Provisioning.artifactMaxAge(merged), replicas);
        LocalSystem system = new LocalSystem(
                infrastructure,
                settings,
                BootstrapTokenFile.resolve(env, settings),
                Provisioning.claimKeys(settings.keys()),
                replicas);
        try {
            system.startServices(extraEnv);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private static void putIfPresent(Map<String, String> env, String key, String value) {
        if (value != null && !value.isBlank()) {
            env.put(key, value);
        }
    }

    private void startServices(Map<String, String> extraEnv) {
        try {
            Files.createDirectories(settings.workspace());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create workspace " + settings.workspace(), e);
        }
        serviceEnv = Map.copyOf(extraEnv);
        Path logs = settings.home().resolve("logs");
        for (String module : ServiceModules.names()) {
            int port = module.equals("gateway-service") ? settings.httpPort() : Ports.free();
            services.put(
                    module,
                    ServiceProcess.start(
                            settings.repo(),
                            module,
                            ServiceModules.mainClass(module),
                            port,
                            Ports.free(),
                            envFor(module),
                            List.of(),
                            logs));
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            ready.add(CompletableFuture.runAsync(() -> service.awaitHealthy(START_TIMEOUT)));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        LOG.info("Handrail is up: gateway http://127.0.0.1:{} (logs in {})", settings.httpPort(), logs);
    }

    /**
     * The environment of one service: only the secrets it needs (ADR 0016). Every service gets the
     * NATS URL of its own identity (see {@code nats/handrail.conf}) unless the caller gave a NATS
     * URL itself; the services with a database (policy, audit, health) get its URL, the gateway
     * the bootstrap token and its claim signing key, policy the claim public keys, health its claim
     * signing key (for replays), and the executor nothing more than its NATS identity, its node and its
     * workspace. Nothing secret reaches a service from the launcher's own environment
     * ({@link ServiceProcess#start}).
     */
    private Map<String, String> envFor(String module) {
        Map<String, String> env = new HashMap<>(serviceEnv);
        switch (module) {
            case "gateway-service" ->
                env.put(
                        "HANDRAIL_GATEWAY_CLAIM_KEY_FILE",
                        claimKeys.gateway().privateKeyFile().toString());
            case "health-service" -> {
                env.put(
                        "HANDRAIL_HEALTH_CLAIM_KEY_FILE",
                        claimKeys.health().privateKeyFile().toString());
                // Webhook notifications link to the console this system serves.
                env.putIfAbsent("HANDRAIL_CONSOLE_URL", "http://127.0.0.1:" + settings.httpPort() + "/console");
            }
            case "policy-service" -> {
                env.put(
                        "HANDRAIL_CLAIMS_GATEWAY_PUBLIC_KEY",
                        claimKeys.gateway().publicKey());
                env.put("HANDRAIL_CLAIMS_HEALTH_PUBLIC_KEY", claimKeys.health().publicKey());
            }
            default -> {}
        }
        String identity = switch (module) {
            case "executor-service" -> "executor-" + NODE;
            default -> module.substring(0, module.indexOf("-service"));
        };
        env.putIfAbsent(Infrastructure.ENV_NATS_URL, infrastructure.natsUrlFor(identity));
        env.put(Replicas.ENV, String.valueOf(replicas.count()));
        env.put("HANDRAIL_NODE_ID", NODE);
        switch (module) {
            case "executor-service" ->
                env.put("HANDRAIL_WORKSPACE", settings.workspace().toString());
            case "gateway-service" -> env.put(BOOTSTRAP_TOKEN_ENV, adminToken.secret());
            default -> {
                env.put("HANDRAIL_HOME", settings.home().toString());
                env.put(Infrastructure.ENV_DB_URL, infrastructure.jdbcUrl());
            }
        }
        return env;
    }

    /**
     * Starts one more instance of {@code module} beside the running one, with the same
     * environment, on a free port (its log under {@code logs/<module>-<n>/}), and waits until it
     * is healthy. {@link #close()} stops it with the rest.
     */
    public synchronized ServiceProcess startInstance(String module) {
        String mainClass = ServiceModules.mainClass(module);
        Path logs = settings.home().resolve("logs").resolve(module + "-" + (extraInstances.size() + 2));
        ServiceProcess instance = ServiceProcess.start(
                settings.repo(), module, mainClass, Ports.free(), Ports.free(), envFor(module), List.of(), logs);
        extraInstances.add(instance);
        instance.awaitHealthy(START_TIMEOUT);
        return instance;
    }

    /**
     * Starts an executor for another node on this machine, as an enrolled node runs it: with only
     * what its credentials file ({@code ./handrail nodes add}) gives it (its node id and its NATS
     * URL, pointed at this system's NATS server with the node's own user and password) and
     * {@code workspace} as its file root (its log under {@code logs/executor-service-<node>/}), and
     * waits until it is healthy. {@link #close()} stops it with the rest.
     */
    public synchronized ServiceProcess startNode(Path credentials, Path workspace) {
        Map<String, String> given = ExecutorNodes.readCredentials(credentials);
        String node = given.get("HANDRAIL_NODE_ID");
        Map<String, String> env = new HashMap<>(serviceEnv);
        env.putAll(given);
        env.put(
                Infrastructure.ENV_NATS_URL,
                ExecutorNodes.withServer(given.get(Infrastructure.ENV_NATS_URL), infrastructure.natsServerUrl()));
        env.put("HANDRAIL_WORKSPACE", workspace.toString());
        String module = "executor-service";
        ServiceProcess instance = ServiceProcess.start(
                settings.repo(),
                module,
                ServiceModules.mainClass(module),
                Ports.free(),
                Ports.free(),
                env,
                List.of(),
                settings.home().resolve("logs").resolve(module + "-" + node));
        extraInstances.add(instance);
        instance.awaitHealthy(START_TIMEOUT);
        return instance;
    }

    /**
     * Starts {@code module}'s first instance again, on the same port with the same environment,
     * after stopping it if it still runs (SIGTERM; a test kills it first to simulate a crash), and
     * waits until it is healthy. Its log goes on in the same file.
     */
    public synchronized ServiceProcess restart(String module) {
        ServiceProcess old = service(module);
        if (old.isAlive()) {
            old.close();
        }
        String mainClass = ServiceModules.mainClass(module);
        ServiceProcess again = ServiceProcess.start(
                settings.repo(),
                module,
                mainClass,
                old.port(),
                old.managementPort(),
                envFor(module),
                List.of(),
                old.log().getParent());
        services.put(module, again);
        again.awaitHealthy(START_TIMEOUT);
        return again;
    }

    /** The admin token the gateway was started with (from the environment, or generated). */
    public String adminToken() {
        return adminToken.secret();
    }

    /** Whether the admin token was made by this run (and should be shown once). */
    public boolean adminTokenIsNew() {
        return adminToken.created();
    }

    /** Base URL of the gateway. */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + settings.httpPort();
    }

    /** A running service by module name, e.g. {@code audit-service}. */
    public ServiceProcess service(String module) {
        ServiceProcess service = services.get(module);
        if (service == null) {
            throw new IllegalArgumentException("No service " + module);
        }
        return service;
    }

    /** How many servers keep each stream and bucket in this run. */
    public Replicas replicas() {
        return replicas;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public Settings settings() {
        return settings;
    }

    /** Stops the gateway first (no new work), the executor, then the rest, then the infrastructure. */
    @Override
    public void close() {
        synchronized (this) {
            extraInstances.forEach(ServiceProcess::close);
            extraInstances.clear();
        }
        for (String module :
                List.of("gateway-service", "executor-service", "policy-service", "health-service", "audit-service")) {
            ServiceProcess service = services.remove(module);
            if (service != null) {
                service.close();
            }
        }
        infrastructure.close();
    }
}
