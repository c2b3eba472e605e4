package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enrolled node's identity: a password kept owner-only for the server's environment, one-time
 * credentials for the node, and the permissions of the local executor for its own node id.
 */
class ExecutorNodesTest {

    @TempDir
    Path home;

    @Test
    void enrollingKeepsThePasswordAndTheCredentialsOwnerOnly() throws Exception {
        ExecutorNodes.Node desk = ExecutorNodes.in(home).add("desk-2", "nats://nats.example:4222");

        assertThat(desk.user()).isEqualTo("executor-desk-2");
        assertThat(desk.passwordVariable()).isEqualTo("HANDRAIL_NATS_PASSWORD_EXECUTOR_DESK_2");
        assertThat(desk.secretFile()).isEqualTo(home.resolve("nodes/desk-2.secret"));
        assertThat(desk.credentialsFile()).isEqualTo(home.resolve("nodes/desk-2.env"));
        for (Path file : new Path[] {desk.secretFile(), desk.credentialsFile()}) {
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        String password = Files.readString(desk.secretFile()).trim();
        assertThat(password).matches("pw[0-9a-f]{48}");
        assertThat(ExecutorNodes.readCredentials(desk.credentialsFile()))
                .containsExactly(
                        Map.entry("HANDRAIL_NODE_ID", "desk-2"),
                        Map.entry("HANDRAIL_NATS_URL", "nats://executor-desk-2:" + password + "@nats.example:4222"));
        assertThat(ExecutorNodes.in(home).serverEnvironment())
                .containsExactly(Map.entry("HANDRAIL_NATS_PASSWORD_EXECUTOR_DESK_2", password));
        assertThat(ExecutorNodes.in(home).all()).containsExactly(desk);
    }

    @Test
    void withoutAServerAddressTheCredentialsSayWhatToReplace() {
        ExecutorNodes.Node desk = ExecutorNodes.in(home).add("desk", null);

        String url = ExecutorNodes.readCredentials(desk.credentialsFile()).get("HANDRAIL_NATS_URL");

        assertThat(url).startsWith("nats://executor-desk:pw").endsWith("@" + ExecutorNodes.ADDRESS_PLACEHOLDER);
        assertThat(ExecutorNodes.withServer(url, "nats://127.0.0.1:4333"))
                .isEqualTo(url.replace(ExecutorNodes.ADDRESS_PLACEHOLDER, "127.0.0.1:4333"));
    }

    @Test
    void theServerConfigurationNamesThePasswordVariableNeverThePassword() throws Exception {
        ExecutorNodes.Node desk = ExecutorNodes.in(home).add("desk", null);

        String users = ExecutorNodes.in(home).usersConfig();

        assertThat(users)
                .startsWith("    {user: executor-desk, password: $HANDRAIL_NATS_PASSWORD_EXECUTOR_DESK, permissions:")
                .contains("\"handrail.v1.heartbeat.node.desk\"")
                .contains("\"_INBOX.executor-desk.>\"")
                .doesNotContain(Files.readString(desk.secretFile()).trim())
                .doesNotContain("local");
    }

    @Test
    void aNodesPermissionsAreTheLocalExecutorsForItsOwnId() {
        assertThat(ExecutorNodes.publishAllowed(ExecutorNodes.LOCAL))
                .contains(
                        "handrail.v1.heartbeat.node.local",
                        "$JS.API.CONSUMER.CREATE.HANDRAIL_COMMANDS.executor-local.handrail.v1.exec.local",
                        "$JS.API.CONSUMER.DELETE.HANDRAIL_EVENTS.executor-local-kill-switch",
                        "$O.handrail_artifacts.C.*");

        assertThat(ExecutorNodes.publishAllowed("desk"))
                .hasSameSizeAs(ExecutorNodes.publishAllowed(ExecutorNodes.LOCAL))
                .contains(
                        "handrail.v1.events.action.succeeded.*.node.desk",
                        "handrail.v1.events.action.failed.*.*.node.desk",
                        "handrail.v1.heartbeat.node.desk",
                        "handrail.v1.heartbeat.service.*",
                        "$JS.API.CONSUMER.CREATE.HANDRAIL_COMMANDS.executor-desk.handrail.v1.exec.desk",
                        "$JS.API.CONSUMER.MSG.NEXT.HANDRAIL_COMMANDS.executor-desk",
                        "$JS.ACK.HANDRAIL_COMMANDS.executor-desk.>",
                        "$JS.API.CONSUMER.CREATE.HANDRAIL_EVENTS.executor-desk-kill-switch"
                                + ".handrail.v1.events.control.kill_switch",
                        "$JS.API.CONSUMER.DELETE.HANDRAIL_EVENTS.executor-desk-kill-switch",
                        "$O.handrail_artifacts.M.*")
                .noneMatch(s -> s.contains("local"));
        assertThat(ExecutorNodes.subscribeAllowed("desk"))
                .containsExactly(
                        "_INBOX.executor-desk.>",
                        "handrail.v1.events.control.kill_switch",
                        "handrail.v1.events.run.cancelled");
    }

    @Test
    void theTemplateBlockIsFoundByItsBracesNotByItsQuotes() {
        String conf = "X = {\n  EXECUTOR_LOCAL = {\n    publish = {allow = [\"a.}\", \"b.local\"]}\n  }\n}\n";

        assertThat(ExecutorNodes.executorBlock(conf)).contains("\"a.}\"").contains("\"b.local\"");
        assertThat(ExecutorNodes.forNode(java.util.List.of("b.local", "x.executor-local-y", "localx"), "n"))
                .containsExactly("b.n", "x.executor-n-y", "localx");
    }

    @Test
    void aTakenReservedOrUnusableIdIsRefused() {
        ExecutorNodes nodes = ExecutorNodes.in(home);
        nodes.add("desk-2", null);

        assertThatThrownBy(() -> nodes.add("desk-2", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enrolled already");
        assertThatThrownBy(() -> nodes.add("DESK_2", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HANDRAIL_NATS_PASSWORD_EXECUTOR_DESK_2");
        assertThatThrownBy(() -> nodes.add("local", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("launcher's own");
        assertThatThrownBy(() -> nodes.add("LOCAL", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nodes.add("a.b", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nodes.add("", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(nodes.all()).extracting(ExecutorNodes.Node::id).containsExactly("desk-2");
    }

    @Test
    void revokingDeletesThePasswordAndTheCredentials() {
        ExecutorNodes nodes = ExecutorNodes.in(home);
        ExecutorNodes.Node desk = nodes.add("desk", null);

        assertThat(nodes.revoke("desk")).isTrue();

        assertThat(desk.secretFile()).doesNotExist();
        assertThat(desk.credentialsFile()).doesNotExist();
        assertThat(nodes.all()).isEmpty();
        assertThat(nodes.usersConfig()).isEmpty();
        assertThat(nodes.revoke("desk")).isFalse();
        assertThat(nodes.revoke("../x")).isFalse();
        assertThat(nodes.add("desk", null).id()).isEqualTo("desk");
    }
}
