-- Archival of sealed segments (ADR 0029). A segment is the events from first_seq to last_seq, where
-- last_seq is a signed checkpoint's seq. The archive command (run as the owner of these tables, never
-- as the service role) writes the segment to a file, verifies it, and in one transaction records the
-- cut here and removes the segment's events from the hot table. last_hash is the hash at last_seq
-- (the anchor the hot chain continues from); file_sha256 fixes the file's exact bytes.
-- checkpoint_seq names the signed checkpoint that seals the segment (checkpoints are never removed).
CREATE TABLE archived_segments (
    first_seq       bigint      PRIMARY KEY,
    last_seq        bigint      NOT NULL UNIQUE,
    anchor_hash     text        NOT NULL,
    last_hash       text        NOT NULL,
    checkpoint_seq  bigint      NOT NULL,
    events          bigint      NOT NULL,
    file_name       text        NOT NULL UNIQUE,
    file_sha256     text        NOT NULL,
    archived_at     timestamptz NOT NULL DEFAULT now(),
    archived_by     text        NOT NULL,
    database_role   text        NOT NULL DEFAULT current_user,
    CHECK (first_seq >= 1 AND last_seq >= first_seq AND checkpoint_seq = last_seq AND events = last_seq - first_seq + 1)
);

-- Which archived segment holds how many events of an action, so the trail of an action whose events
-- left the hot table says where they are instead of answering "not found".
CREATE TABLE archived_action_events (
    action_id  text   NOT NULL,
    first_seq  bigint NOT NULL REFERENCES archived_segments (first_seq),
    events     bigint NOT NULL,
    PRIMARY KEY (action_id, first_seq)
);

REVOKE ALL ON archived_segments, archived_action_events FROM PUBLIC;
GRANT SELECT ON archived_segments, archived_action_events TO "${servicerole}";

CREATE TRIGGER archived_segments_append_only BEFORE UPDATE OR DELETE ON archived_segments
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER archived_segments_no_truncate BEFORE TRUNCATE ON archived_segments
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER archived_action_events_append_only BEFORE UPDATE OR DELETE ON archived_action_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER archived_action_events_no_truncate BEFORE TRUNCATE ON archived_action_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Events stay append-only, with one exception: a row inside a recorded archived segment may be
-- deleted (by a role granted DELETE, which the service role is not). UPDATE and TRUNCATE are
-- refused as before, and so is the DELETE of any row no recorded cut covers.
CREATE FUNCTION refuse_change_unless_archived() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
            SELECT 1 FROM archived_segments s WHERE OLD.seq BETWEEN s.first_seq AND s.last_seq) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '%.% is append-only: % is refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Stored audit events are only removed by archiving a sealed segment, which records the cut first.';
END
$fn$;

DROP TRIGGER events_append_only ON events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_unless_archived();
