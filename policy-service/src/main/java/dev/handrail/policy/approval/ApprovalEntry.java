package dev.handrail.policy.approval;

import java.time.Instant;

/**
 * One thing that happened to an approval: {@code approve}, {@code deny}, {@code hold},
 * {@code expire} or {@code cancel} (its planner withdrew it), by whom (null for an expiry), when and why. Immutable.
 */
public record ApprovalEntry(String verdict, String decidedBy, Instant decidedAt, String comment) {

    public static final String APPROVE = "approve";
    public static final String DENY = "deny";
    public static final String HOLD = "hold";
    public static final String EXPIRE = "expire";
    public static final String CANCEL = "cancel";
}
