package dev.handrail.policy.capability;

import dev.handrail.policy.decision.ApprovalMode;
import java.time.Instant;

/**
 * What an operator set for one capability. Immutable.
 *
 * @param approvalMode null when the capability table's rule applies
 */
public record CapabilitySetting(
        String intent, boolean enabled, ApprovalMode approvalMode, String changedBy, Instant changedAt) {}
