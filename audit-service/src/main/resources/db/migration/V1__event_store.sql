-- The event store: every event on the feed, once, in the order the writer appended it, each
-- row chained to the one before by hash (hash = SHA-256(prev_hash || canonical JSON of envelope)).
CREATE TABLE events (
    seq          bigint      PRIMARY KEY,
    event_id     text        NOT NULL UNIQUE,
    type         text,
    action_id    text,
    nats_subject text,
    event_time   timestamptz,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    envelope     jsonb       NOT NULL,
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL
);

CREATE INDEX events_action_id ON events (action_id, seq);
CREATE INDEX events_type ON events (type);

-- Projection: each action's view folded from its events. out_of_order counts stored events the
-- view could not take yet because an earlier event of the action had not arrived (several audit
-- instances, a redelivered batch); while it is above zero, the next event rebuilds the view.
CREATE TABLE actions (
    action_id  text        PRIMARY KEY,
    state      text,
    intent     text,
    session_id text,
    principal  text,
    node       text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    out_of_order integer   NOT NULL DEFAULT 0,
    view       jsonb       NOT NULL
);

-- Lists are newest first, optionally filtered by one or more of these columns.
CREATE INDEX actions_newest ON actions (created_at DESC, action_id DESC);
CREATE INDEX actions_state ON actions (state, created_at DESC);
CREATE INDEX actions_intent ON actions (intent, created_at DESC);
CREATE INDEX actions_session ON actions (session_id, created_at DESC);
CREATE INDEX actions_principal ON actions (principal, created_at DESC);
CREATE INDEX actions_node ON actions (node, created_at DESC);
