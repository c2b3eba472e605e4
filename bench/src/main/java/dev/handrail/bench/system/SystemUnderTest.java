package dev.handrail.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.contracts.json.Json;
import dev.handrail.devkit.Ports;
import dev.handrail.launcher.LocalSystem;
import dev.handrail.launcher.ServiceProcess;
import dev.handrail.launcher.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real system on embedded defaults, as {@code ./handrail up} runs it (a fresh home, NATS and
 * PostgreSQL started for the run, with the durable settings of a kept home), with the gateway's per-principal rate limit and policy's
 * budgets lifted so the load generator measures the system rather than the limiters; plus an agent token for the load,
 * a file for {@code file.read} in the workspace, and the processes of each part for CPU and
 * memory readings. Not thread-safe: the harness drives it from one thread.
 */
public final class SystemUnderTest implements AutoCloseable {

    /** The file every {@code file.read} of the load reads. */
    public static final String FILE = "bench.txt";
    /** Services, in the order the report lists them. */
    public static final List<String> SERVICES =
            List.of("gateway-service", "policy-service", "executor-service", "audit-service", "health-service");

    static final long UNLIMITED = 1_000_000_000L;
    /**
     * The built-in policy with budgets too large to reach: the whole load is one principal and one
     * session, which the built-in budgets (6,000 a minute) would refuse; the budget checks still run.
     */
    static final String POLICY =
            policy("bench-1", "The built-in policy with budgets the benchmark cannot reach.", "[]");

    /** A policy file with budgets too large to reach, the built-in blocked hotkey, and {@code rules} (a YAML list). */
    public static String policy(String version, String description, String rules) {
        return """
                version: %s
                description: %s
                budgets:
                  per_session: %d
                  per_principal_per_minute: %d
                blocked_hotkeys:
                  - alt+f4
                rules: %s
                """.formatted(version, description, UNLIMITED, UNLIMITED, rules);
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(SystemUnderTest.class);
    private static volatile boolean primed;

    private final LocalSystem system;
    private final Duration startup;
    private final String agentToken;
    private final Map<String, List<ServiceProcess>> instances = new LinkedHashMap<>();

    private SystemUnderTest(LocalSystem system, Duration startup, String agentToken) {
        this.system = system;
        this.startup = startup;
        this.agentToken = agentToken;
        SERVICES.forEach(s -> instances.put(s, new ArrayList<>(List.of(system.service(s)))));
    }

    /**
     * Starts NATS, PostgreSQL and the five services under a new temporary home, durable as
     * {@code ./handrail up} runs them; waits until an action can run.
     */
    public static SystemUnderTest start(Path repo) {
        return start(repo, true, POLICY, Map.of());
    }

    /**
     * As {@link #start(Path)}, with {@code policy} as the policy file and {@code extraEnv} added to
     * every service's environment; with {@code durable}, the home is kept as {@code ./handrail up}
     * keeps it (PostgreSQL with fsync and synchronous commit, the JetStream store kept across a
     * restart of nats-server), so a crash of either loses only what was never acknowledged.
     */
    public static SystemUnderTest start(Path repo, boolean durable, String policy, Map<String, String> extraEnv) {
        return start(repo, durable, policy, extraEnv, 1);
    }

    /**
     * As {@link #start(Path, boolean, String, Map)}, on {@code natsServers} local nats-servers: one,
     * or a cluster of that many with the streams replicated on each (as {@code ./handrail up
     * --cluster} runs it).
     */
    public static SystemUnderTest start(
            Path repo, boolean durable, String policy, Map<String, String> extraEnv, int natsServers) {
        Path home;
        try {
            home = Files.createTempDirectory("handrail-bench");
            Files.createDirectories(Settings.defaultWorkspace(home));
            Files.writeString(Settings.defaultWorkspace(home).resolve(FILE), "hello from the benchmark");
            Files.writeString(home.resolve("policy.yaml"), policy);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the benchmark's home", e);
        }
        Settings one = new Settings(Ports.free(), home, Settings.defaultWorkspace(home), repo, null, null, durable);
        Settings settings = natsServers > 1 ? one.withNatsCluster(natsServers) : one;
        primeClassDataSharing(repo);
        long t0 = System.nanoTime();
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "HANDRAIL_GATEWAY_SECURITY_REQUESTS_PER_SECOND", Long.toString(UNLIMITED),
                "HANDRAIL_GATEWAY_SECURITY_BURST", Long.toString(UNLIMITED)));
        env.putAll(extraEnv);
        LocalSystem system = LocalSystem.start(settings, env);
        Duration startup = Duration.ofNanos(System.nanoTime() - t0);
        try {
            String agent = issueAgentToken(system);
            awaitFileReadImplemented(system);
            return new SystemUnderTest(system, startup, agent);
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /**
     * Starts and stops the system once when a service's class-data sharing archive is missing or
     * older than its class path (the first start after a build writes it), so startups are
     * measured as every later start runs.
     */
    private static void primeClassDataSharing(Path repo) {
        try {
            for (String module : LocalSystem.modules()) {
                if (!ServiceProcess.archiveCurrent(repo, module)) {
                    LOG.info(
                            "Writing the class-data sharing archives ({} has none for this build): starting and "
                                    + "stopping the system once ...",
                            module);
                    Path home = Files.createTempDirectory("handrail-bench-prime");
                    LocalSystem.start(
                                    new Settings(
                                            Ports.free(),
                                            home,
                                            Files.createDirectories(Settings.defaultWorkspace(home)),
                                            repo,
                                            null,
                                            null,
                                            false),
                                    Map.of())
                            .close();
                    primed = true;
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the class-data sharing archives", e);
        }
    }

    private static String issueAgentToken(LocalSystem system) {
        try (HttpLoadClient http = new HttpLoadClient(1)) {
            String body = http.post(
                            system.gatewayUrl() + "/v1/tokens",
                            system.adminToken(),
                            "{\"principal\":\"bench-agent\",\"role\":\"agent\"}")
                    .expect(201)
                    .body();
            return Json.mapper().readTree(body).get("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the issued token", e);
        }
    }

    private static void awaitFileReadImplemented(LocalSystem system) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (HttpLoadClient http = new HttpLoadClient(1)) {
            while (System.nanoTime() < deadline) {
                HttpLoadClient.Answer answer = http.get(system.gatewayUrl() + "/v1/capabilities", system.adminToken());
                if (answer.status() == 200 && implemented(Json.mapper().readTree(answer.body()), "file.read")) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(
                "file.read was not implemented by any node within " + READY_TIMEOUT.toSeconds() + " s");
    }

    private static boolean implemented(JsonNode capabilities, String intent) {
        for (JsonNode c : capabilities.path("capabilities")) {
            if (c.path("intent").asText().equals(intent)) {
                return c.path("implemented").asBoolean();
            }
        }
        return false;
    }

    /**
     * How the system was set up for the load, as it reports itself: the policy version in force
     * (it should be the benchmark's, whose budgets cannot be reached) and the lifted rate limit.
     */
    public List<String> setup() {
        String version;
        try (HttpLoadClient http = new HttpLoadClient(1)) {
            HttpLoadClient.Answer answer = http.get(system.gatewayUrl() + "/v1/policy", system.adminToken());
            JsonNode found = answer.status() == 200
                    ? Json.mapper().readTree(answer.body()).findValue("version")
                    : null;
            version = found == null ? "unknown (GET /v1/policy answered " + answer.status() + ")" : found.asText();
        } catch (IOException | RuntimeException e) {
            version = "unknown (" + e.getMessage() + ")";
        }
        return List.of(
                "Policy in force: " + version
                        + (version.equals("bench-1")
                                ? " (the built-in policy with budgets of " + UNLIMITED
                                        + ", so the checks run but never refuse)"
                                : " (not the benchmark's policy: its budgets may refuse part of the load)"),
                "Gateway rate limit per principal: " + UNLIMITED
                        + " requests/s (HANDRAIL_GATEWAY_SECURITY_REQUESTS_PER_SECOND).",
                "JVM options of each service: " + String.join(" ", ServiceProcess.JVM_OPTIONS)
                        + ", class-data sharing from target/<module>.jsa (as ./handrail up starts them)"
                        + (primed
                                ? "; the archives were written first by starting and stopping the system once."
                                : "."));
    }

    /** Starts one more instance of a service and counts it in from now on. */
    public ServiceProcess addInstance(String module) {
        ServiceProcess instance = system.startInstance(module);
        instances.get(module).add(instance);
        return instance;
    }

    /**
     * Restarts the first instance of a service (SIGTERM, then the same port and environment) and
     * counts the new process in its place.
     */
    public ServiceProcess restart(String module) {
        ServiceProcess old = system.service(module);
        ServiceProcess again = system.restart(module);
        List<ServiceProcess> list = instances.get(module);
        list.set(list.indexOf(old), again);
        return again;
    }

    /** Stops an instance started by {@link #addInstance}. */
    public void stopInstance(String module, ServiceProcess instance) {
        instance.close();
        instances.get(module).remove(instance);
    }

    /** Every gateway's base URL, the first one's first. */
    public List<String> gatewayUrls() {
        return instances.get("gateway-service").stream()
                .map(g -> "http://127.0.0.1:" + g.port())
                .toList();
    }

    public String gatewayUrl() {
        return system.gatewayUrl();
    }

    public String agentToken() {
        return agentToken;
    }

    public String adminToken() {
        return system.adminToken();
    }

    public String natsUrl() {
        return system.infrastructure().natsUrl();
    }

    public String jdbcUrl() {
        return system.infrastructure().jdbcUrl();
    }

    /** The whole system: its services (to kill or restart one) and its NATS and PostgreSQL. */
    public LocalSystem local() {
        return system;
    }

    /** The executor's file root. */
    public Path workspace() {
        return system.settings().workspace();
    }

    /** How long the five services took to start together and become healthy (NATS and PostgreSQL included). */
    public Duration startup() {
        return startup;
    }

    /** The first instance of a service. */
    public ServiceProcess service(String module) {
        return system.service(module);
    }

    /** Every running instance of a service. */
    public List<ServiceProcess> instances(String module) {
        return List.copyOf(instances.get(module));
    }

    /** The processes of each part of the system, for {@link CpuMeter}: services, nats-server, PostgreSQL, the harness. */
    public Map<String, List<ProcessHandle>> components() {
        Map<String, List<ProcessHandle>> parts = new LinkedHashMap<>();
        instances.forEach((module, list) -> parts.put(
                module.replace("-service", ""),
                list.stream()
                        .map(s -> ProcessHandle.of(s.pid()))
                        .flatMap(Optional::stream)
                        .toList()));
        parts.put(
                "nats-server",
                ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info()
                                .command()
                                .map(c -> c.endsWith("nats-server"))
                                .orElse(false))
                        .toList());
        parts.put("postgres", postgres());
        parts.put(CpuMeter.LOAD_GENERATOR, List.of(ProcessHandle.current()));
        return parts;
    }

    private List<ProcessHandle> postgres() {
        Matcher port = Pattern.compile(":(\\d+)/").matcher(jdbcUrl());
        if (!port.find()) {
            return List.of();
        }
        String p = port.group(1);
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(h ->
                        h.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(h -> h.info()
                        .arguments()
                        .map(a -> String.join(" ", a).matches(".*-p\\s*" + p + "(\\s.*|$)"))
                        .orElse(false))
                .toList();
        List<ProcessHandle> all = new ArrayList<>(servers);
        servers.forEach(s -> s.descendants().forEach(all::add));
        return all;
    }

    /** Stops the system and removes its home (kept stores included) and workspace: every run starts clean. */
    @Override
    public void close() {
        system.close();
        Path home = system.settings().home();
        if (Boolean.getBoolean("handrail.bench.keep-home")) {
            LOG.info("Kept the system's home (logs, data) in {}", home);
            return;
        }
        deleteTree(home);
        deleteTree(Settings.defaultWorkspace(home));
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", root, e.getMessage());
        }
    }
}
