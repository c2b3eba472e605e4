package dev.handrail.contracts.policy;

/**
 * Request to change how policy treats one capability; a null field is left as it is.
 *
 * @param approvalMode {@code auto} or {@code require_approval}
 * @param changedBy    the principal who asked
 */
public record CapabilityUpdate(String intent, Boolean enabled, String approvalMode, String changedBy) {}
