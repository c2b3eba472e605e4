package dev.handrail.executor.shell;

import dev.handrail.executor.program.Platform;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Which programs {@code shell.run} may start, under {@code handrail.executor.shell}: names (looked
 * up in {@code PATH}) or absolute paths, compared by real path; interpreters and launchers stay
 * refused unless {@code allow-interpreters} is true, and arguments that make a program write files,
 * run programs or change the machine unless {@code allow-unsafe-arguments} is. The defaults are
 * programs that only read or print. Bound once at start-up and only read afterwards.
 */
@ConfigurationProperties(ShellProperties.PREFIX)
public class ShellProperties {

    public static final String PREFIX = "handrail.executor.shell";

    /** Read-only or printing programs found on a usual Linux or macOS system. */
    public static final List<String> POSIX_DEFAULTS = List.of(
            "echo",
            "true",
            "false",
            "pwd",
            "ls",
            "cat",
            "head",
            "tail",
            "wc",
            "sort",
            "uniq",
            "grep",
            "cut",
            "tr",
            "date",
            "uname",
            "whoami",
            "id",
            "hostname",
            "sleep",
            "stat",
            "du",
            "df",
            "diff",
            "cmp",
            "basename",
            "dirname",
            "sha256sum",
            "md5sum",
            "printf",
            "seq");
    /** Read-only programs of Windows. */
    public static final List<String> WINDOWS_DEFAULTS =
            List.of("whoami", "hostname", "where", "ipconfig", "systeminfo", "tasklist", "findstr", "sort", "ping");

    private List<String> allowedExecutables = new ArrayList<>(Platform.isWindows() ? WINDOWS_DEFAULTS : POSIX_DEFAULTS);
    private boolean allowInterpreters;
    private boolean allowUnsafeArguments;

    /** The programs that may run. */
    public List<String> getAllowedExecutables() {
        return allowedExecutables;
    }

    public void setAllowedExecutables(List<String> allowedExecutables) {
        this.allowedExecutables = allowedExecutables;
    }

    /** Whether listed interpreters ({@code sh}, {@code python3}, {@code powershell}...) may run. */
    public boolean isAllowInterpreters() {
        return allowInterpreters;
    }

    public void setAllowInterpreters(boolean allowInterpreters) {
        this.allowInterpreters = allowInterpreters;
    }

    /**
     * Whether arguments that make an allowed program write files, run programs or change the
     * machine ({@code sort -o}, {@code find -exec}, {@code sed -i}, {@code date -s} ...) may be given.
     */
    public boolean isAllowUnsafeArguments() {
        return allowUnsafeArguments;
    }

    public void setAllowUnsafeArguments(boolean allowUnsafeArguments) {
        this.allowUnsafeArguments = allowUnsafeArguments;
    }
}
