package dev.handrail.executor.desktop.x11;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A virtual X server (Xvfb) with a window manager (openbox) for the tests, on a display number
 * Xvfb picks itself ({@code -displayfd}), so test runs never collide.
 */
public final class XServer implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    private final Process xvfb;
    private final Process windowManager;
    private final String display;

    private XServer(Process xvfb, Process windowManager, String display) {
        this.xvfb = xvfb;
        this.windowManager = windowManager;
        this.display = display;
    }

    /** Where the Xvfb binary is, if it is installed. */
    public static Optional<Path> xvfb() {
        return onPath("Xvfb");
    }

    static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts Xvfb, then openbox on it, and waits until the window manager has taken over. */
    public static XServer start(boolean withWindowManager) {
        return start(withWindowManager, List.of());
    }

    /** Starts Xvfb without a window manager and without an X extension ({@code XTEST}), as some servers are. */
    public static XServer startWithout(String extension) {
        return start(false, List.of("-extension", extension));
    }

    private static XServer start(boolean withWindowManager, List<String> options) {
        Path binary = xvfb().orElseThrow(() -> new IllegalStateException("Xvfb is not installed"));
        Process xvfb;
        try {
            List<String> command = new ArrayList<>(List.of(
                    binary.toString(),
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    WIDTH + "x" + HEIGHT + "x24",
                    "-nolisten",
                    "tcp"));
            command.addAll(options);
            xvfb = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Xvfb", e);
        }
        String display = ":" + displayNumber(xvfb);
        Process windowManager = null;
        if (withWindowManager) {
            Path openbox = onPath("openbox")
                    .orElseThrow(() -> new IllegalStateException(
                            "openbox is not installed (apt-get install openbox); the X11 tests need a window manager"));
            try {
                ProcessBuilder builder = new ProcessBuilder(openbox.toString(), "--sm-disable")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("DISPLAY", display);
                windowManager = builder.start();
            } catch (IOException e) {
                xvfb.destroyForcibly();
                throw new UncheckedIOException("Cannot start openbox", e);
            }
        }
        XServer server = new XServer(xvfb, windowManager, display);
        if (withWindowManager) {
            await().atMost(START_TIMEOUT).until(server::windowManagerReady);
        }
        return server;
    }

    private static String displayNumber(Process xvfb) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String number = line.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (number == null || number.isBlank()) {
                throw new IllegalStateException("Xvfb exited before naming its display");
            }
            return number.strip();
        } catch (Exception e) {
            xvfb.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start: " + e, e);
        }
    }

    private boolean windowManagerReady() {
        X11Connection connection = X11Connection.open(display);
        try {
            return connection.ewmh();
        } finally {
            connection.close();
        }
    }

    public String display() {
        return display;
    }

    /** Ends the X server at once (the window manager dies with it). */
    public void kill() {
        xvfb.destroyForcibly();
        try {
            xvfb.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (windowManager != null) {
            windowManager.destroy();
        }
        xvfb.destroy();
        try {
            if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
            if (windowManager != null && !windowManager.waitFor(5, TimeUnit.SECONDS)) {
                windowManager.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
