-- Webhooks registered by admins. The secret signs every delivery, so it is kept as issued; the
-- API shows it once, on creation.
CREATE TABLE webhooks (
    id         text        PRIMARY KEY,
    url        text        NOT NULL,
    events     text[]      NOT NULL,
    format     text        NOT NULL,              -- json | slack
    secret     text        NOT NULL,
    enabled    boolean     NOT NULL DEFAULT true,
    created_by text,
    created_at timestamptz NOT NULL
);

-- One delivery per (event, webhook): the unique key makes turning a redelivered event into
-- deliveries a no-op. The body is rendered once, so every attempt sends the same bytes.
CREATE TABLE webhook_deliveries (
    id              bigserial   PRIMARY KEY,
    webhook_id      text        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    body            text        NOT NULL,
    state           text        NOT NULL,          -- pending | delivered | failed (gave up)
    attempts        integer     NOT NULL DEFAULT 0, -- attempts claimed so far
    next_attempt_at timestamptz NOT NULL,           -- due time, or the end of a claimed attempt's lease
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    UNIQUE (event_id, webhook_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at DESC);

-- Every attempt: when, the receiver's status code or the error, and how long it took.
CREATE TABLE webhook_attempts (
    delivery_id bigint      NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL,
    status_code integer,
    error       text,
    duration_ms bigint      NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
