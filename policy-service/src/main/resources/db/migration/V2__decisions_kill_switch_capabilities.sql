-- The decision taken when the action was planned (effect, reasons, policy version), so a
-- redelivered plan republishes exactly what was decided, under whatever policy was in force.
ALTER TABLE policy_actions ADD COLUMN decision jsonb;
-- Whether the plan was admitted (allowed or held for approval): what budgets count.
ALTER TABLE policy_actions ADD COLUMN admitted boolean NOT NULL DEFAULT false;
UPDATE policy_actions SET admitted = true WHERE state IN ('allowed', 'pending', 'approved', 'denied', 'expired');

CREATE INDEX policy_actions_admitted_by_principal ON policy_actions (principal, created_at) WHERE admitted;
CREATE INDEX policy_actions_admitted_by_session ON policy_actions (session_id) WHERE admitted;
CREATE INDEX policy_actions_approvals ON policy_actions (created_at DESC) WHERE expires_at IS NOT NULL;

-- Who decided what on each approval, when and why: approvals, denials, holds and expiries.
CREATE TABLE approval_decisions (
    id          bigserial   PRIMARY KEY,
    action_id   text        NOT NULL REFERENCES policy_actions (action_id),
    verdict     text        NOT NULL CHECK (verdict IN ('approve', 'deny', 'hold', 'expire')),
    decided_by  text,
    decided_at  timestamptz NOT NULL,
    comment     text
);
CREATE INDEX approval_decisions_by_action ON approval_decisions (action_id, id);

-- Every kill-switch scope ever touched, with its latest state; engaged rows are in force.
CREATE TABLE kill_switches (
    scope       text        PRIMARY KEY,
    engaged     boolean     NOT NULL,
    reason      text,
    changed_by  text,
    changed_at  timestamptz NOT NULL
);

-- Operators' settings per capability; a capability without a row is enabled with the table's approval rule.
CREATE TABLE capability_settings (
    intent        text        PRIMARY KEY,
    enabled       boolean     NOT NULL DEFAULT true,
    approval_mode text        CHECK (approval_mode IN ('auto', 'require_approval')),
    changed_by    text,
    changed_at    timestamptz NOT NULL
);
