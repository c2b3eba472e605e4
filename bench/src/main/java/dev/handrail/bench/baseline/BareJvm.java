package dev.handrail.bench.baseline;

import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.devkit.Ports;
import dev.handrail.launcher.ServiceProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bare endpoint ({@link BareEndpoint}) as its own JVM, started the way the launcher starts a
 * service (the same JVM options, its own process, loopback), so it compares with the gateway as
 * one process with another, and the load generator's JVM is not also the server's. Its class
 * path is the harness's without Handrail's own modules, whose eager beans would want NATS, and
 * with the bench's jar instead of its classes when that is current (so it shares classes as the
 * services do).
 */
public final class BareJvm implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(100);
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern HANDRAIL_MODULE =
            Pattern.compile(".*(/dev/handrail/|/(contracts|bus|devkit|launcher|[a-z]+-service)/target/).*");

    private final Process process;
    private final String url;
    private final Duration startup;

    private BareJvm(Process process, String url, Duration startup) {
        this.process = process;
        this.url = url;
        this.startup = startup;
    }

    /** Starts it on a free port and waits until {@code GET /ping} answers 200, polled every 100 ms like the launcher polls. */
    public static BareJvm start(HttpLoadClient http) {
        String classPath = classPath(System.getProperty("java.class.path"));
        List<String> options = new ArrayList<>(ServiceProcess.JVM_OPTIONS);
        if (Stream.of(classPath.split(File.pathSeparator)).noneMatch(entry -> Files.isDirectory(Path.of(entry)))) {
            // Class-data sharing like the services, once the harness runs from its jar.
            Path archive = Path.of("bench", "target", "bare-micronaut.jsa").toAbsolutePath();
            options.addAll(ServiceProcess.classDataSharing(archive, true));
            try {
                if (!ServiceProcess.writtenAfter(
                        archive,
                        Stream.of(classPath.split(File.pathSeparator))
                                .map(Path::of)
                                .toList())) {
                    // As for the services: a start and a stop write the archive the measured start maps.
                    Files.deleteIfExists(archive);
                    launch(http, options, classPath).close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot check " + archive, e);
            }
        }
        return launch(http, options, classPath);
    }

    private static BareJvm launch(HttpLoadClient http, List<String> options, String classPath) {
        int port = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath, BareEndpoint.class.getName(), Integer.toString(port)));
        long t0 = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the bare Micronaut JVM", e);
        }
        String url = "http://127.0.0.1:" + port + "/ping";
        while (!answers(http, url)) {
            if (System.nanoTime() - t0 > TIMEOUT.toNanos() || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("The bare Micronaut JVM did not answer on " + url + " (run "
                        + String.join(" ", command) + " to see why)");
            }
            pause();
        }
        return new BareJvm(process, url, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The harness's class path without Handrail's modules (the bench module's own classes stay). */
    static String classPath(String harness) {
        return Stream.of(harness.split(File.pathSeparator))
                .filter(entry -> !HANDRAIL_MODULE
                        .matcher(entry.replace(File.separatorChar, '/'))
                        .matches())
                .map(BareJvm::jarFor)
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code bench/target/classes} as the bench's jar, when that holds the same classes. */
    private static String jarFor(String entry) {
        Path path = Path.of(entry);
        if (!path.endsWith(Path.of("bench", "target", "classes"))) {
            return entry;
        }
        try {
            return ServiceProcess.currentJar(path.getParent(), "bench")
                    .map(Path::toString)
                    .orElse(entry);
        } catch (IOException e) {
            return entry;
        }
    }

    private static boolean answers(HttpLoadClient http, String url) {
        try {
            return http.get(url, null).status() == 200;
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/ping}. */
    public String url() {
        return url;
    }

    /** Process start to the first 200. */
    public Duration startup() {
        return startup;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
