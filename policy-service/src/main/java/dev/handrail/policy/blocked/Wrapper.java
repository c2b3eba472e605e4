package dev.handrail.policy.blocked;

import dev.handrail.contracts.program.OptionSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A program that runs another one named in its arguments ({@code sudo}, {@code timeout 5},
 * {@code flock FILE}, {@code systemd-run --unit x}): how to find the command it runs. The command
 * is either the words after its options and {@link #leading} operands, or a command line given
 * to one of its {@link #lineOptions} ({@code flock FILE -c LINE}, {@code env -S LINE}, {@code su USER -c LINE}),
 * looked for anywhere among its words (an inner command's own option of that name is read as a
 * line too, which can only find more). Immutable.
 *
 * @param name        the program name, as {@link ShellCommandParser#programName} gives it
 * @param syntax      which of its options take a value
 * @param leading     operands before the command (the duration of {@code timeout}, the file of {@code flock})
 * @param lineOptions options (as written, e.g. {@code -c}, {@code --command}) whose value is a command line
 * @param tail        what its remaining words are
 */
record Wrapper(String name, OptionSyntax syntax, int leading, Set<String> lineOptions, Tail tail) {

    /** What a wrapper does with the words after its options and leading operands. */
    enum Tail {
        /** Runs them as a program and its arguments. */
        COMMAND,
        /** Runs them as a program, after any {@code NAME=VALUE} assignments ({@code env}). */
        COMMAND_AFTER_ASSIGNMENTS,
        /** Joins them into a command line for a shell ({@code watch}, {@code runas}). */
        LINE,
        /** Runs no command from them ({@code su USER}: only {@code -c} runs one). */
        NONE,
        /** Windows {@code start}: a first operand may be a window title, so the command is read both ways. */
        COMMAND_OR_TITLED
    }

    /**
     * What the wrapper runs, given the words after its name.
     *
     * @param commands programs with their arguments (two readings for {@link Tail#COMMAND_OR_TITLED})
     * @param lines    command lines handed to a shell
     */
    record Inner(List<List<String>> commands, List<String> lines) {}

    Inner unwrap(List<String> args) {
        List<String> words = windowsOptions(args);
        List<String> lines = new ArrayList<>();
        for (OptionSyntax.Option option : syntax.parse(words, false).options()) {
            if (option.value() != null && lineOptions.stream().anyMatch(o -> matches(option.name(), o))) {
                lines.add(option.value());
            }
        }
        OptionSyntax.Parsed parsed = syntax.parse(words, true);
        List<String> rest = parsed.rest(args);
        rest = rest.subList(Math.min(leading, rest.size()), rest.size());
        List<List<String>> commands = new ArrayList<>();
        switch (tail) {
            case COMMAND -> commands.add(rest);
            case COMMAND_AFTER_ASSIGNMENTS -> {
                int first = 0;
                while (first < rest.size() && rest.get(first).contains("=")) {
                    first++;
                }
                commands.add(rest.subList(first, rest.size()));
            }
            case LINE -> lines.add(String.join(" ", rest));
            case COMMAND_OR_TITLED -> {
                commands.add(rest);
                commands.add(rest.isEmpty() ? rest : rest.subList(1, rest.size()));
            }
            case NONE -> {}
        }
        commands.removeIf(List::isEmpty);
        return new Inner(commands, lines);
    }

    private static boolean matches(String written, String option) {
        if (written.startsWith("--") && option.startsWith("--")) {
            return OptionSyntax.abbreviates(written.substring(2), option.substring(2));
        }
        return written.equals(option);
    }

    /** The language of the command lines it hands on: {@code cmd} for {@code runas}, a POSIX shell otherwise. */
    ShellDialect lineDialect() {
        return windows() ? ShellDialect.CMD : ShellDialect.SH;
    }

    private boolean windows() {
        return name.equals("start") || name.equals("runas");
    }

    /** Windows options ({@code /b}, {@code /d DIR}, {@code /user:x}) read as long options, so the command after them is found. */
    private List<String> windowsOptions(List<String> args) {
        if (!windows()) {
            return args;
        }
        return args.stream()
                .map(a -> a.startsWith("/") && a.length() > 1
                        ? "--" + a.substring(1).toLowerCase(Locale.ROOT)
                        : a)
                .toList();
    }
}
