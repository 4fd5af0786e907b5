-- Op-monitoring counted by difference (issue 8): each batch adds what its calls changed to their 5-minute
-- buckets instead of recounting every bucket it touched, so the index that served the recount goes; the rare
-- bucket that must still be recounted (a call moved out of it, a maximum that may have dropped) is found
-- through opmon_call_started_idx.
DROP INDEX IF EXISTS opmon_call_bucket_idx;

-- Pairing looks up only calls still waiting for their other half: index only those (most calls are paired).
DROP INDEX IF EXISTS opmon_call_message_idx;
CREATE INDEX opmon_call_open_message_idx ON opmon_call (message_id) WHERE NOT paired;

-- Nothing reads raw records by message id (pairing reads calls); the index only cost a write per record.
DROP INDEX IF EXISTS opmon_record_message_idx;
