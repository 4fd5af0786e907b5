-- Op-monitoring calls (issue 8): one index on message_id over every call instead of three. Pairing read open calls
-- through a partial index on message_id, and two unique indexes on the records a call holds (client_record,
-- producer_record) refused a record stored in a call before — only possible once its raw row is gone, which the
-- ingest's time bounds and the common retention (OpmonRetention) leave to a manual clean-up. Every call row written
-- (an open call, then its paired replacement) carried three text index entries. Pairing now reads every stored call
-- of the batch's message ids (an open one is paired, one holding a record of the batch makes the batch a duplicate
-- and it is stored again without that record), through this one index.
DROP INDEX IF EXISTS opmon_call_client_idx;
DROP INDEX IF EXISTS opmon_call_producer_idx;
DROP INDEX IF EXISTS opmon_call_open_message_idx;
CREATE INDEX opmon_call_message_idx ON opmon_call (message_id);
