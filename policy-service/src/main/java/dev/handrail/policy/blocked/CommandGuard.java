package dev.handrail.policy.blocked;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the commands that are never run: formatting a disk, shutting down or rebooting, and
 * deleting recursively, however they are spelled (directly, through {@code cmd /c},
 * {@code powershell -Command}, {@code sh -c}, wrappers and substitutions; see
 * {@link ShellCommandParser}). A line nested too deeply to inspect is blocked too. Pure.
 */
public final class CommandGuard {

    private static final Set<String> FORMATTERS = Set.of("format", "diskpart", "wipefs", "format-volume", "clear-disk",
            "newfs", "mkswap");
    private static final Set<String> POWER = Set.of("shutdown", "reboot", "poweroff", "halt", "stop-computer",
            "restart-computer");
    private static final Set<String> POWER_VERBS = Set.of("poweroff", "reboot", "halt", "kexec", "soft-reboot");
    private static final Set<String> POWERSHELL_REMOVERS = Set.of("remove-item", "ri", "rm", "rmdir", "rd", "del",
            "erase");

    private CommandGuard() {
    }

    /** Why {@code commandLine} is blocked, if it is. */
    public static Optional<BlockedInput> check(String commandLine) {
        return check(ShellCommandParser.parse(commandLine));
    }

    /** Why a program started with these words is blocked, if it is. */
    public static Optional<BlockedInput> checkArgv(List<String> argv) {
        return check(ShellCommandParser.parseArgv(argv));
    }

    private static Optional<BlockedInput> check(ShellCommandParser.Parsed parsed) {
        if (parsed.tooDeep()) {
            return Optional.of(blocked("the command nests interpreters too deeply to inspect"));
        }
        return parsed.commands().stream().map(CommandGuard::verdict).flatMap(Optional::stream).findFirst();
    }

    private static Optional<BlockedInput> verdict(List<String> argv) {
        String program = ShellCommandParser.programName(argv.get(0));
        if (program.startsWith("$") || program.contains("$(") || program.contains("`") || program.contains("%")) {
            return Optional.of(blocked("'" + argv.get(0) + "' computes the program to run only when it runs"));
        }
        List<String> args = argv.subList(1, argv.size()).stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
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
        return FORMATTERS.contains(program) || program.startsWith("mkfs")
                || program.equals("dd") && args.stream().anyMatch(a -> a.startsWith("of=/dev/") || a.startsWith("of=\\\\.\\"));
    }

    private static boolean powersOff(String program, List<String> args) {
        return POWER.contains(program)
                || (program.equals("init") || program.equals("telinit")) && (args.contains("0") || args.contains("6"))
                || (program.equals("systemctl") || program.equals("loginctl")) && args.stream().anyMatch(POWER_VERBS::contains);
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
            if (arg.equals("--recursive") || arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('r') > 0) {
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
