package dev.handrail.health.deadletter;

import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.capability.SensitiveParams;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.PlanCommand;
import java.util.Map;

/**
 * What was asked of the action a dead letter keeps: enough to ask for it again, unless it carried
 * sensitive inputs, whose values a dead letter never keeps (its params are in their at-rest form,
 * see {@link SensitiveParams}). {@code timeoutMs}
 * and {@code maxRetries} are null when not known (a replay then takes the capability's defaults).
 */
public record OriginalRequest(
        String intent,
        Map<String, Object> params,
        String node,
        String sessionId,
        String principal,
        Long timeoutMs,
        Integer maxRetries) {

    public OriginalRequest {
        params = params == null ? Map.of() : params;
    }

    /** The request an execute command carries. */
    public static OriginalRequest of(ExecuteCommand command) {
        return new OriginalRequest(
                command.intent(),
                SensitiveParams.atRest(command.intent(), command.params()),
                command.node(),
                command.sessionId(),
                command.principal(),
                command.timeoutMs(),
                command.maxRetries());
    }

    /** The request a plan command carries. */
    public static OriginalRequest of(PlanCommand command) {
        return new OriginalRequest(
                command.intent(),
                SensitiveParams.atRest(command.intent(), command.params()),
                command.node(),
                command.sessionId(),
                command.principal(),
                command.timeoutMs(),
                command.maxRetries());
    }

    /** The request as the audit store's view of the action tells it. */
    public static OriginalRequest of(ActionView view) {
        return new OriginalRequest(
                view.intent(), view.params(), view.node(), view.sessionId(), view.principal(), null, null);
    }
}
