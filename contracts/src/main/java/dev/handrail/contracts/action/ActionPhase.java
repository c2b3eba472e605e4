package dev.handrail.contracts.action;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.handrail.contracts.message.ActionEvent;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanDeduplicated;
import dev.handrail.contracts.message.PlanRefused;
import java.util.Locale;
import java.util.Optional;

/**
 * The step of an action's life cycle an event records, under the names the Stage 5 audit trail
 * uses ({@code plan}, {@code validate}, {@code approve}, ...): one phase per state an action can
 * enter, and the phase a notice belongs to. Audit trails label each event with it.
 */
public enum ActionPhase {
    PLAN,
    VALIDATE,
    REJECT,
    AWAIT_APPROVAL,
    APPROVE,
    DENY,
    EXPIRE,
    CANCEL,
    EXECUTE,
    VERIFY,
    FAIL,
    DEAD_LETTER,
    /** An approve, deny or cancel that was refused (unknown action, no longer pending, expired). */
    DECIDE;

    /** Wire name, e.g. {@code await_approval}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The step that ends in {@code state}. {@code succeeded} is {@code verify}: the executor
     * reports success only once it has checked the effect (the execution's evidence).
     */
    public static ActionPhase of(ActionState state) {
        return switch (state) {
            case PLANNED -> PLAN;
            case VALIDATED -> VALIDATE;
            case REJECTED -> REJECT;
            case PENDING_APPROVAL -> AWAIT_APPROVAL;
            case APPROVED -> APPROVE;
            case DENIED -> DENY;
            case EXPIRED -> EXPIRE;
            case CANCELLED -> CANCEL;
            case EXECUTING -> EXECUTE;
            case SUCCEEDED -> VERIFY;
            case FAILED -> FAIL;
            case DEAD_LETTERED -> DEAD_LETTER;
        };
    }

    /** The step a message about an action records; empty for a message about no action. */
    public static Optional<ActionPhase> of(Message message) {
        return switch (message) {
            case ActionEvent event -> Optional.ofNullable(event.state()).map(ActionPhase::of);
            case PlanDeduplicated deduplicated -> Optional.of(PLAN);
            case DecisionRefused refused -> Optional.of(DECIDE);
            case PlanRefused refused -> Optional.of(PLAN);
            default -> Optional.empty();
        };
    }
}
