-- Failed actions kept for inspection and replay: one per action.
CREATE TABLE dead_letters (
    id               text        PRIMARY KEY,
    action_id        text        NOT NULL UNIQUE,
    intent           text        NOT NULL,
    node             text,
    error_code       text,
    error_message    text,
    failure_class    text        NOT NULL,
    attempts         integer     NOT NULL,
    created_at       timestamptz NOT NULL,
    replayed_at      timestamptz,
    replay_action_id text,
    original         jsonb       NOT NULL
);

-- Newest first, overall and per filter.
CREATE INDEX dead_letters_created ON dead_letters (created_at DESC, id DESC);
CREATE INDEX dead_letters_intent ON dead_letters (intent, created_at DESC);
CREATE INDEX dead_letters_node ON dead_letters (node, created_at DESC);
CREATE INDEX dead_letters_error_code ON dead_letters (error_code, created_at DESC);
