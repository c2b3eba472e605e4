-- Circuit breakers as the leading health instance last left them, so a restart or a new leader
-- picks them up: one row per breaker, seq counts its visible transitions.
CREATE TABLE breakers (
    name       text        PRIMARY KEY,
    node       text        NOT NULL,
    intent     text,
    state      text        NOT NULL,              -- closed | open | half_open
    held       boolean     NOT NULL DEFAULT false, -- kept open because its node is down
    open_until timestamptz,                        -- when an open breaker lets trial calls through
    seq        bigint      NOT NULL,
    changed_at timestamptz NOT NULL
);

-- Every visible transition, the outbox of the breaker events: event_id is derived from the
-- breaker and seq, so whoever publishes it publishes the same message; published_at is set once
-- JetStream has stored it.
CREATE TABLE breaker_transitions (
    name         text        NOT NULL REFERENCES breakers (name),
    seq          bigint      NOT NULL,
    from_state   text        NOT NULL,
    to_state     text        NOT NULL,
    reason       text        NOT NULL,
    at           timestamptz NOT NULL,
    event_id     text        NOT NULL UNIQUE,
    published_at timestamptz,
    PRIMARY KEY (name, seq)
);
CREATE INDEX breaker_transitions_unpublished ON breaker_transitions (at) WHERE published_at IS NULL;

-- Incidents: at most one open incident per cause (key); announced is the last state put on the feed.
CREATE TABLE incidents (
    id        text        PRIMARY KEY,
    key       text        NOT NULL,
    kind      text        NOT NULL,
    state     text        NOT NULL,
    title     text        NOT NULL,
    detail    jsonb       NOT NULL,
    opened_at timestamptz NOT NULL,
    closed_at timestamptz,
    announced text
);
CREATE UNIQUE INDEX incidents_one_open_per_key ON incidents (key) WHERE state = 'open';
CREATE INDEX incidents_opened ON incidents (opened_at DESC, id DESC);
CREATE INDEX incidents_state ON incidents (state, opened_at DESC);

-- What a dead letter replays (intent, params, node, session, limits), when known, and who replayed it.
ALTER TABLE dead_letters ADD COLUMN request jsonb;
ALTER TABLE dead_letters ADD COLUMN replayed_by text;
