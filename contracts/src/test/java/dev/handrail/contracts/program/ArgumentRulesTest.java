package dev.handrail.contracts.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgumentRulesTest {

    /** Program, its arguments (split at spaces, '_' for a space inside a word), and the risk the rules find. */
    static Stream<Arguments> refused() {
        return Stream.of(
                refused("sort", "-o out.txt in.txt", ArgumentRisk.WRITES_FILES),
                refused("sort", "-oout.txt in.txt", ArgumentRisk.WRITES_FILES),
                refused("sort", "-ro out.txt in.txt", ArgumentRisk.WRITES_FILES),
                refused("sort", "--output=out.txt in.txt", ArgumentRisk.WRITES_FILES),
                refused("sort", "--out out.txt in.txt", ArgumentRisk.WRITES_FILES),
                refused("sort", "in.txt -o out.txt", ArgumentRisk.WRITES_FILES),
                refused("SORT.EXE", "in.txt /O out.txt", ArgumentRisk.WRITES_FILES),
                refused("sort", "--compress-program=gzip in.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("sort", "--compress-prog sh in.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("uniq", "in.txt out.txt", ArgumentRisk.WRITES_FILES),
                refused("uniq", "-c -f 1 in.txt out.txt", ArgumentRisk.WRITES_FILES),
                refused("find", ". -exec rm {} ;", ArgumentRisk.RUNS_PROGRAMS),
                refused("find", ". -execdir sh -c x {} +", ArgumentRisk.RUNS_PROGRAMS),
                refused("find", ". -ok rm {} ;", ArgumentRisk.RUNS_PROGRAMS),
                refused("find", ". -okdir rm {} ;", ArgumentRisk.RUNS_PROGRAMS),
                refused("find", ". -name *.tmp -delete", ArgumentRisk.WRITES_FILES),
                refused("find", ". -fprint list.txt", ArgumentRisk.WRITES_FILES),
                refused("find", ". -fprintf list.txt %p", ArgumentRisk.WRITES_FILES),
                refused("find", ". -fls list.txt", ArgumentRisk.WRITES_FILES),
                refused("tar", "-xf a.tar --to-command=sh", ArgumentRisk.RUNS_PROGRAMS),
                refused("tar", "-cf a.tar --use-compress-program=evil .", ArgumentRisk.RUNS_PROGRAMS),
                refused("tar", "-I evil -cf a.tar .", ArgumentRisk.RUNS_PROGRAMS),
                refused(
                        "tar",
                        "-cf a.tar --checkpoint=1 --checkpoint-action=exec=sh_x.sh .",
                        ArgumentRisk.RUNS_PROGRAMS),
                refused("tar", "-cf a.tar -F script.sh .", ArgumentRisk.RUNS_PROGRAMS),
                refused("tar", "-cf host:a.tar --rsh-command=/bin/sh .", ArgumentRisk.RUNS_PROGRAMS),
                refused("sed", "-i s/a/b/ file.txt", ArgumentRisk.WRITES_FILES),
                refused("sed", "-i.bak s/a/b/ file.txt", ArgumentRisk.WRITES_FILES),
                refused("sed", "--in-place=.bak s/a/b/ file.txt", ArgumentRisk.WRITES_FILES),
                refused("sed", "-f script.sed file.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("sed", "1e_id file.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("sed", "s/.*/id/e file.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("sed", "-n s/a/b/w_out.txt file.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("sed", "-e p -e w_out.txt file.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("sed", "/x/,/y/W_out.txt file.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("sed", "--expression=$!{N};e_id file.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("awk", "BEGIN{system(\"id\")}", ArgumentRisk.RUNS_PROGRAMS),
                refused("awk", "{print_|_\"sh\"}", ArgumentRisk.RUNS_PROGRAMS),
                refused("awk", "BEGIN{\"id\"|getline_x}", ArgumentRisk.RUNS_PROGRAMS),
                refused("awk", "{print_>_\"out.txt\"}", ArgumentRisk.RUNS_PROGRAMS),
                refused("gawk", "-e @load_\"x\"", ArgumentRisk.RUNS_PROGRAMS),
                refused("gawk", "-l filefuncs {print}", ArgumentRisk.RUNS_PROGRAMS),
                refused("awk", "-f prog.awk in.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("gawk", "-o out.awk {print}", ArgumentRisk.WRITES_FILES),
                refused("mawk", "-W exec prog.awk", ArgumentRisk.RUNS_PROGRAMS),
                refused("xargs", "-n1", ArgumentRisk.RUNS_PROGRAMS),
                refused("env", "A=1 id", ArgumentRisk.RUNS_PROGRAMS),
                refused("env", "-S id", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "-c core.pager=sh_-c_id log", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "--config-env=core.pager=X log", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "-C repo -c alias.x=!id x", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "clone --upload-pack=id x y", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "fetch --upload-p id origin", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "push --receive-pack=id origin", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "archive --remote=x --exec=id HEAD", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "grep -Oid foo", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "rebase -x id main", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "config core.pager id", ArgumentRisk.RUNS_PROGRAMS),
                refused("git", "submodule foreach id", ArgumentRisk.RUNS_PROGRAMS),
                refused("less", "-o copy.txt in.txt", ArgumentRisk.WRITES_FILES),
                refused("less", "--log-file=copy.txt in.txt", ArgumentRisk.WRITES_FILES),
                refused("less", "+!id in.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("less", "-k keys in.txt", ArgumentRisk.RUNS_PROGRAMS),
                refused("date", "-s 2020-01-01", ArgumentRisk.CHANGES_SYSTEM),
                refused("date", "--set=2020-01-01", ArgumentRisk.CHANGES_SYSTEM),
                refused("date", "010112002025", ArgumentRisk.CHANGES_SYSTEM),
                refused("hostname", "intruder", ArgumentRisk.CHANGES_SYSTEM),
                refused("hostname", "-F name.txt", ArgumentRisk.CHANGES_SYSTEM),
                refused("ipconfig", "/release", ArgumentRisk.CHANGES_SYSTEM),
                refused("IPCONFIG.EXE", "/FlushDNS", ArgumentRisk.CHANGES_SYSTEM));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refused")
    void findsArgumentsThatWriteRunOrChangeTheMachine(String program, List<String> args, ArgumentRisk risk) {
        assertThat(ArgumentRules.check(List.of(program), args)).hasValueSatisfying(breach -> {
            assertThat(breach.rule().risk()).isEqualTo(risk);
            assertThat(breach.message()).startsWith(ArgumentRules.programName(program) + ": ");
        });
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                allowed("sort", "-r -k 2 -t , in.txt"),
                allowed("sort", "-T /tmp in.txt"),
                allowed("uniq", "-c in.txt"),
                allowed("find", ". -name *.log -type f -print"),
                allowed("tar", "-tf a.tar"),
                allowed("tar", "-xzf a.tar.gz -C out"),
                allowed("sed", "-n s/a/b/gp file.txt"),
                allowed("sed", "-e s/a/b/ -e /x/d file.txt"),
                allowed("sed", "--sandbox s/a/id/e file.txt"),
                allowed("sed", "y/abc/xyz/;1,3p;$!N file.txt"),
                allowed("sed", "s/x/|/g file.txt"),
                allowed("awk", "-F, {print_$2}"),
                allowed("awk", "$1_>_5_{print_$1}"),
                allowed("awk", "{print_\"a|b>c\"}"),
                allowed("awk", "$0_~_/a|b/_{n++}_END{print_n}"),
                allowed("awk", "$1_>_0_||_$2_>_0"),
                allowed("gawk", "--sandbox BEGIN{system(\"id\")}"),
                allowed("env", ""),
                allowed("env", "-u HOME"),
                allowed("git", "log --oneline -n 5"),
                allowed("git", "grep -c foo"),
                allowed("git", "grep -o foo"),
                allowed("git", "merge -X theirs main"),
                allowed("git", "status"),
                allowed("less", "+/pattern in.txt"),
                allowed("less", "+G in.txt"),
                allowed("date", "+%Y-%m-%d"),
                allowed("date", "-d yesterday +%s"),
                allowed("date", "-u -R"),
                allowed("hostname", "-f"),
                allowed("ipconfig", "/all"),
                allowed("cat", "-o out.txt"),
                allowed("ls", "-la"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allowed")
    void letsReadingAndPrintingArgumentsThrough(String program, List<String> args) {
        assertThat(ArgumentRules.check(List.of(program), args)).isEmpty();
    }

    @Test
    void appliesTheRulesOfAnyNameTheProgramGoesBy() {
        List<String> args = List.of("-o", "out.txt", "in.txt");
        assertThat(ArgumentRules.check(List.of("mysort", "/usr/local/bin/mysort", "/usr/bin/sort"), args))
                .isPresent();
        assertThat(ArgumentRules.check(List.of("C:\\Windows\\System32\\sort.exe"), List.of("/o", "x")))
                .isPresent();
        assertThat(ArgumentRules.check(List.of("mysort", "/usr/local/bin/mysort"), args))
                .isEmpty();
    }

    @Test
    void everyRuleIsReachedByAtLeastOneRefusedExample() {
        List<ArgumentRule> reached = refused()
                .map(a -> ArgumentRules.check(List.of((String) a.get()[0]), castList(a.get()[1]))
                        .orElseThrow()
                        .rule())
                .toList();
        ArgumentRules.ALL.forEach(
                program -> assertThat(reached).as("%s", program.names()).containsAll(program.rules()));
    }

    @Test
    void readsOptionsAsGetoptDoes() {
        OptionSyntax syntax = new OptionSyntax("o", java.util.Set.of("output"));
        assertThat(syntax.parse(List.of("-ab", "-ofile", "x", "--output", "y", "--", "-z"), false)
                        .options())
                .extracting(OptionSyntax.Option::name, OptionSyntax.Option::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("-a", null),
                        org.assertj.core.groups.Tuple.tuple("-b", null),
                        org.assertj.core.groups.Tuple.tuple("-o", "file"),
                        org.assertj.core.groups.Tuple.tuple("--output", "y"));
        assertThat(syntax.parse(List.of("-ab", "-ofile", "x", "--output", "y", "--", "-z"), false)
                        .operands())
                .containsExactly("x", "-z");
        assertThat(syntax.parse(List.of("-a", "x", "-o", "y"), true).operands()).containsExactly("x", "-o", "y");
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object list) {
        return (List<String>) list;
    }

    private static Arguments refused(String program, String args, ArgumentRisk risk) {
        return Arguments.of(program, words(args), risk);
    }

    private static Arguments allowed(String program, String args) {
        return Arguments.of(program, words(args));
    }

    private static List<String> words(String args) {
        return args.isEmpty()
                ? List.of()
                : Arrays.stream(args.split(" ")).map(w -> w.replace('_', ' ')).toList();
    }
}
