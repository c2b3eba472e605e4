package dev.handrail.policy.blocked;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a command line the way a shell would far enough to know every program it would start:
 * splits it into simple commands, looks through wrappers ({@link Wrappers}: {@code sudo}, {@code env},
 * {@code timeout 5}, {@code flock FILE}, {@code systemd-run} …) and
 * follows the command strings handed to another interpreter ({@code sh -c}, {@code cmd /c},
 * {@code powershell -Command}, {@code -EncodedCommand}, {@code eval}, {@code $(...)}, backticks,
 * {@code find -exec}). It does not run or expand anything. Pure and thread-safe.
 */
public final class ShellCommandParser {

    /** Nesting deeper than this is not followed; {@link Parsed#tooDeep()} says so. */
    public static final int MAX_DEPTH = 8;

    private static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "fish");
    private static final Set<String> POWERSHELLS = Set.of("powershell", "pwsh");
    private static final Set<String> EVALUATORS = Set.of("eval", "iex", "invoke-expression");
    private static final Set<String> POWERSHELL_VALUED_OPTIONS = Set.of(
            "-executionpolicy",
            "-ep",
            "-windowstyle",
            "-w",
            "-version",
            "-v",
            "-outputformat",
            "-of",
            "-inputformat",
            "-if",
            "-configurationname",
            "-workingdirectory",
            "-wd",
            "-psconsolefile",
            "-settingsfile");

    private ShellCommandParser() {}

    /**
     * Every simple command found.
     *
     * @param commands each one's words, the program first, as written
     * @param tooDeep  the line nests interpreters and wrappers deeper than {@value #MAX_DEPTH}
     */
    public record Parsed(List<List<String>> commands, boolean tooDeep) {}

    /** Parses a command line of unknown dialect: it is read as each of the three, and everything found is kept. */
    public static Parsed parse(String line) {
        Collector out = new Collector();
        for (ShellDialect dialect : ShellDialect.values()) {
            out.line(line, dialect, 0);
        }
        return new Parsed(List.copyOf(out.commands), out.tooDeep);
    }

    /** Parses a command line read as one dialect only (as {@code sh -c} reads the line it is given). */
    public static Parsed parse(String line, ShellDialect dialect) {
        Collector out = new Collector();
        out.line(line, dialect, 0);
        return new Parsed(List.copyOf(out.commands), out.tooDeep);
    }

    /** Parses one program's words (e.g. {@code app.launch}'s target and arguments) as a simple command. */
    public static Parsed parseArgv(List<String> argv) {
        Collector out = new Collector();
        out.simple(List.copyOf(argv), ShellDialect.SH, 0);
        return new Parsed(List.copyOf(out.commands), out.tooDeep);
    }

    /** The program's name without directories, extension or case: {@code C:\Windows\System32\SHUTDOWN.EXE} → {@code shutdown}. */
    public static String programName(String word) {
        String name = word;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        name = lower(name);
        for (String ext : List.of(".exe", ".com", ".bat", ".cmd")) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Gathers simple commands across the recursion. Not thread-safe; one per parse. */
    private static final class Collector {

        private final List<List<String>> commands = new ArrayList<>();
        private boolean tooDeep;

        void line(String line, ShellDialect dialect, int depth) {
            if (depth > MAX_DEPTH) {
                tooDeep = true;
                return;
            }
            Tokenizer tokenizer = new Tokenizer(line, dialect);
            for (String nested : tokenizer.substitutions()) {
                line(nested, dialect, depth + 1);
            }
            for (List<String> words : tokenizer.commands()) {
                simple(words, dialect, depth);
            }
        }

        void simple(List<String> words, ShellDialect dialect, int depth) {
            List<String> argv = withoutPrefixes(words, dialect);
            if (argv.isEmpty()) {
                return;
            }
            if (depth > MAX_DEPTH) {
                tooDeep = true;
                return;
            }
            Optional<Wrapper> wrapper = Wrappers.find(programName(argv.get(0)));
            if (wrapper.isPresent()) {
                Wrapper.Inner inner = wrapper.get().unwrap(argv.subList(1, argv.size()));
                inner.lines().forEach(nested -> line(nested, wrapper.get().lineDialect(), depth + 1));
                inner.commands().forEach(command -> simple(command, dialect, depth + 1));
                return;
            }
            commands.add(argv);
            String program = programName(argv.get(0));
            List<String> args = argv.subList(1, argv.size());
            List<String> lowered = args.stream().map(ShellCommandParser::lower).toList();
            if (POSIX_SHELLS.contains(program)) {
                posixShell(args, depth);
            } else if (program.equals("cmd")) {
                cmd(args, lowered, depth);
            } else if (POWERSHELLS.contains(program)) {
                powershell(args, lowered, depth);
            } else if (EVALUATORS.contains(program) || program.equals("wsl")) {
                evaluated(program, args, dialect, depth);
            } else if (program.equals("find")) {
                findExec(args, lowered, dialect, depth);
            }
        }

        private void posixShell(List<String> args, int depth) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('c') > 0 && i + 1 < args.size()) {
                    line(args.get(i + 1), ShellDialect.SH, depth + 1);
                    return;
                }
                if (!arg.startsWith("-") && !arg.startsWith("+")) {
                    return;
                }
            }
        }

        private void cmd(List<String> args, List<String> lowered, int depth) {
            for (int i = 0; i < args.size(); i++) {
                String arg = lowered.get(i);
                if (arg.equals("/c") || arg.equals("/k") || arg.equals("/r")) {
                    line(String.join(" ", args.subList(i + 1, args.size())), ShellDialect.CMD, depth + 1);
                    return;
                }
                if ((arg.startsWith("/c") || arg.startsWith("/k")) && arg.length() > 2) {
                    List<String> rest = new ArrayList<>(List.of(args.get(i).substring(2)));
                    rest.addAll(args.subList(i + 1, args.size()));
                    line(String.join(" ", rest), ShellDialect.CMD, depth + 1);
                    return;
                }
            }
        }

        private void powershell(List<String> args, List<String> lowered, int depth) {
            for (int i = 0; i < args.size(); i++) {
                String arg = lowered.get(i);
                if (isPrefixOf(arg, "-command", 2) || arg.equals("/c") || arg.equals("/command")) {
                    line(String.join(" ", args.subList(i + 1, args.size())), ShellDialect.POWERSHELL, depth + 1);
                    return;
                }
                if ((arg.equals("-e") || arg.equals("-ec") || isPrefixOf(arg, "-encodedcommand", 4))
                        && i + 1 < args.size()) {
                    decoded(args.get(i + 1)).ifPresent(text -> line(text, ShellDialect.POWERSHELL, depth + 1));
                    return;
                }
                if (isPrefixOf(arg, "-file", 2)) {
                    return;
                }
                if (POWERSHELL_VALUED_OPTIONS.contains(arg)) {
                    i++;
                } else if (!arg.startsWith("-")) {
                    line(String.join(" ", args.subList(i, args.size())), ShellDialect.POWERSHELL, depth + 1);
                    return;
                }
            }
        }

        private void evaluated(String program, List<String> args, ShellDialect dialect, int depth) {
            switch (program) {
                case "wsl" -> {
                    List<String> rest = skipOptions(args, Set.of("-d", "-u", "--distribution", "--user", "--cd"));
                    if (!rest.isEmpty()) {
                        line(String.join(" ", rest), ShellDialect.SH, depth + 1);
                    }
                }
                default -> {
                    if (!args.isEmpty()) {
                        line(String.join(" ", args), dialect, depth + 1);
                    }
                }
            }
        }

        private void findExec(List<String> args, List<String> lowered, ShellDialect dialect, int depth) {
            for (int i = 0; i < args.size(); i++) {
                String arg = lowered.get(i);
                if (arg.equals("-exec") || arg.equals("-execdir") || arg.equals("-ok") || arg.equals("-okdir")) {
                    int end = i + 1;
                    while (end < args.size()
                            && !args.get(end).equals(";")
                            && !args.get(end).equals("\\;")
                            && !args.get(end).equals("+")) {
                        end++;
                    }
                    simple(args.subList(i + 1, end), dialect, depth + 1);
                    i = end;
                }
            }
        }
    }

    private static Optional<String> decoded(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.trim());
            return Optional.of(new String(bytes, StandardCharsets.UTF_16LE));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isPrefixOf(String arg, String option, int minLength) {
        String name = arg.indexOf(':') > 0 ? arg.substring(0, arg.indexOf(':')) : arg;
        return name.length() >= minLength && option.startsWith(name);
    }

    /** Drops leading variable assignments ({@code FOO=1 cmd}) and cmd's {@code @}, {@code &}, {@code !} prefixes. */
    static List<String> withoutPrefixes(List<String> words, ShellDialect dialect) {
        List<String> argv = words;
        while (!argv.isEmpty()) {
            String first = argv.get(0);
            if (dialect == ShellDialect.SH && first.matches("[A-Za-z_][A-Za-z0-9_]*=.*")
                    || first.equals("&")
                    || first.equals("@")
                    || first.equals("!")) {
                argv = argv.subList(1, argv.size());
            } else if (first.startsWith("@") && first.length() > 1) {
                List<String> rest = new ArrayList<>(List.of(first.substring(1)));
                rest.addAll(argv.subList(1, argv.size()));
                argv = rest;
            } else {
                return argv;
            }
        }
        return argv;
    }

    private static List<String> skipOptions(List<String> args, Set<String> valued) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            i += valued.contains(lower(args.get(i))) ? 2 : 1;
        }
        return i >= args.size() ? List.of() : args.subList(i, args.size());
    }
}
