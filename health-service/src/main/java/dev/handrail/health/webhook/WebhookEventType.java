package dev.handrail.health.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.IncidentChanged;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.contracts.message.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The event types a webhook may subscribe to, each named as it appears in the API and in payloads. */
public enum WebhookEventType {
    APPROVAL_REQUESTED("approval.requested"),
    APPROVAL_DECIDED("approval.decided"),
    APPROVAL_EXPIRED("approval.expired"),
    APPROVAL_CANCELLED("approval.cancelled"),
    KILL_SWITCH_CHANGED("kill_switch.changed"),
    INCIDENT_OPENED("incident.opened"),
    INCIDENT_CLOSED("incident.closed");

    /** The feed subjects (prefixes) that can carry one of these events; the consumer reads no others. */
    private static final List<String> SUBJECT_PREFIXES = List.of(
            Subjects.actionEventPrefix("pending_approval"),
            Subjects.actionEventPrefix("approved"),
            Subjects.actionEventPrefix("denied"),
            Subjects.actionEventPrefix("expired"),
            Subjects.actionEventPrefix("cancelled"),
            Subjects.KILL_SWITCH_EVENTS,
            Subjects.incidentEvent("opened"),
            Subjects.incidentEvent("closed"));

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The type named {@code wire}, or empty. */
    public static Optional<WebhookEventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** Every wire name, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wire).collect(Collectors.joining(", "));
    }

    /** Whether a message on this feed subject may be one of these events. */
    public static boolean mayCarry(String subject) {
        return SUBJECT_PREFIXES.stream().anyMatch(subject::startsWith);
    }

    /**
     * The webhook event a feed message is, if any. Only a person's decision is an approval
     * decision: policy allowing or denying outright (no approver) is not announced.
     */
    public static Optional<WebhookEventType> of(Message message) {
        return Optional.ofNullable(
                switch (message) {
                    case ApprovalRequested r -> APPROVAL_REQUESTED;
                    case ActionApproved a when a.approvedBy() != null -> APPROVAL_DECIDED;
                    case ActionDenied d when d.deniedBy() != null -> APPROVAL_DECIDED;
                    case ApprovalExpired e -> APPROVAL_EXPIRED;
                    case ActionCancelled c -> APPROVAL_CANCELLED;
                    case KillSwitchChanged k -> KILL_SWITCH_CHANGED;
                    case IncidentChanged i -> "closed".equals(i.state()) ? INCIDENT_CLOSED : INCIDENT_OPENED;
                    default -> null;
                });
    }
}
