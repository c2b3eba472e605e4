package dev.handrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line without a gateway: usage, help, completion, configuration and the unreachable exit code. */
class HandrailCliTest {

    @TempDir
    Path config;

    record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = HandrailCli.commandLine(env, new BufferedReader(new StringReader("")));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Map<String, String> env() {
        return Map.of("XDG_CONFIG_HOME", config.toString());
    }

    @Test
    void everyCommandAnswersHelp() {
        CommandLine root = HandrailCli.commandLine(env(), new BufferedReader(new StringReader("")));
        root.getSubcommands().forEach((name, sub) -> {
            assertThat(run(env(), name, "--help").exit()).as(name).isZero();
            sub.getSubcommands()
                    .keySet()
                    .forEach(child -> assertThat(
                                    run(env(), name, child, "--help").out())
                            .as(name + " " + child)
                            .contains("Usage:"));
        });
    }

    @Test
    void unknownCommandsAndMissingArgumentsAreUsageErrors() {
        assertThat(run(env(), "frobnicate").exit()).isEqualTo(2);
        assertThat(run(env(), "approve").exit()).isEqualTo(2);
        assertThat(run(env(), "kill-switch", "engage", "global").exit()).isEqualTo(2);
        assertThat(run(env(), "--url", "http://127.0.0.1:1", "tokens", "create", "x", "agent", "--expires", "soon")
                        .exit())
                .isEqualTo(2);
    }

    @Test
    void anUnreachableGatewayExitsWithThree() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = run(env(), "approvals", "--json", "--url", "http://127.0.0.1:" + port);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("Cannot reach the gateway");
    }

    @Test
    void auditArchiveRunsTheArchiverWhichRefusesAnUnreachableDatabase() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = run(
                env(),
                "audit",
                "archive",
                "--through-seq",
                "10",
                "--to",
                config.resolve("archive").toString(),
                "--db-url",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Archive refused: Cannot archive audit segments");
        assertThat(run(env(), "audit", "archive", "--to", "x").err()).contains("Missing required");
    }

    @Test
    void completionScriptIsGenerated() {
        Run run = run(env(), "completion");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("complete").contains("approvals").contains("kill-switch");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheProfile() throws IOException {
        new Profile("http://profile:1", "profile-token").write(env());
        HandrailCli cli =
                new HandrailCli(Map.of("XDG_CONFIG_HOME", config.toString(), "HANDRAIL_URL", "http://env:2"), null);
        assertThat(cli.gateway()).hasToString("http://env:2");
        assertThat(cli.bearer()).isEqualTo("profile-token");
        cli.url = "http://flag:3";
        cli.token = "flag-token";
        assertThat(cli.gateway()).hasToString("http://flag:3");
        assertThat(cli.bearer()).isEqualTo("flag-token");
        assertThat(Files.getPosixFilePermissions(Profile.location(env())))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
