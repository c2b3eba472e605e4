package dev.handrail.executor.app;

import dev.handrail.contracts.capability.Arguments;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.desktop.AppPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopProperties;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.sandbox.Sandbox;
import dev.handrail.executor.shell.ArgvParser;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code app.launch}: starts a program from the node's application allowlist (by real path,
 * interpreters and unsafe arguments off unless allowed) with its arguments (a list, or one string split like
 * {@code shell.run}'s), in a working directory inside the workspace (the first root by default),
 * in the user's desktop session. Verified by the process still being alive a moment later
 * ({@code VERIFICATION_FAILED} when it already exited). Stateless.
 */
@Singleton
public final class AppLaunchHandler extends DesktopCapability {

    public static final String INTENT = "app.launch";
    /** Time kept back from the action's timeout for the liveness check itself. */
    private static final Duration MARGIN = Duration.ofMillis(200);

    private final ExecutableAllowlist allowlist;
    private final Sandbox sandbox;
    private final Duration aliveCheck;

    @Inject
    public AppLaunchHandler(
            Desktop desktop,
            @Named(AppProperties.PREFIX) ExecutableAllowlist allowlist,
            Sandbox sandbox,
            DesktopProperties properties) {
        this(desktop, allowlist, sandbox, properties.getLaunchCheck());
    }

    public AppLaunchHandler(Desktop desktop, ExecutableAllowlist allowlist, Sandbox sandbox, Duration aliveCheck) {
        super(desktop, INTENT, List.of(AppPort.class));
        this.allowlist = allowlist;
        this.sandbox = sandbox;
        this.aliveCheck = aliveCheck;
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        Arguments params = Params.of(INTENT, invocation);
        String target = params.text("target");
        List<String> args = arguments(params.textOrTexts("args").orElse(null));
        Path workingDirectory =
                sandbox.workingDirectory(params.optionalText("working_dir").orElse(null));
        Path executable = allowlist.check(target, args, sandbox.workingDirectory());
        long pid = port(AppPort.class).launch(executable, args, workingDirectory);
        Duration left = invocation.timeout().minus(MARGIN);
        Duration wait = aliveCheck.compareTo(left) < 0 ? aliveCheck : (left.isNegative() ? Duration.ZERO : left);
        Thread.sleep(wait);
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("pid", pid);
        evidence.put("executable", executable.toString());
        evidence.put("working_dir", workingDirectory.toString());
        evidence.put("alive", alive);
        evidence.put("checked_after_ms", wait.toMillis());
        if (!alive) {
            return Outcome.failed(
                    ErrorCode.VERIFICATION_FAILED,
                    target + " (pid " + pid + ") was no longer running " + wait.toMillis() + " ms after it started",
                    evidence);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("pid", pid);
        output.put("executable", executable.toString());
        return Outcome.succeeded(output, evidence);
    }

    private static List<String> arguments(Object args) {
        return switch (args) {
            case null -> List.of();
            case String line -> line.isBlank() ? List.of() : ArgvParser.parse(line);
            case List<?> list
            when list.stream().allMatch(String.class::isInstance) ->
                list.stream().map(String.class::cast).toList();
            default ->
                throw new RefusedException(
                        ErrorCode.INVALID_PARAMS, "Parameter 'args' must be a list of strings or one string");
        };
    }
}
