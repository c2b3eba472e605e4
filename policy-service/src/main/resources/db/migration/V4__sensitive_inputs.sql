-- Sensitive inputs (typed text, clipboard text, file content) of an action held for approval,
-- kept only while it is pending: the change that ends the approval deletes the row, so the values
-- outlive neither the approval nor the execute command that carries them to the node.
-- json, not jsonb: the text is kept exactly as it came, like policy_actions.params.
CREATE TABLE policy_action_inputs (
    action_id text PRIMARY KEY REFERENCES policy_actions (action_id),
    inputs    json NOT NULL
);

-- Rows planned before: a pending approval keeps its values here, so it can still be approved.
INSERT INTO policy_action_inputs (action_id, inputs)
SELECT a.action_id, json_build_object(sensitive.name, a.params -> sensitive.name)
FROM policy_actions AS a
JOIN (VALUES ('keyboard.type', 'text'), ('clipboard.write', 'text'), ('file.write', 'content')) AS sensitive (intent, name)
  ON a.intent = sensitive.intent
WHERE a.state = 'pending' AND json_typeof(a.params -> sensitive.name) = 'string';

-- Every row's params take their at-rest form: each sensitive value becomes
-- {"redacted": true, "sha256": <hex of its UTF-8 bytes>, "length": <UTF-8 bytes>}, as the
-- contracts' SensitiveParams writes it. content_hash stays: it is over the real values.
UPDATE policy_actions AS a
SET params = (a.params::jsonb || jsonb_build_object(sensitive.name, jsonb_build_object(
        'redacted', true,
        'sha256', encode(sha256(convert_to(a.params ->> sensitive.name, 'UTF8')), 'hex'),
        'length', octet_length(convert_to(a.params ->> sensitive.name, 'UTF8')))))::json
FROM (VALUES ('keyboard.type', 'text'), ('clipboard.write', 'text'), ('file.write', 'content')) AS sensitive (intent, name)
WHERE a.intent = sensitive.intent AND json_typeof(a.params -> sensitive.name) = 'string';
