package dev.handrail.executor.app;

import dev.handrail.executor.program.Platform;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Which programs {@code app.launch} may start, under {@code handrail.executor.apps}: names (looked
 * up in {@code PATH}) or absolute paths, compared by real path; interpreters refused unless
 * {@code allow-interpreters} is true, unsafe arguments unless {@code allow-unsafe-arguments} is. Defaults are a few harmless desktop applications; entries
 * not installed are simply never matched. Bound once at start-up and only read afterwards.
 */
@ConfigurationProperties(AppProperties.PREFIX)
public class AppProperties {

    public static final String PREFIX = "handrail.executor.apps";

    public static final List<String> LINUX_DEFAULTS = List.of(
            "gedit",
            "gnome-text-editor",
            "mousepad",
            "kate",
            "xed",
            "gnome-calculator",
            "kcalc",
            "galculator",
            "xcalc",
            "xclock",
            "xeyes",
            "evince",
            "eog");
    /** calc.exe and write.exe hand over to another process and exit at once, so they are not defaults. */
    public static final List<String> WINDOWS_DEFAULTS = List.of("notepad", "mspaint");

    private List<String> allowedExecutables = new ArrayList<>(Platform.isWindows() ? WINDOWS_DEFAULTS : LINUX_DEFAULTS);
    private boolean allowInterpreters;
    private boolean allowUnsafeArguments;

    /** The programs that may be launched. */
    public List<String> getAllowedExecutables() {
        return allowedExecutables;
    }

    public void setAllowedExecutables(List<String> allowedExecutables) {
        this.allowedExecutables = allowedExecutables;
    }

    /** Whether listed interpreters may be launched. */
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
