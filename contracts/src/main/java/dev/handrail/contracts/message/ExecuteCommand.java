package dev.handrail.contracts.message;

import java.util.Map;

/**
 * Policy to one node's executor: run this allowed action. {@code contentHash} binds the
 * command to exactly what policy allowed (see {@link ContentHash}); an executor refuses a
 * command whose content does not match it.
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
        String principal) implements Command {

    public ExecuteCommand {
        params = params == null ? Map.of() : params;
    }
}
