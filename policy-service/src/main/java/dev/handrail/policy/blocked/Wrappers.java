package dev.handrail.policy.blocked;

import dev.handrail.contracts.program.OptionSyntax;
import dev.handrail.policy.blocked.Wrapper.Tail;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every program {@link ShellCommandParser} looks through to the command it runs, with the option
 * syntax that says where that command starts. Data only; immutable.
 */
final class Wrappers {

    private static final Set<String> C = Set.of("-c", "--command");
    private static final List<Wrapper> ALL = List.of(
            plain("nohup"),
            plain("command"),
            plain("builtin"),
            plain("busybox"),
            plain("toybox"),
            plain("call"),
            plain("setsid"),
            plain("catchsegv"),
            plain("torsocks"),
            plain("proxychains"),
            plain("proxychains4"),
            wrapper("exec", "a", Set.of()),
            wrapper("time", "fo", Set.of("format", "output")),
            wrapper("caffeinate", "tw", Set.of()),
            wrapper("unbuffer", "", Set.of()),
            wrapper(
                    "sudo",
                    "CDghpRrtTUu",
                    Set.of(
                            "close-from",
                            "chdir",
                            "group",
                            "host",
                            "prompt",
                            "chroot",
                            "role",
                            "type",
                            "command-timeout",
                            "other-user",
                            "user")),
            wrapper("doas", "uC", Set.of()),
            wrapper("pkexec", "", Set.of("user")),
            new Wrapper(
                    "runuser",
                    new OptionSyntax(
                            "ugGws",
                            Set.of(
                                    "user",
                                    "group",
                                    "supp-group",
                                    "whitelist-environment",
                                    "shell",
                                    "command",
                                    "session-command")),
                    0,
                    Set.of("-c", "--command", "--session-command"),
                    Tail.COMMAND),
            new Wrapper(
                    "su",
                    new OptionSyntax(
                            "cgGsw",
                            Set.of(
                                    "command",
                                    "session-command",
                                    "group",
                                    "supp-group",
                                    "shell",
                                    "whitelist-environment")),
                    0,
                    Set.of("-c", "--command", "--session-command"),
                    Tail.NONE),
            new Wrapper("sg", new OptionSyntax("c", Set.of()), 1, Set.of("-c"), Tail.LINE),
            new Wrapper(
                    "env",
                    new OptionSyntax("uCS", Set.of("unset", "chdir", "split-string")),
                    0,
                    Set.of("-S", "--split-string"),
                    Tail.COMMAND_AFTER_ASSIGNMENTS),
            wrapper("nice", "n", Set.of("adjustment")),
            new Wrapper("timeout", new OptionSyntax("sk", Set.of("signal", "kill-after")), 1, Set.of(), Tail.COMMAND),
            wrapper("stdbuf", "ioe", Set.of("input", "output", "error")),
            wrapper("ionice", "cnp", Set.of("class", "classdata", "pid", "pgid", "uid")),
            new Wrapper(
                    "chrt",
                    new OptionSyntax("TPD", Set.of("sched-runtime", "sched-period", "sched-deadline")),
                    1,
                    Set.of(),
                    Tail.COMMAND),
            new Wrapper("taskset", OptionSyntax.FLAGS_ONLY, 1, Set.of(), Tail.COMMAND),
            new Wrapper(
                    "flock",
                    new OptionSyntax("wEc", Set.of("timeout", "wait", "conflict-exit-code", "command")),
                    1,
                    C,
                    Tail.COMMAND),
            new Wrapper("chroot", new OptionSyntax("", Set.of("userspec", "groups")), 1, Set.of(), Tail.COMMAND),
            wrapper(
                    "systemd-run",
                    "upEMHC",
                    Set.of(
                            "unit",
                            "property",
                            "description",
                            "slice",
                            "setenv",
                            "uid",
                            "gid",
                            "machine",
                            "host",
                            "working-directory",
                            "nice",
                            "on-active",
                            "on-boot",
                            "on-startup",
                            "on-unit-active",
                            "on-unit-inactive",
                            "on-calendar",
                            "on-clock-change",
                            "on-timezone-change",
                            "timer-property",
                            "path-property",
                            "socket-property",
                            "service-type",
                            "capsule",
                            "background",
                            "shell-prompt-prefix")),
            wrapper(
                    "xargs",
                    "adEILnPs",
                    Set.of("arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var")),
            wrapper(
                    "unshare",
                    "SGRw",
                    Set.of(
                            "setuid",
                            "setgid",
                            "root",
                            "wd",
                            "propagation",
                            "map-user",
                            "map-group",
                            "map-users",
                            "map-groups",
                            "setgroups",
                            "monotonic",
                            "boottime")),
            wrapper("nsenter", "tSGrw", Set.of("target", "setuid", "setgid", "root", "wd", "env")),
            wrapper("prlimit", "p", Set.of("pid")),
            wrapper("cgexec", "g", Set.of()),
            wrapper("firejail", "", Set.of()),
            wrapper(
                    "strace",
                    "abeEIoOpPsSuUX",
                    Set.of(
                            "output",
                            "attach",
                            "user",
                            "string-limit",
                            "trace",
                            "signal",
                            "env",
                            "trace-path",
                            "absolute-timestamps",
                            "syscall-times")),
            wrapper("ltrace", "aAeEfFlnopsSu", Set.of("output", "library", "config")),
            wrapper("valgrind", "", Set.of()),
            new Wrapper("watch", new OptionSyntax("nd", Set.of("interval", "differences")), 0, Set.of(), Tail.LINE),
            new Wrapper(
                    "script",
                    new OptionSyntax(
                            "cEIOTBm",
                            Set.of("command", "echo", "log-in", "log-out", "log-timing", "log-io", "logging-format")),
                    0,
                    C,
                    Tail.NONE),
            new Wrapper(
                    "start",
                    new OptionSyntax("", Set.of("d", "node", "affinity")),
                    0,
                    Set.of(),
                    Tail.COMMAND_OR_TITLED),
            new Wrapper("runas", OptionSyntax.FLAGS_ONLY, 0, Set.of(), Tail.LINE));
    private static final Map<String, Wrapper> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Wrapper::name, Function.identity()));

    private Wrappers() {}

    /** The wrapper a program name stands for, if it is one. */
    static Optional<Wrapper> find(String program) {
        return Optional.ofNullable(BY_NAME.get(program));
    }

    /** The names of every wrapper. */
    static Set<String> names() {
        return BY_NAME.keySet();
    }

    private static Wrapper plain(String name) {
        return wrapper(name, "", Set.of());
    }

    private static Wrapper wrapper(String name, String valuedShort, Set<String> valuedLong) {
        return new Wrapper(name, new OptionSyntax(valuedShort, valuedLong), 0, Set.of(), Tail.COMMAND);
    }
}
