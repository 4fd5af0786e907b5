-- Op-monitoring at platform speed (issue 8).

-- Recounting a batch's 5-minute buckets is one set-based statement: each bucket (provider, client, resource,
-- start) finds its business calls through this index instead of scanning every call of the 5 minutes.
CREATE INDEX opmon_call_bucket_idx ON opmon_call (provider_org, client_org, resource, started_at) WHERE NOT metaservice;

-- The rollup queue is taken oldest first by id; late data for an hour already rolled up is found by bucket.
CREATE INDEX exchange_rollup_dirty_bucket_idx ON exchange_rollup_dirty (bucket);
