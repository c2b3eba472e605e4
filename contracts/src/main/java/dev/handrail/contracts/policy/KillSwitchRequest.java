package dev.handrail.contracts.policy;

/**
 * Request to engage or release the kill switch for one scope: {@code global},
 * {@code capability:<intent>} or {@code node:<id>}.
 *
 * @param changedBy the principal who asked
 */
public record KillSwitchRequest(String scope, boolean engaged, String reason, String changedBy) {}
