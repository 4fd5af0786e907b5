-- Op-monitoring calls (issue 8): the unique indexes on the records a call holds (client_record, producer_record) go.
-- They refused a record stored in a call before even when its raw row was gone — which retention never causes: it
-- drops only whole partitions older than the retention, and ingest refuses a record older than that
-- (beforeRetention), so within the retention a re-sent record always meets its stored twin in opmon_record, whose
-- unique key de-duplicates it. They cost two text index entries on every call row written (an open call, then its
-- paired replacement): at 600,000 records PostgreSQL's CPU fell 30.1 -> 26.7 s without them. Pairing keeps reading
-- only open calls, through opmon_call_open_message_idx.
DROP INDEX IF EXISTS opmon_call_client_idx;
DROP INDEX IF EXISTS opmon_call_producer_idx;
