package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.program.ChildEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts desktop programs as independent processes of the user's session: standard input from
 * the null device, output discarded (a GUI program's chatter must not fill a pipe nobody reads),
 * the executor's private variables removed, and the session's variables (e.g. {@code DISPLAY})
 * set. Stateless.
 */
public final class ProcessLauncher {

    private static final int MESSAGE_TAIL = 300;

    private final Map<String, String> session;

    public ProcessLauncher(Map<String, String> session) {
        this.session = Map.copyOf(session);
    }

    /** Starts the program and returns its process id; it is not waited for. */
    public long start(Path executable, List<String> args, Path workingDirectory) {
        ProcessBuilder builder = builder(executable, args, workingDirectory)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return builder.start().pid();
        } catch (IOException e) {
            throw new DesktopException(ErrorCode.APP_NOT_STARTED, "Cannot start " + executable + ": " + e.getMessage());
        }
    }

    /**
     * Runs a helper (a URL opener) and waits up to {@code wait}: a non-zero exit fails with
     * {@code failureCode} and the end of its error output; one still running (it became the
     * browser) is fine.
     */
    public void runBriefly(Path executable, List<String> args, Duration wait, ErrorCode failureCode)
            throws InterruptedException {
        Path errors;
        try {
            errors = Files.createTempFile("handrail-helper", ".err");
        } catch (IOException e) {
            throw new DesktopException(
                    failureCode, "Cannot create a temporary file for " + executable + ": " + e.getMessage());
        }
        try {
            Process process;
            try {
                process = builder(executable, args, null)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(errors.toFile())
                        .start();
            } catch (IOException e) {
                throw new DesktopException(failureCode, "Cannot start " + executable + ": " + e.getMessage());
            }
            if (process.waitFor(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                String error = tail(errors);
                throw new DesktopException(
                        failureCode,
                        executable.getFileName() + " exited with code " + process.exitValue()
                                + (error.isEmpty() ? "" : ": " + error));
            }
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException e) {
                errors.toFile().deleteOnExit();
            }
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() <= MESSAGE_TAIL ? text : "..." + text.substring(text.length() - MESSAGE_TAIL);
        } catch (IOException e) {
            return "";
        }
    }

    private ProcessBuilder builder(Path executable, List<String> args, Path workingDirectory) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        ChildEnvironment.scrub(builder.environment());
        builder.environment().putAll(session);
        return builder;
    }

    private static boolean isWindows() {
        return File.separatorChar == '\\';
    }
}
