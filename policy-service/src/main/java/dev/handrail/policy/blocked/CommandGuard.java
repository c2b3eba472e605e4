package dev.handrail.policy.blocked;

import dev.handrail.contracts.program.OptionSyntax;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the commands that are never run: formatting, partitioning or writing over a disk (the
 * whole mkfs family by every name, {@code dd of=}, {@code shred}, {@code blkdiscard}, a redirection
 * onto a device, however its path is spelled: {@link DevicePaths}), shutting down, rebooting or
 * suspending (also through {@code systemctl start poweroff.target} and D-Bus), and deleting
 * recursively (also {@code rm --recur}: a GNU long option may be shortened), however they are
 * spelled (directly, through {@code cmd /c}, {@code powershell -Command}, {@code sh -c}, wrappers
 * and substitutions; see {@link ShellCommandParser}). A line nested too deeply to inspect is
 * blocked too. Pure.
 */
public final class CommandGuard {

    private static final Set<String> FORMATTERS = Set.of(
            "format",
            "diskpart",
            "wipefs",
            "format-volume",
            "clear-disk",
            "initialize-disk",
            "blkdiscard",
            "mkswap",
            "fdformat");
    /** Every name of the mkfs family: mkfs, mkfs.ext4, mke2fs, mkdosfs, mkntfs, newfs_msdos, jfs_mkfs … */
    private static final Pattern FILESYSTEM_MAKERS = Pattern.compile("mkfs.*|mk[a-z0-9]*fs|newfs.*|[a-z0-9]+_mkfs");

    private static final Set<String> PARTITIONERS =
            Set.of("fdisk", "sfdisk", "cfdisk", "gdisk", "sgdisk", "cgdisk", "parted");
    private static final Set<String> LISTING = Set.of("-l", "--list");
    private static final Set<String> BLOCK_COPIERS = Set.of("dd", "dcfldd", "dc3dd");
    private static final Set<String> DEVICE_WRITERS = Set.of("shred", "tee");
    private static final Set<String> COPIERS = Set.of("cp", "install", "mv");
    private static final Pattern REDIRECTION = Pattern.compile("[0-9&]?>{1,2}[|&]?");
    private static final Set<String> POWER =
            Set.of("shutdown", "reboot", "poweroff", "halt", "stop-computer", "restart-computer");
    private static final Set<String> POWER_VERBS = Set.of(
            "poweroff",
            "reboot",
            "halt",
            "kexec",
            "soft-reboot",
            "suspend",
            "hibernate",
            "hybrid-sleep",
            "suspend-then-hibernate",
            "sleep",
            "emergency",
            "rescue");
    /** Units whose start stops the machine: {@code poweroff.target}, {@code systemd-reboot.service}, {@code runlevel0.target} … */
    private static final Pattern POWER_UNITS = Pattern.compile("(?:systemd-)?(?:poweroff|reboot|halt|kexec|soft-reboot"
            + "|suspend|hibernate|hybrid-sleep|suspend-then-hibernate|sleep|emergency|rescue|ctrl-alt-del|shutdown"
            + "|runlevel[016])(?:\\.(?:target|service))?");

    private static final Set<String> SYSTEMCTL_READERS = Set.of(
            "status",
            "show",
            "cat",
            "is-active",
            "is-enabled",
            "is-failed",
            "list-dependencies",
            "list-units",
            "list-unit-files",
            "help",
            "get-default");
    private static final OptionSyntax SYSTEMCTL = new OptionSyntax(
            "tspHMno",
            Set.of(
                    "type",
                    "state",
                    "signal",
                    "property",
                    "host",
                    "machine",
                    "lines",
                    "output",
                    "root",
                    "job-mode",
                    "kill-whom",
                    "kill-value",
                    "what",
                    "message",
                    "when",
                    "boot-loader-entry",
                    "boot-loader-menu",
                    "reboot-argument",
                    "timestamp",
                    "image",
                    "image-policy",
                    "preset-mode",
                    "drop-in",
                    "check-inhibitors",
                    "wait"));
    private static final Set<String> DBUS_CLIENTS = Set.of("dbus-send", "busctl", "gdbus", "qdbus", "dbus-launch");
    /** logind's methods that stop the machine, alone or at the end of a dotted name ({@code ...Manager.PowerOff}). */
    private static final Pattern LOGIN1_POWER_METHODS = Pattern.compile("(?:.*[^a-z])?(?:poweroff|reboot|halt|suspend"
            + "|hibernate|hybridsleep|suspendthenhibernate|scheduleshutdown)(?:[^a-z].*)?");

    private static final Set<String> POWERSHELL_REMOVERS =
            Set.of("remove-item", "ri", "rm", "rmdir", "rd", "del", "erase");

    private CommandGuard() {}

    /** Why {@code commandLine} is blocked, if it is. */
    public static Optional<BlockedInput> check(String commandLine) {
        return check(ShellCommandParser.parse(commandLine));
    }

    /** Why a program started with these words is blocked, if it is. */
    public static Optional<BlockedInput> checkArgv(List<String> argv) {
        return check(ShellCommandParser.parseArgv(argv));
    }

    /** Why a parsed command line is blocked, if it is. */
    public static Optional<BlockedInput> check(ShellCommandParser.Parsed parsed) {
        if (parsed.tooDeep()) {
            return Optional.of(blocked("the command nests interpreters too deeply to inspect"));
        }
        return parsed.commands().stream()
                .map(CommandGuard::verdict)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<BlockedInput> verdict(List<String> argv) {
        String program = ShellCommandParser.programName(argv.get(0));
        if (program.startsWith("$") || program.contains("$(") || program.contains("`") || program.contains("%")) {
            return Optional.of(blocked("'" + argv.get(0) + "' computes the program to run only when it runs"));
        }
        List<String> args = argv.subList(1, argv.size()).stream()
                .map(a -> a.toLowerCase(Locale.ROOT))
                .toList();
        if (formats(program, args)) {
            return Optional.of(blocked("'" + program + "' formats or wipes a disk"));
        }
        if (powersOff(program, args)) {
            return Optional.of(blocked("'" + String.join(" ", argv) + "' shuts down or restarts the machine"));
        }
        if (deletesRecursively(program, args)) {
            return Optional.of(blocked("'" + String.join(" ", argv) + "' deletes recursively"));
        }
        return Optional.empty();
    }

    private static boolean formats(String program, List<String> args) {
        return FORMATTERS.contains(program)
                || FILESYSTEM_MAKERS.matcher(program).matches()
                || PARTITIONERS.contains(program) && args.stream().noneMatch(LISTING::contains)
                || writesDevice(program, args);
    }

    /** Whether the command writes over a device: {@code dd of=}, {@code shred}, {@code tee}, a copy or a redirection onto it. */
    private static boolean writesDevice(String program, List<String> args) {
        if (BLOCK_COPIERS.contains(program)
                        && args.stream().anyMatch(a -> a.startsWith("of=") && DevicePaths.isDevice(a.substring(3)))
                || DEVICE_WRITERS.contains(program) && args.stream().anyMatch(DevicePaths::isDevice)
                || COPIERS.contains(program) && !args.isEmpty() && DevicePaths.isDevice(args.getLast())) {
            return true;
        }
        for (int i = 0; i < args.size(); i++) {
            Matcher redirection = REDIRECTION.matcher(args.get(i));
            if (redirection.find()) {
                String target = args.get(i).substring(redirection.end());
                if (DevicePaths.isDevice(target.isEmpty() && i + 1 < args.size() ? args.get(i + 1) : target)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean powersOff(String program, List<String> args) {
        if (POWER.contains(program)
                || (program.equals("init") || program.equals("telinit"))
                        && (args.contains("0") || args.contains("6"))) {
            return true;
        }
        if (program.equals("systemctl") || program.equals("loginctl")) {
            List<String> operands = SYSTEMCTL.parse(args, false).operands();
            String verb = operands.isEmpty() ? "" : operands.getFirst();
            return POWER_VERBS.contains(verb)
                    || !SYSTEMCTL_READERS.contains(verb)
                            && operands.stream()
                                    .anyMatch(unit -> POWER_UNITS.matcher(unit).matches());
        }
        return DBUS_CLIENTS.contains(program)
                && args.stream().anyMatch(a -> a.contains("login1"))
                && args.stream().anyMatch(a -> LOGIN1_POWER_METHODS.matcher(a).matches());
    }

    private static boolean deletesRecursively(String program, List<String> args) {
        if (program.equals("rm") && unixRecursive(args)) {
            return true;
        }
        if ((program.equals("rmdir") || program.equals("rd") || program.equals("del") || program.equals("erase"))
                && args.contains("/s")) {
            return true;
        }
        if (POWERSHELL_REMOVERS.contains(program) && args.stream().anyMatch(CommandGuard::powershellRecurse)) {
            return true;
        }
        return program.equals("find") && args.contains("-delete");
    }

    private static boolean unixRecursive(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.startsWith("--") && OptionSyntax.abbreviates(arg.substring(2), "recursive")
                    || arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('r') > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean powershellRecurse(String arg) {
        String name = arg.indexOf(':') > 0 ? arg.substring(0, arg.indexOf(':')) : arg;
        return name.length() >= 2 && "-recurse".startsWith(name);
    }

    private static BlockedInput blocked(String detail) {
        return new BlockedInput(BlockedInput.BLOCKED_COMMAND, detail);
    }
}
