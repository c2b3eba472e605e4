-- Runs (docs/runs.md): durable units of work with steps, tool calls and artifacts, claimed by
-- external workers under a lease. A run's row is locked by every change that needs its lease,
-- so a step's number, a lease check and the write it guards happen as one.
CREATE TABLE runs (
    id               TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    session_id       TEXT,
    created_by       TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    max_actions      INTEGER CHECK (max_actions >= 1),
    max_duration_s   INTEGER CHECK (max_duration_s >= 1),
    worker           TEXT,
    -- SHA-256 of the lease token (the token itself is shown once, to the worker that claimed).
    lease_token_hash TEXT,
    lease_expires_at TIMESTAMPTZ,
    claims           INTEGER NOT NULL DEFAULT 0,
    result           TEXT,
    error            TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    ended_at         TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX runs_claimable_idx ON runs (created_at, id) WHERE state IN ('queued', 'running');
CREATE INDEX runs_created_at_idx ON runs (created_at DESC, id DESC);

CREATE TABLE run_steps (
    id         TEXT PRIMARY KEY,
    run_id     TEXT NOT NULL REFERENCES runs (id),
    seq        INTEGER NOT NULL,
    name       TEXT NOT NULL,
    step_key   TEXT,
    state      TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    output     TEXT,
    error      TEXT,
    worker     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    ended_at   TIMESTAMPTZ,
    UNIQUE (run_id, seq),
    UNIQUE (run_id, step_key)
);

CREATE TABLE run_tool_calls (
    id         TEXT PRIMARY KEY,
    run_id     TEXT NOT NULL REFERENCES runs (id),
    step_id    TEXT NOT NULL REFERENCES run_steps (id),
    name       TEXT NOT NULL,
    input      TEXT,
    state      TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    output     TEXT,
    error      TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    ended_at   TIMESTAMPTZ
);
CREATE INDEX run_tool_calls_step_idx ON run_tool_calls (step_id, created_at);

CREATE TABLE run_artifacts (
    id         TEXT PRIMARY KEY,
    run_id     TEXT NOT NULL REFERENCES runs (id),
    step_id    TEXT NOT NULL REFERENCES run_steps (id),
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('text', 'json', 'uri')),
    content    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX run_artifacts_step_idx ON run_artifacts (step_id, created_at);

-- The actions planned as part of a step; admitted ones count towards the run's budget.
CREATE TABLE run_actions (
    action_id  TEXT PRIMARY KEY,
    run_id     TEXT NOT NULL REFERENCES runs (id),
    step_id    TEXT NOT NULL REFERENCES run_steps (id),
    admitted   BOOLEAN NOT NULL,
    planned_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX run_actions_run_idx ON run_actions (run_id, planned_at);
