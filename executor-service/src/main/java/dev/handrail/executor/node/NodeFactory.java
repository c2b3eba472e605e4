package dev.handrail.executor.node;

import dev.handrail.contracts.Subjects;
import dev.handrail.executor.capability.CapabilityHandler;
import dev.handrail.executor.capability.CapabilityRegistry;
import dev.handrail.executor.execution.CommandExecutor;
import dev.handrail.executor.execution.HandlerRunner;
import dev.handrail.executor.file.FileReadHandler;
import dev.handrail.executor.file.FileWriteHandler;
import dev.handrail.executor.sandbox.Sandbox;
import dev.handrail.executor.shell.ShellRunHandler;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * Builds this node from its configuration: the sandbox over its workspace roots, a handler per
 * capability it runs, the registry of those handlers (a platform backend adds its own
 * {@link CapabilityHandler} beans and they join it), and the command executor.
 */
@Factory
public class NodeFactory {

    /** How long a timed-out handler gets to kill what it started before the timeout is reported. */
    private static final Duration CLEANUP_GRACE = Duration.ofSeconds(5);

    @Singleton
    Sandbox sandbox(ExecutorProperties properties) {
        return Sandbox.open(properties.roots());
    }

    @Singleton
    FileReadHandler fileRead(Sandbox sandbox, ExecutorProperties properties) {
        return new FileReadHandler(sandbox, properties.getMaxFileBytes());
    }

    @Singleton
    FileWriteHandler fileWrite(Sandbox sandbox, ExecutorProperties properties) {
        return new FileWriteHandler(sandbox, properties.getMaxFileBytes());
    }

    @Singleton
    ShellRunHandler shellRun(Sandbox sandbox, ExecutorProperties properties) {
        return new ShellRunHandler(sandbox.workingDirectory(), properties.getMaxOutputBytes());
    }

    @Singleton
    CapabilityRegistry registry(List<CapabilityHandler> handlers) {
        return new CapabilityRegistry(handlers);
    }

    @Singleton
    CommandExecutor commandExecutor(ExecutorProperties properties, CapabilityRegistry registry) {
        return new CommandExecutor(nodeId(properties), registry, new HandlerRunner(CLEANUP_GRACE));
    }

    @Singleton
    NodeDescription nodeDescription(CapabilityRegistry registry, Sandbox sandbox, ExecutorProperties properties) {
        return new NodeDescription(registry, sandbox, properties.getLabels(), System.getenv("DISPLAY"));
    }

    /** The configured node id, refused at start-up when it cannot be a subject token. */
    static String nodeId(ExecutorProperties properties) {
        String id = properties.getNodeId();
        if (!Subjects.isToken(id)) {
            throw new IllegalArgumentException(ExecutorProperties.PREFIX + ".node-id must be 1-64 letters, digits, '-' or '_', not: " + id);
        }
        return id;
    }
}
