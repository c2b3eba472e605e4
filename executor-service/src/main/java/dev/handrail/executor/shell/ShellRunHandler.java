package dev.handrail.executor.shell;

import static dev.handrail.contracts.error.ErrorCode.COMMAND_FAILED;
import static dev.handrail.contracts.error.ErrorCode.COMMAND_NOT_FOUND;
import static dev.handrail.contracts.error.ErrorCode.COMMAND_NOT_STARTED;
import static dev.handrail.contracts.error.ErrorCode.INTERRUPTED;
import static dev.handrail.contracts.error.ErrorCode.TIMEOUT;

import dev.handrail.contracts.capability.Arguments;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.node.ExecutorProperties;
import dev.handrail.executor.program.ChildEnvironment;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.sandbox.Sandbox;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code shell.run}: splits the command into words ({@link ArgvParser}), checks the program and its
 * arguments against the node's {@link ExecutableAllowlist} (by real path; interpreters and unsafe
 * arguments off unless allowed),
 * and starts the file found directly, never through a shell, in the first workspace root (or the
 * directory {@code cwd} names inside the workspace, resolved by the {@link Sandbox}) with
 * its standard input closed and without the executor's private {@code HANDRAIL_*} variables.
 * Standard output and error are each kept up to a limit. When the time is up, or the thread is
 * interrupted, the whole process tree is killed. A non-zero exit is a failure that still carries
 * the output as evidence. Stateless.
 */
@Singleton
public final class ShellRunHandler implements CapabilityHandler {

    public static final String INTENT = "shell.run";

    /** How long to wait for the output pipes to close once the program has ended or been killed. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private static final int MESSAGE_TAIL = 300;

    private final Sandbox sandbox;
    private final long maxOutputBytes;
    private final ExecutableAllowlist allowlist;

    @Inject
    public ShellRunHandler(
            Sandbox sandbox,
            ExecutorProperties properties,
            @Named(ShellProperties.PREFIX) ExecutableAllowlist allowlist) {
        this(sandbox, properties.getMaxOutputBytes(), allowlist);
    }

    /** A handler whose workspace is the one root {@code workingDirectory}. */
    public ShellRunHandler(Path workingDirectory, long maxOutputBytes, ExecutableAllowlist allowlist) {
        this(Sandbox.open(List.of(workingDirectory)), maxOutputBytes, allowlist);
    }

    private ShellRunHandler(Sandbox sandbox, long maxOutputBytes, ExecutableAllowlist allowlist) {
        this.sandbox = sandbox;
        this.maxOutputBytes = maxOutputBytes;
        this.allowlist = allowlist;
    }

    @Override
    public String intent() {
        return INTENT;
    }

    @Override
    public Outcome run(Invocation invocation) {
        Arguments params = Params.of(INTENT, invocation);
        List<String> words = ArgvParser.parse(params.text("command"));
        Path program;
        Path workingDirectory;
        try {
            workingDirectory =
                    sandbox.workingDirectory(params.optionalText("cwd").orElse(null));
            program = allowlist.check(words.get(0), words.subList(1, words.size()), sandbox.workingDirectory());
        } catch (RefusedException e) {
            return Outcome.failed(e.code(), e.getMessage());
        }
        List<String> argv = new ArrayList<>(words);
        argv.set(0, program.toString());
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile());
            ChildEnvironment.scrub(builder.environment());
            process = builder.start();
        } catch (IOException e) {
            return notStarted(words.get(0), e);
        }
        OutputCapture stdout = OutputCapture.start(process.getInputStream(), maxOutputBytes, "stdout-" + process.pid());
        OutputCapture stderr = OutputCapture.start(process.getErrorStream(), maxOutputBytes, "stderr-" + process.pid());
        try {
            process.getOutputStream().close();
            return await(process, words.get(0), program, invocation.timeout(), stdout, stderr);
        } catch (IOException e) {
            ProcessTree.kill(process);
            return Outcome.failed(
                    COMMAND_NOT_STARTED, "Cannot close the standard input of " + words.get(0) + ": " + e.getMessage());
        } finally {
            if (process.isAlive()) {
                ProcessTree.kill(process);
            }
        }
    }

    private Outcome await(
            Process process,
            String program,
            Path executable,
            Duration timeout,
            OutputCapture stdout,
            OutputCapture stderr) {
        boolean exited;
        boolean interrupted = false;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            exited = false;
            interrupted = true;
        }
        if (!exited) {
            ProcessTree.kill(process);
        }
        drain(stdout, stderr);
        Map<String, Object> evidence = new LinkedHashMap<>(output(exited ? process.exitValue() : null, stdout, stderr));
        evidence.put("pid", process.pid());
        evidence.put("executable", executable.toString());
        if (interrupted) {
            Thread.currentThread().interrupt();
            return Outcome.failed(INTERRUPTED, program + " was stopped before it finished", evidence);
        }
        if (!exited) {
            return Outcome.failed(
                    TIMEOUT,
                    "Timed out after " + timeout.toMillis() + " ms; " + program
                            + " and its child processes were killed",
                    evidence);
        }
        if (process.exitValue() != 0) {
            return Outcome.failed(
                    COMMAND_FAILED, program + " exited with code " + process.exitValue() + tail(stderr), evidence);
        }
        return Outcome.succeeded(
                output(0, stdout, stderr),
                Map.of(
                        "pid",
                        process.pid(),
                        "executable",
                        executable.toString(),
                        "exit_code",
                        0,
                        "stdout_bytes",
                        stdout.bytes(),
                        "stderr_bytes",
                        stderr.bytes()));
    }

    /**
     * Waits briefly for the pipes to close. A background child that escaped the process tree
     * can hold them open; its output is then cut off here rather than waited for.
     */
    private static void drain(OutputCapture stdout, OutputCapture stderr) {
        try {
            long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
            stdout.await(DRAIN_GRACE);
            stderr.await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The documented output; {@code exit_code} is left out when the program never exited. */
    private static Map<String, Object> output(Integer exitCode, OutputCapture stdout, OutputCapture stderr) {
        Map<String, Object> output = new LinkedHashMap<>();
        if (exitCode != null) {
            output.put("exit_code", exitCode);
        }
        output.put("stdout", stdout.text());
        output.put("stderr", stderr.text());
        output.put("truncated", stdout.truncated() || stderr.truncated());
        return output;
    }

    private static String tail(OutputCapture stderr) {
        String text = stderr.text().strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() <= MESSAGE_TAIL ? text : "..." + text.substring(text.length() - MESSAGE_TAIL));
    }

    private static Outcome notStarted(String program, IOException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        if (reason.contains("error=2,") || reason.contains("No such file")) {
            return Outcome.failed(
                    COMMAND_NOT_FOUND,
                    "No program '" + program + "' was found (looked in PATH and " + "relative to the workspace)");
        }
        return Outcome.failed(COMMAND_NOT_STARTED, "Cannot start '" + program + "': " + reason);
    }
}
