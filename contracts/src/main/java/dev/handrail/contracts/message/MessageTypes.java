package dev.handrail.contracts.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents {@code type} of each message class. A type ends in its version; a change
 * that is not an added optional field makes a new type (and a new subject version).
 */
public final class MessageTypes {

    private static final Map<String, Class<? extends Message>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<? extends Message>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        add("dev.handrail.command.plan.v1", PlanCommand.class);
        add("dev.handrail.command.decide.v1", DecideCommand.class);
        add("dev.handrail.command.execute.v1", ExecuteCommand.class);
        add("dev.handrail.action.planned.v1", ActionPlanned.class);
        add("dev.handrail.action.validated.v1", ActionValidated.class);
        add("dev.handrail.action.rejected.v1", ActionRejected.class);
        add("dev.handrail.action.pending_approval.v1", ApprovalRequested.class);
        add("dev.handrail.action.approved.v1", ActionApproved.class);
        add("dev.handrail.action.denied.v1", ActionDenied.class);
        add("dev.handrail.action.expired.v1", ApprovalExpired.class);
        add("dev.handrail.action.cancelled.v1", ActionCancelled.class);
        add("dev.handrail.action.executing.v1", ExecutionStarted.class);
        add("dev.handrail.action.succeeded.v1", ActionSucceeded.class);
        add("dev.handrail.action.failed.v1", ActionFailed.class);
        add("dev.handrail.action.dead_lettered.v1", ActionDeadLettered.class);
        add("dev.handrail.notice.plan_deduplicated.v1", PlanDeduplicated.class);
        add("dev.handrail.notice.decision_refused.v1", DecisionRefused.class);
        add("dev.handrail.notice.plan_refused.v1", PlanRefused.class);
        add("dev.handrail.breaker.state_changed.v1", BreakerStateChanged.class);
        add("dev.handrail.control.kill_switch_changed.v1", KillSwitchChanged.class);
        add("dev.handrail.control.policy_file_failed.v1", PolicyFileFailed.class);
        add("dev.handrail.incident.changed.v1", IncidentChanged.class);
        add("dev.handrail.run.changed.v1", RunChanged.class);
        add("dev.handrail.audit.checkpoint.v1", AuditCheckpoint.class);
        add("dev.handrail.audit.quarantined.v1", AuditEventQuarantined.class);
    }

    private MessageTypes() {}

    private static void add(String type, Class<? extends Message> cls) {
        BY_TYPE.put(type, cls);
        BY_CLASS.put(cls, type);
    }

    /** The type of a message. */
    public static String typeOf(Message message) {
        String type = BY_CLASS.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException(
                    "No CloudEvents type registered for " + message.getClass().getName());
        }
        return type;
    }

    /** The class a type names. */
    public static Class<? extends Message> classOf(String type) {
        Class<? extends Message> cls = BY_TYPE.get(type);
        if (cls == null) {
            throw new IllegalArgumentException("Unknown message type: " + type);
        }
        return cls;
    }

    /** Every registered type, for fixtures and documentation. */
    public static Map<String, Class<? extends Message>> all() {
        return Map.copyOf(BY_TYPE);
    }
}
