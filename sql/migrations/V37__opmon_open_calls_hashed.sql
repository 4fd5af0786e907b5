-- Pairing probes the calls still waiting for their other half by message id, one equality look-up per record of a
-- batch (issue 8): a hash index answers that from one bucket instead of descending a b-tree of 36-character keys.
DROP INDEX IF EXISTS opmon_call_open_message_idx;
CREATE INDEX opmon_call_open_message_idx ON opmon_call USING hash (message_id) WHERE NOT paired;
