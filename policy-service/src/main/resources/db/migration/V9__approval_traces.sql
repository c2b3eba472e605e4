-- The trace an approval belongs to (docs/adr/0031-traces-over-nats-headers.md): the W3C context of
-- the span that held the action for a person, and when it did, kept while the action waits, so the
-- wait is recorded as a span of the action's trace when the decision arrives. Ids and times only.
CREATE TABLE approval_traces (
    action_id   text PRIMARY KEY,
    traceparent text        NOT NULL,
    opened_at   timestamptz NOT NULL
);
