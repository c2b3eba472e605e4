package dev.handrail.executor.node;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's configuration under {@code handrail.executor}: who it is, which directories its
 * file and shell capabilities are confined to, how much output and file content it handles, and
 * how many commands it runs at once. application.yml fills the defaults from the environment
 * ({@code HANDRAIL_NODE_ID}, {@code HANDRAIL_WORKSPACE}, {@code HANDRAIL_HOME}). Bound once at start-up
 * and only read afterwards.
 */
@ConfigurationProperties(ExecutorProperties.PREFIX)
public class ExecutorProperties {

    public static final String PREFIX = "handrail.executor";
    public static final long MIB = 1024L * 1024L;

    private String nodeId = "local";
    private List<String> workspaceRoots = new ArrayList<>();
    private String defaultWorkspace = ".handrail/workspace";
    private long maxOutputBytes = MIB;
    private long maxFileBytes = 10 * MIB;
    private Map<String, String> labels = new LinkedHashMap<>();
    private int concurrency = 16;

    /** The node id: the subject token its execute commands and heartbeats carry. */
    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    /** Directories the file and shell capabilities are confined to; relative paths start in the first. */
    public List<String> getWorkspaceRoots() {
        return workspaceRoots;
    }

    public void setWorkspaceRoots(List<String> workspaceRoots) {
        this.workspaceRoots = workspaceRoots;
    }

    /** The root used when {@code workspace-roots} names none: {@code <HANDRAIL_HOME>/workspace}. */
    public String getDefaultWorkspace() {
        return defaultWorkspace;
    }

    public void setDefaultWorkspace(String defaultWorkspace) {
        this.defaultWorkspace = defaultWorkspace;
    }

    /** The roots in effect: the non-blank {@code workspace-roots}, or else the default workspace alone. */
    public List<Path> roots() {
        List<Path> given = workspaceRoots == null
                ? List.of()
                : workspaceRoots.stream()
                        .filter(root -> root != null && !root.isBlank())
                        .map(Path::of)
                        .toList();
        return given.isEmpty() ? List.of(Path.of(defaultWorkspace)) : given;
    }

    /** Most bytes of each of standard output and error kept from a command. */
    public long getMaxOutputBytes() {
        return maxOutputBytes;
    }

    public void setMaxOutputBytes(long maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
    }

    /** Largest file read or written. */
    public long getMaxFileBytes() {
        return maxFileBytes;
    }

    public void setMaxFileBytes(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** Free-form labels the heartbeat carries (e.g. {@code desk: reception}). */
    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    /** Most commands in flight on this node (the consumer's max ack pending). */
    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }
}
