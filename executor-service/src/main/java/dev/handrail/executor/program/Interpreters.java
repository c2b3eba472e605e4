package dev.handrail.executor.program;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Programs that run code or other programs named in their arguments: shells, script
 * interpreters, and launchers such as {@code env}, {@code xargs} or {@code sudo}. Allowing one of
 * them would allow everything, so they are refused unless a node's configuration says otherwise,
 * even when listed. Matched by file name, case-insensitively, without a Windows extension; batch
 * files count as {@code cmd} scripts.
 */
public final class Interpreters {

    private static final Pattern NAMES = Pattern.compile(String.join(
            "|",
            "(?:a|ba|da|z|k|mk|c|tc|fi|ra|yash)?sh",
            "busybox",
            "toybox",
            "python[0-9.]*w?",
            "pypy[0-9.]*",
            "perl[0-9.]*",
            "ruby[0-9.]*",
            "irb",
            "jruby",
            "node(?:js)?",
            "deno",
            "bun",
            "php[0-9.]*(?:-cgi)?",
            "lua(?:jit)?[0-9.]*",
            "tclsh[0-9.]*",
            "wish[0-9.]*",
            "expect",
            "rscript",
            "r",
            "julia",
            "java",
            "javaw",
            "jshell",
            "jrunscript",
            "groovy",
            "scala",
            "kotlinc?",
            "osascript",
            "swift",
            "guile",
            "racket",
            "sbcl",
            "clisp",
            "ghci",
            "runghc",
            "erl",
            "escript",
            "elixir",
            "iex",
            "g?awk",
            "mawk",
            "nawk",
            "sed",
            "find",
            "make",
            "gdb",
            "lldb",
            "strace",
            "ltrace",
            "vim?",
            "nvim",
            "emacs",
            "nano",
            "less",
            "more",
            "man",
            "ssh",
            "scp",
            "git",
            "docker",
            "podman",
            "kubectl",
            "env",
            "xargs",
            "nohup",
            "nice",
            "ionice",
            "timeout",
            "time",
            "stdbuf",
            "setsid",
            "chroot",
            "unshare",
            "nsenter",
            "flock",
            "watch",
            "script",
            "sudo",
            "su",
            "doas",
            "pkexec",
            "runuser",
            "systemd-run",
            "at",
            "batch",
            "crontab",
            "xdg-open",
            "open",
            "start",
            "pwsh",
            "powershell",
            "powershell_ise",
            "cmd",
            "command",
            "cscript",
            "wscript",
            "mshta",
            "rundll32",
            "regsvr32",
            "msiexec",
            "wsl",
            "wslhost",
            "bash\\.exe",
            "conhost",
            "explorer",
            "runas",
            "schtasks",
            "forfiles",
            "wmic"));
    private static final Pattern WINDOWS_EXTENSION = Pattern.compile("\\.(?:exe|com)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_EXTENSION =
            Pattern.compile("\\.(?:bat|cmd|ps1|vbs|vbe|js|jse|wsf|wsh|hta|msc)$", Pattern.CASE_INSENSITIVE);

    private Interpreters() {}

    /** Whether the file a path names is an interpreter or launcher. */
    public static boolean is(Path path) {
        return path != null
                && path.getFileName() != null
                && isName(path.getFileName().toString());
    }

    /** Whether a bare program name is an interpreter or launcher. */
    public static boolean isName(String name) {
        if (SCRIPT_EXTENSION.matcher(name).find()) {
            return true;
        }
        String bare = WINDOWS_EXTENSION.matcher(name).replaceFirst("").toLowerCase(Locale.ROOT);
        return NAMES.matcher(bare).matches();
    }
}
