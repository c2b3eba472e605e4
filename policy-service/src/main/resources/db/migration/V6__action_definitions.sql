-- The registry of reusable action definitions (docs/definitions.md). A definition holds its
-- current version; every create and edit also stores that version, immutable, so an action run
-- from a definition can always be traced to the exact title and spec it was rendered from.
-- Deleting a definition keeps its versions for the trail of past runs.
CREATE TABLE action_definitions (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('command', 'prompt', 'action')),
    title           TEXT NOT NULL,
    enabled         BOOLEAN NOT NULL,
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    spec            JSONB NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      TEXT NOT NULL
);
CREATE INDEX action_definitions_updated_at_idx ON action_definitions (updated_at DESC, id DESC);
CREATE INDEX action_definitions_kind_idx ON action_definitions (kind, updated_at DESC);

CREATE TABLE action_definition_versions (
    definition_id TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    spec          JSONB NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT NOT NULL,
    PRIMARY KEY (definition_id, version)
);
