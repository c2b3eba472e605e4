package dev.handrail.executor.node;

import dev.handrail.contracts.Subjects;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.desktop.Desktop;
import dev.handrail.executor.execution.CommandExecutor;
import dev.handrail.executor.execution.HandlerRunner;
import dev.handrail.executor.execution.RunningCommands;
import dev.handrail.executor.killswitch.KillSwitch;
import dev.handrail.executor.program.ExecutableAllowlist;
import dev.handrail.executor.program.ProgramResolver;
import dev.handrail.executor.sandbox.Sandbox;
import dev.handrail.executor.shell.ShellProperties;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds this node from its configuration: the sandbox over its workspace roots, the allowlist of
 * {@code shell.run}, the registry of every {@link CapabilityHandler} bean (each handler is a
 * {@code @Singleton} of its own, found by type rather than listed here), the kill switch and the
 * command executor.
 */
@Factory
public class NodeFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NodeFactory.class);
    /** How long a timed-out handler gets to kill what it started before the timeout is reported. */
    private static final Duration CLEANUP_GRACE = Duration.ofSeconds(5);

    @Singleton
    Sandbox sandbox(ExecutorProperties properties) {
        return Sandbox.open(properties.roots());
    }

    /** The programs {@code shell.run} may start, named by the configuration it comes from. */
    @Singleton
    @Named(ShellProperties.PREFIX)
    ExecutableAllowlist shellAllowlist(ShellProperties shell) {
        ExecutableAllowlist allowlist = new ExecutableAllowlist(
                shell.getAllowedExecutables(),
                shell.isAllowInterpreters(),
                shell.isAllowUnsafeArguments(),
                ProgramResolver.fromEnvironment(),
                ShellProperties.PREFIX + ".allowed-executables");
        LOG.info(
                "shell.run may start: {}{}{}",
                allowlist.allowed(),
                shell.isAllowInterpreters() ? " (interpreters allowed)" : "",
                shell.isAllowUnsafeArguments() ? " (unsafe arguments allowed)" : "");
        return allowlist;
    }

    /** Every capability handler bean of the node (found by type, each a bean of its own), checked against the catalogue. */
    @Singleton
    CapabilityRegistry registry(List<CapabilityHandler> handlers) {
        return new CapabilityRegistry(handlers);
    }

    @Singleton
    RunningCommands runningCommands() {
        return new RunningCommands();
    }

    @Singleton
    KillSwitch killSwitch(ExecutorProperties properties, RunningCommands running) {
        return new KillSwitch(nodeId(properties), running);
    }

    @Singleton
    CommandExecutor commandExecutor(
            ExecutorProperties properties,
            CapabilityRegistry registry,
            RunningCommands running,
            KillSwitch killSwitch) {
        return new CommandExecutor(nodeId(properties), registry, new HandlerRunner(CLEANUP_GRACE), running, killSwitch);
    }

    @Singleton
    NodeDescription nodeDescription(
            CapabilityRegistry registry, Sandbox sandbox, ExecutorProperties properties, Desktop desktop) {
        return new NodeDescription(registry, sandbox, properties.getLabels(), desktop);
    }

    /** The configured node id, refused at start-up when it cannot be a subject token. */
    static String nodeId(ExecutorProperties properties) {
        String id = properties.getNodeId();
        if (!Subjects.isToken(id)) {
            throw new IllegalArgumentException(
                    ExecutorProperties.PREFIX + ".node-id must be 1-64 letters, digits, '-' or '_', not: " + id);
        }
        return id;
    }
}
