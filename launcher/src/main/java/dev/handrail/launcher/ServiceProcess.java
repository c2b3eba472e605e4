package dev.handrail.launcher;

import dev.handrail.contracts.Credentials;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Handrail service running as its own JVM from its module's build output, the way it runs
 * in production: its own process, its own port, its log in a file.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Five services share the cores of one machine: small heaps, the serial collector, and only
     * the quick JIT compiler (C1), whose code is good enough for services that mostly wait on
     * NATS and PostgreSQL, while C2 kept a core busy compiling (ADR 0012).
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xms32m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private static final Set<Path> ARCHIVE_WRITERS = ConcurrentHashMap.newKeySet();
    /** What Micronaut logs once the service's HTTP server listens. */
    private static final String STARTED = "Startup completed in ";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path log;
    /** Where this process's own output begins in the log (a restarted service appends to the same file). */
    private final long logStart;

    private final Process process;

    private ServiceProcess(String name, int port, int managementPort, Path log, long logStart, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.logStart = logStart;
        this.process = process;
    }

    /**
     * Starts {@code module}'s main class with the class path its build wrote
     * ({@code target/runtime-classpath.txt}), its API on {@code port} and its management endpoints
     * on {@code managementPort} (loopback). The environment is the launcher's own without its
     * secrets ({@link #inheritable}), and {@code env}.
     */
    public static ServiceProcess start(
            Path repo,
            String module,
            String mainClass,
            int port,
            int managementPort,
            Map<String, String> env,
            List<String> properties,
            Path logDir) {
        Path target = repo.resolve(module).resolve("target");
        Path classpathFile = target.resolve("runtime-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(
                    module + " is not built (no " + classpathFile + "); run ./mvnw -DskipTests package");
        }
        try {
            Optional<Path> jar = currentJar(target, module);
            List<Path> classPath = classPath(target, jar);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(JVM_OPTIONS);
            Path archive = target.resolve(module + ".jsa");
            boolean writesArchive = jar.isPresent() && ARCHIVE_WRITERS.add(archive);
            if (writesArchive && !writtenAfter(archive, classPath)) {
                // The JVM does not replace an archive whose class path changed; it writes a missing one.
                Files.deleteIfExists(archive);
            }
            if (jar.isPresent()) {
                command.addAll(classDataSharing(archive, writesArchive));
            }
            command.addAll(extraJvmOptions());
            command.add("-Dmicronaut.server.port=" + port);
            command.add("-Dendpoints.all.port=" + managementPort);
            properties.forEach(p -> command.add("-D" + p));
            command.addAll(List.of(
                    "-cp",
                    classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                    mainClass));
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + ".log");
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(variable -> !inheritable(module, variable));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (writesArchive) {
                process.onExit().thenRun(() -> ARCHIVE_WRITERS.remove(archive));
            }
            return new ServiceProcess(module, port, managementPort, log, logStart, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + module, e);
        }
    }

    /**
     * Whether a variable of the launcher's own environment may pass to {@code module}: anything
     * but a secret (a password, token, key or secret, or a Handrail URL, which may carry
     * credentials), and a secret only to the service it names ({@code HANDRAIL_AUDIT_DB_PASSWORD}
     * to the audit service). The launcher hands each service the secrets it needs itself.
     */
    static boolean inheritable(String module, String variable) {
        String name = variable.toUpperCase(java.util.Locale.ROOT);
        boolean secret = name.contains("PASSWORD")
                || name.contains("TOKEN")
                || name.contains("SECRET")
                || name.endsWith("_KEY")
                || name.contains("OWNER_DB")
                || name.startsWith("HANDRAIL_") && name.endsWith("_URL");
        String own = "HANDRAIL_" + module.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_";
        return !secret || name.startsWith(own);
    }

    /**
     * The module's packaged jar when it holds what {@code target/classes} holds (it is not older
     * than any class file there), so the service runs what was last compiled either way.
     */
    public static Optional<Path> currentJar(Path target, String module) throws IOException {
        Path classes = target.resolve("classes");
        try (Stream<Path> jars = Files.list(target)) {
            Optional<Path> jar = jars.filter(
                            p -> p.getFileName().toString().matches(Pattern.quote(module) + "-[^-].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(sources|tests|test-sources)\\.jar"))
                    .findFirst();
            if (jar.isEmpty() || !Files.isDirectory(classes)) {
                return jar;
            }
            FileTime packaged = Files.getLastModifiedTime(jar.get());
            try (Stream<Path> files = Files.walk(classes)) {
                boolean stale = files.filter(Files::isRegularFile).anyMatch(f -> {
                    try {
                        return Files.getLastModifiedTime(f).compareTo(packaged) > 0;
                    } catch (IOException e) {
                        return true;
                    }
                });
                return stale ? Optional.empty() : jar;
            }
        }
    }

    /**
     * Whether {@code module}'s class-data sharing archive was written after its jar and every jar
     * on its class path, so the next start maps it rather than writing a new one.
     */
    public static boolean archiveCurrent(Path repo, String module) throws IOException {
        Path target = repo.resolve(module).resolve("target");
        Optional<Path> jar = currentJar(target, module);
        return jar.isPresent() && writtenAfter(target.resolve(module + ".jsa"), classPath(target, jar));
    }

    /** The module's jar (else its classes) and the class path its build wrote. */
    private static List<Path> classPath(Path target, Optional<Path> jar) throws IOException {
        List<Path> entries = new ArrayList<>(List.of(jar.orElse(target.resolve("classes"))));
        for (String entry :
                Files.readString(target.resolve("runtime-classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            entries.add(Path.of(entry));
        }
        return entries;
    }

    /** Whether {@code archive} exists and was written after every file of {@code classPath}. */
    public static boolean writtenAfter(Path archive, List<Path> classPath) throws IOException {
        if (!Files.exists(archive)) {
            return false;
        }
        FileTime written = Files.getLastModifiedTime(archive);
        for (Path entry : classPath) {
            if (Files.exists(entry) && Files.getLastModifiedTime(entry).compareTo(written) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Class-data sharing (only with the jar: the JVM archives no classes from a directory): the JVM
     * writes the classes a service loaded into {@code target/<module>.jsa} when it exits and maps
     * them on the next start instead of loading and verifying them again (a new archive is written
     * when the class path changed: the launcher deletes an archive older than the class path, as
     * the JVM would not replace it). One process per archive writes it; other instances of the
     * module started meanwhile only read it.
     */
    public static List<String> classDataSharing(Path archive, boolean write) {
        List<String> options =
                new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        if (write) {
            options.add("-XX:+AutoCreateSharedArchive");
        }
        return options;
    }

    /** Options from {@code HANDRAIL_JVM_OPTIONS} (space-separated), after the defaults so they win. */
    static List<String> extraJvmOptions() {
        String extra = System.getenv("HANDRAIL_JVM_OPTIONS");
        return extra == null || extra.isBlank()
                ? List.of()
                : List.of(extra.trim().split("\\s+"));
    }

    /**
     * Waits until {@code /health} on the management port answers 200 (every indicator up: NATS,
     * the database) and this process says in its own log that its
     * server started, or fails with the end of the service's log. A 200 alone is not enough: the
     * port was free when it was picked, but on a shared machine another process may take it
     * before the service binds it; the service then fails to start while that other process
     * answers, and the system would run without it (an executor that never sends a heartbeat, an
     * audit store nobody can ask).
     */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && serverStarted()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            pause();
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this process (not an earlier one in the same log) logged that its server is running. */
    private boolean serverStarted() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() <= logStart) {
                return false;
            }
            file.seek(logStart);
            byte[] own = new byte[(int) Math.min(Integer.MAX_VALUE - 8, file.length() - logStart)];
            file.readFully(own);
            return new String(own, StandardCharsets.UTF_8).contains(STARTED);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of the service's log, with credentials in URLs masked (they end up in test reports and terminals). */
    public String logTail() {
        return tail(log);
    }

    /** The last 30 lines of {@code log}, credentials masked. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return Credentials.mask(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The port of the service's management endpoints (health details, metrics, Prometheus), on 127.0.0.1. */
    public int managementPort() {
        return managementPort;
    }

    /** Base URL of the service's management endpoints. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path log() {
        return log;
    }

    /** The operating system's id of the service's process (for {@code /proc/<pid>}, {@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Asks the service to stop (SIGTERM: it drains in-flight work), then forces it after 15 s. */
    @Override
    public void close() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(15))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
