-- Every admitted action of a session (and of a principal in one second) used to add 1 to the same
-- budget_usage row, so plans stored at once queued on that row's lock, each until the one before
-- committed (with synchronous commit, an fsync each): policy stored one plan of a session at a
-- time. The count is now spread over 16 rows per key and bucket, chosen by the action id; a budget
-- check sums them, as it already summed buckets.
ALTER TABLE budget_usage ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 15);
ALTER TABLE budget_usage DROP CONSTRAINT budget_usage_pkey;
ALTER TABLE budget_usage ADD PRIMARY KEY (scope, key, bucket, shard);
