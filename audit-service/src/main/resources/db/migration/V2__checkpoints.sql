-- Public halves of the Ed25519 keys that sign checkpoints (the private halves never leave the
-- audit instance's key file). key_id is the first 16 hex characters of SHA-256 over the X.509
-- (SubjectPublicKeyInfo) encoding, which public_key holds in base64.
CREATE TABLE signing_keys (
    key_id     text        PRIMARY KEY,
    algorithm  text        NOT NULL,
    public_key text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A signed checkpoint: the signature of key key_id over the chain having reached (seq, hash).
-- The bytes signed are UTF-8 of "handrail.audit.checkpoint.v1\n<seq>\n<hash>".
CREATE TABLE checkpoints (
    seq        bigint      PRIMARY KEY,
    hash       text        NOT NULL,
    key_id     text        NOT NULL REFERENCES signing_keys (key_id),
    signature  text        NOT NULL,
    signed_at  timestamptz NOT NULL
);

-- GET /v1/events?correlation_id= reads by the envelope's correlation id in seq order.
CREATE INDEX events_correlation ON events ((envelope ->> 'correlationid'), seq);
