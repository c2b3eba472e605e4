package dev.handrail.contracts.query;

/**
 * Request to replay one dead letter as a new attempt through policy, on behalf of
 * {@code principal} (the operator who asked). The reply's data is
 * {@code {dead_letter_id, replay_action_id, state, replayed_at, replayed_by, repeated}}.
 */
public record ReplayRequest(String deadLetterId, String principal) {}
