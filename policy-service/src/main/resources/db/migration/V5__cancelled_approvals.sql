-- The planner may withdraw an action while it waits for approval: a new final state of the
-- action's row and a new verdict in its approval history.
ALTER TABLE policy_actions DROP CONSTRAINT policy_actions_state_check;
ALTER TABLE policy_actions ADD CONSTRAINT policy_actions_state_check
    CHECK (state IN ('allowed', 'rejected', 'validated', 'pending', 'approved', 'denied', 'expired', 'cancelled'));

ALTER TABLE approval_decisions DROP CONSTRAINT approval_decisions_verdict_check;
ALTER TABLE approval_decisions ADD CONSTRAINT approval_decisions_verdict_check
    CHECK (verdict IN ('approve', 'deny', 'hold', 'expire', 'cancel'));
