package dev.handrail.policy.killswitch;

import java.time.Instant;

/** One scope's latest kill-switch state: engaged or released, by whom, when and why. Immutable. */
public record KillSwitchState(String scope, boolean engaged, String reason, String changedBy, Instant changedAt) {}
