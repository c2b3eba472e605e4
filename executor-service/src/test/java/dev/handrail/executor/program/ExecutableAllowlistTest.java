package dev.handrail.executor.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.program.ArgumentRules;
import dev.handrail.executor.capability.RefusedException;
import dev.handrail.executor.shell.ShellProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allowlist on this machine's real programs, with links and decoys made in a temporary directory. */
class ExecutableAllowlistTest {

    @TempDir
    Path tmp;

    final ProgramResolver path = ProgramResolver.fromEnvironment();

    @Test
    void allowsAListedProgramAndReturnsThePathItWasFoundAt() throws IOException {
        ExecutableAllowlist allowlist = new ExecutableAllowlist(List.of("echo", "uname"), false, path, "k");
        Path echo = allowlist.check("echo", tmp);
        assertThat(echo.getFileName().toString()).isEqualTo("echo");
        assertThat(allowlist.allowed()).contains(echo.toRealPath());
    }

    @Test
    void refusesAProgramThatIsNotListedAndSaysWhichSettingToChange() {
        ExecutableAllowlist allowlist =
                new ExecutableAllowlist(List.of("echo"), false, path, "handrail.executor.shell.allowed");
        assertThatThrownBy(() -> allowlist.check("uname", tmp))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("handrail.executor.shell.allowed")
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.EXECUTABLE_NOT_ALLOWED);
    }

    @Test
    void refusesInterpretersByNameEvenWhenListedUnlessAllowed() {
        ExecutableAllowlist off = new ExecutableAllowlist(List.of("sh", "echo"), false, path, "k");
        assertThatThrownBy(() -> off.check("sh", tmp)).hasMessageContaining("interpreter");
        ExecutableAllowlist on = new ExecutableAllowlist(List.of("sh"), true, path, "k");
        assertThat(on.check("sh", tmp)).isNotNull();
    }

    @Test
    void seesThroughALinkWithAHarmlessNameToAnInterpreter() throws IOException {
        Path harmless = Files.createSymbolicLink(
                tmp.resolve("harmless"), path.resolve("sh", null).orElseThrow());
        ExecutableAllowlist allowlist = new ExecutableAllowlist(List.of(harmless.toString()), false, path, "k");
        assertThatThrownBy(() -> allowlist.check(harmless.toString(), tmp)).hasMessageContaining("interpreter");
    }

    @Test
    void doesNotAllowADecoyThatShadowsAListedProgramOnTheSearchPath() throws IOException {
        Path decoys = Files.createDirectory(tmp.resolve("bin"));
        Path decoy = Files.writeString(decoys.resolve("ls"), "#!/bin/sh\necho gotcha\n");
        Files.setPosixFilePermissions(decoy, PosixFilePermissions.fromString("rwx------"));
        Path realLs = path.resolve("ls", null).orElseThrow();
        ProgramResolver shadowed = new ProgramResolver(List.of(decoys, realLs.getParent()), List.of());
        ExecutableAllowlist allowlist = new ExecutableAllowlist(List.of(realLs.toString()), false, shadowed, "k");
        assertThatThrownBy(() -> allowlist.check("ls", tmp))
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.EXECUTABLE_NOT_ALLOWED);
        assertThat(allowlist.check(realLs.toString(), tmp)).isEqualTo(realLs);
    }

    @Test
    void refusesUnsafeArgumentsOfAListedProgramUnlessTheNodeAllowsThem() {
        ExecutableAllowlist strict = new ExecutableAllowlist(List.of("sort", "date"), false, path, "k");
        assertThatThrownBy(() -> strict.check("sort", List.of("-o", "out.txt", "in.txt"), tmp))
                .hasMessageContaining("-o/--output FILE")
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.ARGUMENT_NOT_ALLOWED);
        assertThatThrownBy(() -> strict.check("date", List.of("-s", "2020-01-01"), tmp))
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.ARGUMENT_NOT_ALLOWED);
        assertThat(strict.check("sort", List.of("-r", "in.txt"), tmp)).isNotNull();

        ExecutableAllowlist open = new ExecutableAllowlist(List.of("sort", "date"), false, true, path, "k");
        assertThat(open.allowsUnsafeArguments()).isTrue();
        assertThat(open.check("sort", List.of("-o", "out.txt", "in.txt"), tmp)).isNotNull();
        assertThat(open.check("date", List.of("-s", "2020-01-01"), tmp)).isNotNull();
    }

    @Test
    void appliesTheArgumentRulesOfTheRealProgramBehindALink() throws IOException {
        Path renamed = Files.createSymbolicLink(
                tmp.resolve("ordering"), path.resolve("sort", null).orElseThrow());
        ExecutableAllowlist allowlist = new ExecutableAllowlist(List.of(renamed.toString()), false, path, "k");
        assertThatThrownBy(() -> allowlist.check(renamed.toString(), List.of("-o", "out.txt"), tmp))
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.ARGUMENT_NOT_ALLOWED);
    }

    /**
     * Each default program either has argument rules or has been read for arguments that write,
     * run or change something and has none. A program added to the defaults fails here until
     * someone does the same.
     */
    @Test
    void everyDefaultProgramHasArgumentRulesOrNeedsNone() {
        Set<String> readOnly = Set.of(
                "echo",
                "true",
                "false",
                "pwd",
                "ls",
                "cat",
                "head",
                "tail",
                "wc",
                "grep",
                "cut",
                "tr",
                "uname",
                "whoami",
                "id",
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
                "seq",
                "where",
                "systeminfo",
                "tasklist",
                "findstr",
                "ping");
        Set<String> withRules =
                ArgumentRules.ALL.stream().flatMap(p -> p.names().stream()).collect(Collectors.toSet());
        List<String> defaults = new ArrayList<>(ShellProperties.POSIX_DEFAULTS);
        defaults.addAll(ShellProperties.WINDOWS_DEFAULTS);
        assertThat(defaults)
                .allSatisfy(program -> assertThat(readOnly.contains(program) || withRules.contains(program))
                        .as("%s is reviewed", program)
                        .isTrue());
        assertThat(withRules).contains("sort", "uniq", "date", "hostname", "ipconfig");
    }

    @Test
    void saysWhenThereIsNoSuchProgram() {
        ExecutableAllowlist allowlist = new ExecutableAllowlist(List.of("echo"), false, path, "k");
        assertThatThrownBy(() -> allowlist.check("no-such-program-handrail", tmp))
                .extracting(e -> ((RefusedException) e).code())
                .isEqualTo(ErrorCode.COMMAND_NOT_FOUND);
    }

    @Test
    void knowsShellsScriptInterpretersAndLaunchersOnEveryPlatform() {
        assertThat(List.of(
                        "sh",
                        "bash",
                        "dash",
                        "zsh",
                        "python3",
                        "python3.11",
                        "pythonw",
                        "perl",
                        "node",
                        "ruby",
                        "php8.2",
                        "pwsh",
                        "powershell.exe",
                        "CMD.EXE",
                        "cscript.exe",
                        "run.bat",
                        "tool.ps1",
                        "env",
                        "xargs",
                        "sudo",
                        "busybox",
                        "java",
                        "awk",
                        "find"))
                .allSatisfy(
                        name -> assertThat(Interpreters.isName(name)).as(name).isTrue());
        assertThat(List.of("echo", "ls", "uname", "notepad.exe", "whoami.exe", "grep", "shasum", "bashful"))
                .allSatisfy(
                        name -> assertThat(Interpreters.isName(name)).as(name).isFalse());
    }

    @Test
    void keepsTheExecutorsOwnSettingsFromThePrograms() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PATH", "/usr/bin", "HANDRAIL_NATS_URL", "nats://x", "handrail_token", "secret", "HOME", "/home/me"));
        ChildEnvironment.scrub(environment);
        assertThat(environment).containsOnlyKeys("PATH", "HOME");
    }
}
