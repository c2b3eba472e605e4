-- Idempotency keys: the first action that used a key for a principal owns it for good.
CREATE TABLE plan_idempotency (
    principal       text        NOT NULL,
    idempotency_key text        NOT NULL,
    action_id       text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);

-- Every action policy has planned, with policy's side of its state. Approvals live here, so a
-- pending approval survives a restart and a decision is taken against the locked row.
CREATE TABLE policy_actions (
    action_id    text        PRIMARY KEY,
    intent       text,
    -- json, not jsonb: the text is kept exactly as it was hashed, so the content hash of an
    -- execute command built from this row later still matches (jsonb rewrites numbers).
    params       json        NOT NULL,
    node         text        NOT NULL,
    principal    text,
    session_id   text,
    timeout_ms   bigint      NOT NULL,
    max_retries  integer     NOT NULL,
    content_hash text        NOT NULL,
    validation   jsonb       NOT NULL,
    state        text        NOT NULL
        CHECK (state IN ('allowed', 'rejected', 'validated', 'pending', 'approved', 'denied', 'expired')),
    expires_at   timestamptz,
    decided_by   text,
    decided_at   timestamptz,
    comment      text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX policy_actions_pending_expiry ON policy_actions (expires_at) WHERE state = 'pending';
