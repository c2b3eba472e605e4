-- Messages from the feed that cannot be stored in the chain (not an envelope, not representable in
-- canonical JSON, or refused by PostgreSQL, e.g. jsonb and the NUL character) are kept here raw,
-- exactly as they were in the stream, with why they could not be stored: audit never drops an
-- event without a durable record. Rows are numbered 1, 2, 3 ... under the chain's advisory lock.
-- A redelivered message finds its row by (stream, stream_sequence, payload_sha256) and adds none.
-- Append-only like the events: the service role may only INSERT and SELECT.

CREATE TABLE quarantine (
    id               bigint      PRIMARY KEY,
    quarantined_at   timestamptz NOT NULL,
    stream           text        NOT NULL,
    stream_sequence  bigint      NOT NULL,
    nats_subject     text        NOT NULL,
    event_id         text,
    payload          bytea       NOT NULL,
    payload_sha256   text        NOT NULL,
    error            text        NOT NULL,
    UNIQUE (stream, stream_sequence, payload_sha256)
);

REVOKE ALL ON quarantine FROM PUBLIC;
GRANT SELECT, INSERT ON quarantine TO "${servicerole}";

CREATE TRIGGER quarantine_append_only BEFORE UPDATE OR DELETE ON quarantine
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER quarantine_no_truncate BEFORE TRUNCATE ON quarantine
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
