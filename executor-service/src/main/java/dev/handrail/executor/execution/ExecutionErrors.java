package dev.handrail.executor.execution;

/** Error codes the executor itself reports, before or around a capability handler. */
public final class ExecutionErrors {

    /** The command's content hash does not match its intent, params and node. */
    public static final String CONTENT_MISMATCH = "CONTENT_MISMATCH";
    /** A redelivered command for a capability that is not idempotent: not run again. */
    public static final String INTERRUPTED = "INTERRUPTED";
    /** The capability is in the catalogue but this node has no handler for it yet. */
    public static final String NOT_IMPLEMENTED = "NOT_IMPLEMENTED";
    /** The intent is not in the catalogue at all. */
    public static final String UNKNOWN_CAPABILITY = "UNKNOWN_CAPABILITY";
    /** The command names another node than the one it reached. */
    public static final String WRONG_NODE = "WRONG_NODE";
    /** The handler did not finish within the command's timeout. */
    public static final String TIMEOUT = "TIMEOUT";
    /** The kill switch was engaged for a scope covering the action while it ran; it was stopped. */
    public static final String ABORTED_BY_KILL_SWITCH = "ABORTED_BY_KILL_SWITCH";
    /** The kill switch is engaged for a scope covering the command, so it is not started. */
    public static final String KILL_SWITCH_ENGAGED = "KILL_SWITCH_ENGAGED";
    /** The handler broke (a bug, not an outcome it could name). */
    public static final String EXECUTOR_ERROR = "EXECUTOR_ERROR";

    private ExecutionErrors() {
    }
}
