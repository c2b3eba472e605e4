package dev.handrail.policy.approval;

import dev.handrail.contracts.message.ApprovalExpired;
import java.util.List;

/**
 * Where the expiry sweep announces lapsed approvals. No command caused a sweep, so each event
 * carries the principal and session of the plan it ends. Implemented by messaging.
 */
@FunctionalInterface
public interface ExpiryPublisher {

    /** One lapsed approval and whose plan it was. */
    record Expiry(ApprovalExpired event, String principal, String sessionId) {}

    /** Publishes every expiry and returns once the bus has stored them all; throws otherwise. */
    void publish(List<Expiry> expiries);
}
