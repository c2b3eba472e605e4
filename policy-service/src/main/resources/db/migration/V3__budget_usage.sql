-- Budget usage, counted when an action is admitted (in the statement that stores it), so a budget
-- check reads a handful of rows instead of counting a principal's or a session's actions.
-- scope 'session': bucket 0, all the session's admitted actions; scope 'principal': one row per
-- second (bucket = epoch second of the action's created_at), summed over the last 60 seconds.
CREATE TABLE budget_usage (
    scope    text   NOT NULL CHECK (scope IN ('session', 'principal')),
    key      text   NOT NULL,
    bucket   bigint NOT NULL,
    admitted bigint NOT NULL,
    PRIMARY KEY (scope, key, bucket)
);

INSERT INTO budget_usage (scope, key, bucket, admitted)
SELECT 'session', session_id, 0, count(*) FROM policy_actions
WHERE admitted AND session_id IS NOT NULL GROUP BY session_id;

INSERT INTO budget_usage (scope, key, bucket, admitted)
SELECT 'principal', principal, floor(extract(epoch FROM created_at))::bigint, count(*) FROM policy_actions
WHERE admitted AND principal IS NOT NULL AND created_at > now() - interval '2 minutes'
GROUP BY principal, floor(extract(epoch FROM created_at))::bigint;

-- The budget counts no longer read policy_actions by principal or session.
DROP INDEX policy_actions_admitted_by_principal;
DROP INDEX policy_actions_admitted_by_session;
