package dev.handrail.executor.app;

import dev.handrail.contracts.capability.Arguments;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.executor.capability.Invocation;
import dev.handrail.executor.capability.Outcome;
import dev.handrail.executor.capability.Params;
import dev.handrail.executor.desktop.AppPort;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.desktop.DesktopCapability;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopProperties;
import dev.handrail.executor.desktop.DesktopWindow;
import dev.handrail.executor.desktop.WindowMatcher;
import dev.handrail.executor.desktop.WindowPort;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code app.close}: closes an application by window title ({@link WindowMatcher}) or process id
 * (every window of that process) the way its close button would, then waits up to the close
 * grace for it to go: the process to exit when a process id was given, the window to disappear
 * when a title was. An application still there afterwards (asking to save, say) fails with
 * {@code APP_NOT_CLOSED}, unless {@code force} is true: then its process is ended at once. The
 * executor itself, its ancestors and process 1 are never targets. Stateless.
 */
@Singleton
public final class AppCloseHandler extends DesktopCapability {

    public static final String INTENT = "app.close";
    private static final Pattern PID = Pattern.compile("[0-9]{1,10}");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration EXIT_AFTER_FORCE = Duration.ofSeconds(2);

    private final Duration closeGrace;

    @Inject
    public AppCloseHandler(Desktop desktop, DesktopProperties properties) {
        this(desktop, properties.getCloseGrace());
    }

    public AppCloseHandler(Desktop desktop, Duration closeGrace) {
        super(desktop, INTENT, List.of(WindowPort.class, AppPort.class));
        this.closeGrace = closeGrace;
    }

    @Override
    public Outcome run(Invocation invocation) throws InterruptedException {
        long deadline = System.nanoTime() + invocation.timeout().toNanos();
        Arguments args = Params.of(INTENT, invocation);
        String target = args.text("target").strip();
        boolean force = args.flag("force");
        WindowPort windowPort = port(WindowPort.class);
        List<DesktopWindow> windows = windowPort.windows();
        Long pid;
        List<DesktopWindow> closing;
        boolean byPid = PID.matcher(target).matches();
        if (byPid) {
            pid = Long.parseLong(target);
            closing = windows.stream().filter(w -> pid.equals(w.pid())).toList();
        } else {
            DesktopWindow window = WindowMatcher.byTitle(windows, target);
            pid = window.pid();
            closing = List.of(window);
        }
        if (pid != null) {
            refuseProtected(pid);
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true) && closing.isEmpty()) {
                throw new DesktopException(ErrorCode.WINDOW_NOT_FOUND, "No process " + pid + " is running");
            }
        }
        if (closing.isEmpty() && !force) {
            throw new DesktopException(
                    ErrorCode.WINDOW_NOT_FOUND, "Process " + pid + " has no window to close; force: true ends it");
        }
        for (DesktopWindow window : closing) {
            windowPort.requestClose(window);
        }
        Set<String> ids = closing.stream().map(DesktopWindow::id).collect(Collectors.toSet());
        long graceEnd = Math.min(deadline - EXIT_AFTER_FORCE.toNanos(), System.nanoTime() + closeGrace.toNanos());
        boolean closed = !closing.isEmpty() && awaitGone(windowPort, byPid ? pid : null, ids, graceEnd);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("pid", pid);
        evidence.put("windows", closing.stream().map(DesktopWindow::describe).toList());
        evidence.put("forced", false);
        if (!closed && force) {
            if (pid == null) {
                return Outcome.failed(
                        ErrorCode.APP_NOT_CLOSED,
                        "'" + target + "' did not close and its process is " + "unknown, so it cannot be ended",
                        evidence);
            }
            port(AppPort.class).terminate(pid);
            evidence.put("forced", true);
            closed = awaitExit(pid, System.nanoTime() + EXIT_AFTER_FORCE.toNanos());
        }
        evidence.put(
                "exited",
                pid != null && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        if (!closed) {
            return Outcome.failed(
                    ErrorCode.APP_NOT_CLOSED,
                    "'" + target + "' is still open after " + closeGrace.toMillis()
                            + " ms (it may be asking whether to save)" + (force ? "" : "; force: true ends it"),
                    evidence);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("pid", pid);
        output.put("closed_windows", closing.size());
        output.put("forced", evidence.get("forced"));
        return Outcome.succeeded(output, evidence);
    }

    /** Waits for the process to exit (when known) or else for every closed window to be gone. */
    private static boolean awaitGone(WindowPort windowPort, Long pid, Set<String> ids, long deadline)
            throws InterruptedException {
        if (pid != null) {
            return awaitExit(pid, deadline);
        }
        while (true) {
            Set<String> open =
                    windowPort.windows().stream().map(DesktopWindow::id).collect(Collectors.toSet());
            if (ids.stream().noneMatch(open::contains)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
    }

    private static boolean awaitExit(long pid, long deadline) throws InterruptedException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        while (process.isPresent() && process.get().isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }

    private static void refuseProtected(long pid) {
        if (pid <= 1) {
            throw new DesktopException(ErrorCode.INVALID_TARGET, "Process " + pid + " is never closed");
        }
        Optional<ProcessHandle> current = Optional.of(ProcessHandle.current());
        while (current.isPresent()) {
            if (current.get().pid() == pid) {
                throw new DesktopException(
                        ErrorCode.INVALID_TARGET,
                        "Process " + pid + " is the executor or one of its parents; it is never closed");
            }
            current = current.get().parent();
        }
    }
}
