package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.devkit.ExecutorNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./handrail nodes}: what it tells the operator for the local server and for one it does not
 * run, and what it refuses.
 */
class NodesCommandTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();

    @Test
    void forAServerItDoesNotRunAddPrintsTheUsersEntryAndTheNodesAddress() {
        NodesCommand command = command("nats://admin:secret@nats.example:4222");

        assertThat(command.run(List.of("add", "desk"))).isZero();

        assertThat(said())
                .contains("{user: executor-desk, password: $HANDRAIL_NATS_PASSWORD_EXECUTOR_DESK")
                .contains("set HANDRAIL_NATS_PASSWORD_EXECUTOR_DESK in its environment")
                .contains("# node desk")
                .doesNotContain("secret@");
        ExecutorNodes.Node desk = ExecutorNodes.in(home).find("desk").orElseThrow();
        assertThat(ExecutorNodes.readCredentials(desk.credentialsFile()).get("HANDRAIL_NATS_URL"))
                .startsWith("nats://executor-desk:pw")
                .endsWith("@nats.example:4222");
    }

    @Test
    void forTheLocalServerAddSaysItTakesTheNodeUpAtItsNextStartAndWhereToPutTheAddress() {
        assertThat(command(null).run(List.of("add", "desk"))).isZero();

        assertThat(said())
                .contains("./handrail up takes the node up when it starts")
                .contains(ExecutorNodes.ADDRESS_PLACEHOLDER)
                .contains("docs/windows-node.md")
                .doesNotContain("{user:");
    }

    @Test
    void anAddressGivenWinsAndListShowsWhetherTheCredentialsWereHandedOut() throws Exception {
        NodesCommand command = command(null);

        assertThat(command.run(List.of("add", "desk", "--nats-url", "tls://nats.example:4443")))
                .isZero();
        ExecutorNodes.Node desk = ExecutorNodes.in(home).find("desk").orElseThrow();
        assertThat(ExecutorNodes.readCredentials(desk.credentialsFile()).get("HANDRAIL_NATS_URL"))
                .startsWith("tls://executor-desk:pw")
                .endsWith("@nats.example:4443");
        java.nio.file.Files.delete(desk.credentialsFile());
        said.reset();

        assertThat(command.run(List.of("list"))).isZero();

        assertThat(said()).isEqualTo("desk  user executor-desk  credentials (handed out)\n");
    }

    @Test
    void revokeSaysWhenItTakesEffectAndRefusesAnUnknownNode() {
        NodesCommand command = command(null);
        command.run(List.of("add", "desk"));
        said.reset();

        assertThat(command.run(List.of("revoke", "desk"))).isZero();
        assertThat(said()).contains("refuses the node from its next start");
        assertThat(ExecutorNodes.in(home).all()).isEmpty();

        assertThat(command.run(List.of("revoke", "desk"))).isEqualTo(1);
        assertThat(said()).contains("No node desk is enrolled");
    }

    @Test
    void aTakenReservedOrUnusableIdAndAWrongUsageAreRefused() {
        NodesCommand command = command(null);
        command.run(List.of("add", "desk"));

        assertThat(command.run(List.of("add", "desk"))).isEqualTo(1);
        assertThat(command.run(List.of("add", "local"))).isEqualTo(1);
        assertThat(command.run(List.of("add", "a.b"))).isEqualTo(1);
        assertThat(command.run(List.of("add"))).isEqualTo(2);
        assertThat(command.run(List.of("add", "x", "--url", "nats://h:1"))).isEqualTo(2);
        assertThat(command.run(List.of("remove", "desk"))).isEqualTo(2);
        assertThat(said())
                .contains("enrolled already")
                .contains("launcher's own")
                .contains("Not a valid node id")
                .contains(NodesCommand.USAGE);
    }

    private NodesCommand command(String natsUrl) {
        Settings settings = new Settings(8080, home, home.resolveSibling("ws"), home, natsUrl, null, false);
        return new NodesCommand(settings, new PrintStream(said, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }
}
