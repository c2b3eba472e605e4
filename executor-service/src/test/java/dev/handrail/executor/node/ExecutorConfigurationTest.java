package dev.handrail.executor.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.executor.app.AppProperties;
import dev.handrail.executor.desktop.DesktopProperties;
import dev.handrail.executor.program.Interpreters;
import dev.handrail.executor.shell.ShellProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment-based defaults in application.yml (read without starting any bean) and how they combine. */
class ExecutorConfigurationTest {

    @Test
    void takesTheWorkspaceFromHandrailWorkspaceOrElseBesideHandrailHome() {
        String workspace =
                Optional.ofNullable(System.getenv("HANDRAIL_WORKSPACE")).orElse("");
        String home = Optional.ofNullable(System.getenv("HANDRAIL_HOME")).orElse(".handrail");
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();
            assertThat(environment.getProperty(
                            ExecutorProperties.PREFIX + ".workspace-roots", Argument.listOf(String.class)))
                    .contains(List.of(workspace));
            assertThat(environment.getProperty(ExecutorProperties.PREFIX + ".default-workspace", String.class))
                    .contains(home + "-workspace");
        }
    }

    @Test
    void defaultsTheNodeIdAndLimits() {
        String node = Optional.ofNullable(System.getenv("HANDRAIL_NODE_ID")).orElse("local");
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();
            assertThat(environment.getProperty(ExecutorProperties.PREFIX + ".node-id", String.class))
                    .contains(node);
            assertThat(environment.getProperty(ExecutorProperties.PREFIX + ".max-output-bytes", Long.class))
                    .contains(ExecutorProperties.MIB);
            assertThat(environment.getProperty(ExecutorProperties.PREFIX + ".max-file-bytes", Long.class))
                    .contains(10 * ExecutorProperties.MIB);
            assertThat(environment.getProperty(ExecutorProperties.PREFIX + ".concurrency", Integer.class))
                    .contains(16);
            assertThat(environment.getProperty("nats.default.connection-timeout", java.time.Duration.class))
                    .as("the first NATS handshake may take long on a busy machine")
                    .contains(java.time.Duration.ofSeconds(20));
        }
    }

    @Test
    void picksTheDesktopBackendByDefaultAndAllowsNoInterpreters() {
        String backend = Optional.ofNullable(System.getenv("HANDRAIL_DESKTOP")).orElse("auto");
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();
            assertThat(environment.getProperty(DesktopProperties.PREFIX + ".backend", String.class))
                    .contains(backend);
        }
        ShellProperties shell = new ShellProperties();
        assertThat(shell.isAllowInterpreters()).isFalse();
        assertThat(shell.getAllowedExecutables()).contains("echo", "true", "ls").doesNotContain("sh", "bash", "env");
        assertThat(shell.getAllowedExecutables()).noneMatch(Interpreters::isName);
        assertThat(new AppProperties().getAllowedExecutables()).noneMatch(Interpreters::isName);
    }

    @Test
    void usesTheDefaultWorkspaceOnlyWhenNoRootIsGiven() {
        ExecutorProperties properties = new ExecutorProperties();
        properties.setDefaultWorkspace("/home/me/.handrail/workspace");
        properties.setWorkspaceRoots(new ArrayList<>(List.of("")));
        assertThat(properties.roots()).containsExactly(Path.of("/home/me/.handrail/workspace"));
        properties.setWorkspaceRoots(new ArrayList<>(Arrays.asList("/srv/a", " ", null, "/srv/b")));
        assertThat(properties.roots()).containsExactly(Path.of("/srv/a"), Path.of("/srv/b"));
    }

    @Test
    void refusesANodeIdThatCannotBeASubjectToken() {
        ExecutorProperties properties = new ExecutorProperties();
        properties.setNodeId("bad.node");
        assertThatThrownBy(() -> NodeFactory.nodeId(properties)).hasMessageContaining("node-id");
        properties.setNodeId("desk-1");
        assertThat(NodeFactory.nodeId(properties)).isEqualTo("desk-1");
    }
}
