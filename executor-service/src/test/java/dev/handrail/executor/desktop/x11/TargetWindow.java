package dev.handrail.executor.desktop.x11;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link TargetWindowApp} running as its own JVM on a test display, and what it has reported so far. */
public final class TargetWindow implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Writer commands;
    public final String title;

    private TargetWindow(Process process, String title) {
        this.process = process;
        this.title = title;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(this::collect);
    }

    /** Starts the window at a place on the screen and waits until it is shown. */
    public static TargetWindow start(XServer server, String title, int x, int y) {
        return start(server, title, x, y, false);
    }

    /** Starts a window that ignores its close button when {@code stubborn}. */
    public static TargetWindow start(XServer server, String title, int x, int y, boolean stubborn) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(arguments(title, x, y, stubborn));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", server.display());
        try {
            TargetWindow window = new TargetWindow(builder.start(), title);
            await().atMost(PATIENCE).until(() -> window.last("READY").isPresent());
            return window;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the target window", e);
        }
    }

    /** The arguments after the java command that start a target window. */
    public static List<String> arguments(String title, int x, int y, boolean stubborn) {
        List<String> arguments =
                new ArrayList<>(List.of(TargetWindowApp.class.getName(), title, String.valueOf(x), String.valueOf(y)));
        if (stubborn) {
            arguments.add("stubborn");
        }
        return arguments;
    }

    /** The java command that runs a class from the test classes. */
    public static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(TargetWindowApp.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=false", "-cp", classes);
    }

    private void collect() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("GONE " + e.getMessage());
        }
    }

    public long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** The latest report of a kind ({@code TEXT}, {@code CLICK}...), without the kind. */
    public Optional<String> last(String kind) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.equals(kind) || line.startsWith(kind + " ")) {
                return Optional.of(line.length() > kind.length() ? line.substring(kind.length() + 1) : "");
            }
        }
        return Optional.empty();
    }

    /** Every report of a kind so far. */
    public List<String> all(String kind) {
        return lines.stream()
                .filter(line -> line.startsWith(kind + " "))
                .map(line -> line.substring(kind.length() + 1))
                .toList();
    }

    /** The screen rectangle of the click area: x, y, width, height. */
    public int[] area() {
        String[] parts = last("AREA").orElseThrow().split(" ");
        return new int[] {
            Integer.parseInt(parts[0]),
            Integer.parseInt(parts[1]),
            Integer.parseInt(parts[2]),
            Integer.parseInt(parts[3])
        };
    }

    public void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
