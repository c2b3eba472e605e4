-- The audit service connects as its own role, which may only read and append: it does not own
-- these tables (the role running this migration does), it may INSERT and SELECT the stored
-- events, checkpoints and keys, and it may also UPDATE the actions projection (derived state,
-- rebuilt from the events at will). Triggers refuse UPDATE, DELETE and TRUNCATE on what must
-- never change, whoever asks; only a superuser can get around them (session_replication_role),
-- and the hash chain with its signed checkpoints is what catches that.
--
-- Placeholders: servicerole and servicepassword (handrail.audit.database.*). The role is
-- created when missing (roles belong to the whole PostgreSQL cluster, so another database's
-- migration may have made it already); an existing role keeps its password.

DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${servicerole}') THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
                           '${servicerole}', $pw$${servicepassword}$pw$);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created at the same moment by another database's migration
        END;
    END IF;
    IF (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '${servicerole}') THEN
        RAISE EXCEPTION 'The audit service role % must not be a superuser: it would be able to rewrite the audit trail',
            '${servicerole}';
    END IF;
END
$do$;

REVOKE ALL ON events, actions, checkpoints, signing_keys FROM PUBLIC;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO "${servicerole}";
GRANT SELECT, INSERT ON events, checkpoints, signing_keys TO "${servicerole}";
GRANT SELECT, INSERT, UPDATE ON actions TO "${servicerole}";

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION '%.% is append-only: % is refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Stored audit events, checkpoints and keys are never changed or removed.';
END
$fn$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER signing_keys_append_only BEFORE UPDATE OR DELETE ON signing_keys
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER signing_keys_no_truncate BEFORE TRUNCATE ON signing_keys
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
