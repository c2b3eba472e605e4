package dev.handrail.contracts.message;

import java.util.Map;

/**
 * Policy to one node's executor: run this allowed action. {@code contentHash} binds the
 * command to exactly what policy allowed (see {@link ContentHash}); an executor refuses a
 * command whose content does not match it. The one message that carries the sensitive inputs
 * themselves (typed text, clipboard text, file content): it lives in the work queue only until
 * the executor acknowledges it, and its hash is over the real values.
 */
public record ExecuteCommand(
        String actionId,
        String intent,
        Map<String, Object> params,
        String node,
        long timeoutMs,
        int maxRetries,
        String contentHash,
        String sessionId,
        String principal)
        implements Command {

    public ExecuteCommand {
        params = params == null ? Map.of() : params;
    }
}
