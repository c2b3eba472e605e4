package dev.handrail.bench.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * CPU profiles of running services with JDK Flight Recorder: {@code jcmd <pid> JFR.start} with
 * the {@code profile} settings (the same recording {@code -XX:StartFlightRecording} would make,
 * without restarting the service), {@code JFR.stop} to write it, then the execution samples
 * read with the {@code jdk.jfr.consumer} API (what {@code jfr print --events jdk.ExecutionSample}
 * prints) and tallied.
 */
public final class JfrProfiler {

    static final String RECORDING = "handrail-bench";
    private static final String OWN_PACKAGE = "dev.handrail.";

    private final Path jcmd;
    private final Path directory;

    /** A profiler that writes its recordings into {@code directory}. */
    public JfrProfiler(Path directory) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        this.jcmd = java.resolveSibling("jcmd");
        this.directory = directory;
    }

    /** Starts recording in the process {@code pid}. */
    public void start(long pid) {
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
    }

    /** Stops the recording in {@code pid} and writes it to {@code <directory>/<label>.jfr}. */
    public Path stop(long pid, String label) {
        Path file = directory.resolve(label + ".jfr");
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file);
        return file;
    }

    /** Tallies the execution samples of a recording ({@code shownAs}: how the report names the file). */
    public static ProfileSummary summarise(String scenario, String service, Path recording, String shownAs, int limit) {
        FrameTally tally = new FrameTally(OWN_PACKAGE);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    List<String> frames = new ArrayList<>();
                    for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                        frames.add(frame.getMethod().getType().getName() + "."
                                + frame.getMethod().getName());
                    }
                    tally.add(frames);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + recording, e);
        }
        return new ProfileSummary(
                scenario,
                service,
                tally.samples(),
                tally.libraries(limit),
                tally.topOfStack(limit),
                tally.ownFrames(limit),
                shownAs);
    }

    private void jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new JfrException(String.join(" ", args) + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new JfrException("Cannot run " + jcmd + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JfrException("Interrupted while running jcmd");
        }
    }

    /** jcmd could not start or stop a recording. */
    public static final class JfrException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public JfrException(String message) {
            super(message);
        }
    }
}
