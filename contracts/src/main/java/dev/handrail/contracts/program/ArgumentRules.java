package dev.handrail.contracts.program;

import static dev.handrail.contracts.program.ArgumentRisk.CHANGES_SYSTEM;
import static dev.handrail.contracts.program.ArgumentRisk.RUNS_PROGRAMS;
import static dev.handrail.contracts.program.ArgumentRisk.WRITES_FILES;

import dev.handrail.contracts.program.ArgumentMatcher.Always;
import dev.handrail.contracts.program.ArgumentMatcher.Operands;
import dev.handrail.contracts.program.ArgumentMatcher.Option;
import dev.handrail.contracts.program.ArgumentMatcher.OptionValue;
import dev.handrail.contracts.program.ArgumentMatcher.Script;
import dev.handrail.contracts.program.ArgumentMatcher.Subcommand;
import dev.handrail.contracts.program.ArgumentMatcher.Word;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The arguments that turn a program meant to read and print into one that writes files, runs other
 * programs or changes the machine ({@code sort -o FILE}, {@code find -exec}, {@code tar
 * --to-command}, {@code sed -i}, awk's {@code system()}, {@code git -c core.pager=...},
 * {@code date -s}). One table: the executor refuses such arguments unless its node allows them,
 * and policy asks a person before an action that uses them. Immutable data.
 */
public final class ArgumentRules {

    /** Every program with rules, each under all its names. */
    public static final List<ProgramArguments> ALL = List.of(
            program(
                    Set.of("sort"),
                    new OptionSyntax(
                            "ktTSo",
                            Set.of(
                                    "key",
                                    "field-separator",
                                    "temporary-directory",
                                    "buffer-size",
                                    "output",
                                    "compress-program",
                                    "parallel",
                                    "batch-size",
                                    "files0-from",
                                    "random-source",
                                    "sort")),
                    rule(
                            WRITES_FILES,
                            "-o/--output FILE writes the sorted output to a file",
                            new Option("-o", "--output")),
                    rule(
                            WRITES_FILES,
                            "/o FILE (Windows) writes the sorted output to a file",
                            new Word("/o(utput)?(:.*)?")),
                    rule(
                            RUNS_PROGRAMS,
                            "--compress-program=PROG runs a program on its temporary files",
                            new Option("--compress-program"))),
            program(
                    Set.of("uniq"),
                    new OptionSyntax("fsw", Set.of("skip-fields", "skip-chars", "check-chars")),
                    rule(WRITES_FILES, "a second operand names the file it writes", new Operands(2))),
            program(
                    Set.of("find"),
                    OptionSyntax.FLAGS_ONLY,
                    rule(
                            RUNS_PROGRAMS,
                            "-exec, -execdir, -ok and -okdir run a program on each file",
                            new Word("-(exec|execdir|ok|okdir)")),
                    rule(WRITES_FILES, "-delete deletes the files found", new Word("-delete")),
                    rule(
                            WRITES_FILES,
                            "-fprint, -fprint0, -fprintf and -fls write the list to a file",
                            new Word("-(fprint0?|fprintf|fls)"))),
            program(
                    Set.of("tar", "gtar", "bsdtar"),
                    new OptionSyntax(
                            "bCfFgHIKLNTVX",
                            Set.of(
                                    "blocking-factor",
                                    "directory",
                                    "file",
                                    "info-script",
                                    "new-volume-script",
                                    "listed-incremental",
                                    "format",
                                    "use-compress-program",
                                    "starting-file",
                                    "tape-length",
                                    "newer",
                                    "after-date",
                                    "files-from",
                                    "label",
                                    "exclude-from",
                                    "to-command",
                                    "rsh-command",
                                    "rmt-command",
                                    "checkpoint-action",
                                    "owner",
                                    "group",
                                    "mode")),
                    rule(
                            RUNS_PROGRAMS,
                            "--to-command, -I/--use-compress-program, -F/--info-script, --rsh-command and "
                                    + "--rmt-command run a program",
                            new Option(
                                    "--to-command",
                                    "--use-compress-program",
                                    "-I",
                                    "-F",
                                    "--info-script",
                                    "--new-volume-script",
                                    "--rsh-command",
                                    "--rmt-command")),
                    rule(
                            RUNS_PROGRAMS,
                            "--checkpoint-action=exec=CMD runs a command",
                            new OptionValue(Set.of("--checkpoint-action"), Pattern.compile("exec.*", Pattern.DOTALL)))),
            program(
                    Set.of("sed", "gsed"),
                    new OptionSyntax("efl", Set.of("expression", "file", "line-length")),
                    rule(WRITES_FILES, "-i/--in-place edits the files", new Option("-i", "--in-place")),
                    rule(
                            RUNS_PROGRAMS,
                            "-f/--file takes a script from a file that cannot be checked here",
                            new Option("-f", "--file")),
                    rule(
                            RUNS_PROGRAMS,
                            "the script runs commands (e, s///e) or writes files (w, W, s///w)",
                            new Script(Script.Language.SED, Set.of("-e", "--expression"), "--sandbox"))),
            program(
                    Set.of("awk", "gawk", "mawk", "nawk"),
                    new OptionSyntax(
                            "fvFeEilW",
                            Set.of("file", "assign", "field-separator", "source", "exec", "include", "load")),
                    rule(RUNS_PROGRAMS, "-l/--load loads a compiled extension", new Option("-l", "--load")),
                    rule(
                            RUNS_PROGRAMS,
                            "-f/--file, -E/--exec and -i/--include take a program from a file that cannot be "
                                    + "checked here",
                            new Option("-f", "--file", "-E", "--exec", "-i", "--include")),
                    rule(
                            RUNS_PROGRAMS,
                            "-W exec FILE (mawk) takes a program from a file that cannot be checked here",
                            new OptionValue(Set.of("-W"), Pattern.compile("e(x(ec?)?)?\\b.*", Pattern.DOTALL))),
                    rule(
                            WRITES_FILES,
                            "-o, -p and -d (--pretty-print, --profile, --dump-variables) write a file",
                            new Option("-o", "-p", "-d", "--pretty-print", "--profile", "--dump-variables")),
                    rule(
                            RUNS_PROGRAMS,
                            "the program runs commands (system(), |) or writes files (print > FILE)",
                            new Script(Script.Language.AWK, Set.of("-e", "--source"), "--sandbox"))),
            program(
                    Set.of("xargs"),
                    OptionSyntax.FLAGS_ONLY,
                    rule(RUNS_PROGRAMS, "xargs runs the command it is given", new Always())),
            program(
                    Set.of("env"),
                    new OptionSyntax("uCS", Set.of("unset", "chdir", "split-string")),
                    rule(
                            RUNS_PROGRAMS,
                            "-S/--split-string runs the command line it is given",
                            new Option("-S", "--split-string")),
                    rule(
                            RUNS_PROGRAMS,
                            "a command after the assignments runs a program",
                            new Operands(1, Pattern.compile("[^=]*", Pattern.DOTALL)))),
            program(
                    Set.of("git"),
                    new OptionSyntax(
                            "cC",
                            Set.of("config-env", "git-dir", "work-tree", "namespace", "super-prefix", "exec-path")),
                    rule(
                            RUNS_PROGRAMS,
                            "-c/--config-env and --exec-path before the subcommand can name programs to run "
                                    + "(core.pager, core.sshCommand, alias.x=!cmd ...)",
                            new Option(Set.of("-c", "--config-env", "--exec-path"), true)),
                    rule(
                            RUNS_PROGRAMS,
                            "--upload-pack, --receive-pack, --exec, --extcmd and -O name a program to run",
                            new Option(
                                    "--upload-pack", "--receive-pack", "--exec", "--extcmd", "--open-files-in-pager")),
                    rule(
                            RUNS_PROGRAMS,
                            "git grep -O<pager> runs the program it names",
                            new Word(Pattern.compile("-O.*", Pattern.DOTALL))),
                    rule(
                            RUNS_PROGRAMS,
                            "git rebase -x CMD runs a command after each commit",
                            new Word(Pattern.compile("-x"))),
                    rule(
                            RUNS_PROGRAMS,
                            "this subcommand runs programs or sets configuration that names them",
                            new Subcommand(Set.of(
                                    "config",
                                    "submodule",
                                    "bisect",
                                    "filter-branch",
                                    "difftool",
                                    "mergetool",
                                    "daemon",
                                    "instaweb",
                                    "web--browse",
                                    "send-email",
                                    "credential",
                                    "archimport",
                                    "cvsimport",
                                    "svn",
                                    "p4")))),
            program(
                    Set.of("less"),
                    new OptionSyntax(
                            "bhjkoOpPtTxyz#",
                            Set.of(
                                    "log-file",
                                    "LOG-FILE",
                                    "lesskey-file",
                                    "lesskey-src",
                                    "lesskey-content",
                                    "pattern",
                                    "tag",
                                    "prompt")),
                    rule(
                            WRITES_FILES,
                            "-o/-O (--log-file) copies its input to a file",
                            new Option("-o", "-O", "--log-file", "--LOG-FILE")),
                    rule(
                            RUNS_PROGRAMS,
                            "-k and --lesskey-* read key bindings that can run programs",
                            new Option("-k", "--lesskey-file", "--lesskey-src", "--lesskey-content")),
                    rule(
                            RUNS_PROGRAMS,
                            "a +command other than a line number or search runs less commands, such as !cmd",
                            new Word("\\+\\+?(?![0-9]*[gGF]?$)(?![/?]).*"))),
            program(
                    Set.of("date"),
                    new OptionSyntax("dfrs", Set.of("date", "file", "reference", "set")),
                    rule(CHANGES_SYSTEM, "-s/--set sets the system clock", new Option("-s", "--set")),
                    rule(
                            CHANGES_SYSTEM,
                            "an operand that is not +FORMAT sets the system clock",
                            new Operands(1, Pattern.compile("[^+].*", Pattern.DOTALL)))),
            program(
                    Set.of("hostname"),
                    new OptionSyntax("F", Set.of("file")),
                    rule(
                            CHANGES_SYSTEM,
                            "-F/--file and -b/--boot set the host name",
                            new Option("-F", "--file", "-b", "--boot")),
                    rule(CHANGES_SYSTEM, "an operand sets the host name", new Operands(1))),
            program(
                    Set.of("ipconfig"),
                    OptionSyntax.FLAGS_ONLY,
                    rule(
                            CHANGES_SYSTEM,
                            "/release, /renew, /flushdns, /registerdns and /setclassid change the network "
                                    + "configuration",
                            new Word("[/-](release6?|renew6?|flushdns|registerdns|setclassid6?)"))));

    private ArgumentRules() {}

    /**
     * A rule that a program's arguments break.
     *
     * @param program the name it was found under
     * @param rule    the rule
     */
    public record Breach(String program, ArgumentRule rule) {

        /** Says what the argument would do, e.g. {@code sort: -o/--output FILE writes the sorted output to a file}. */
        public String message() {
            return program + ": " + rule.what() + " (" + rule.risk().description() + ")";
        }
    }

    /** The first rule that {@code args} break for a program known by any of {@code names} (file names or paths). */
    public static Optional<Breach> check(List<String> names, List<String> args) {
        for (String name : names) {
            String program = programName(name);
            for (ProgramArguments entry : ALL) {
                if (entry.names().contains(program)) {
                    Optional<ArgumentRule> broken = entry.firstBroken(args);
                    if (broken.isPresent()) {
                        return Optional.of(new Breach(program, broken.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A file name or path as the table names programs: {@code C:\Tools\SORT.EXE} → {@code sort}. */
    public static String programName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)
                .toLowerCase(Locale.ROOT);
        return name.replaceFirst("\\.(exe|com)$", "");
    }

    private static ProgramArguments program(Set<String> names, OptionSyntax syntax, ArgumentRule... rules) {
        return new ProgramArguments(names, syntax, List.of(rules));
    }

    private static ArgumentRule rule(ArgumentRisk risk, String what, ArgumentMatcher matcher) {
        return new ArgumentRule(risk, what, matcher);
    }
}
