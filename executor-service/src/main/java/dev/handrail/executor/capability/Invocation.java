package dev.handrail.executor.capability;

import java.time.Duration;
import java.util.Map;

/**
 * One call of a capability handler: the action it is for, its parameters as the plan gave them,
 * and how long the handler may take.
 */
public record Invocation(String actionId, Map<String, Object> params, Duration timeout) {

    public Invocation {
        params = params == null ? Map.of() : params;
    }
}
