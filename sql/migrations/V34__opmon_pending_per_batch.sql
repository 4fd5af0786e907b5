-- Op-monitoring counting (issue 8): what a batch's pairing adds to the 5-minute statistics waits here, between the
-- pairing transaction and the counting one (V32). It was one row per bucket — as many rows written, then deleted and
-- read back, as the batch has buckets (about 5,000 for 10,000 records) — though the rows are only ever moved all at
-- once. Now one row per batch: its buckets as text lines, tab-separated like COPY's text format (\t, \n, \r and \ escaped
-- with a backslash, \N for null), in the order
--   change (t: signed differences of calls counted before; f: new calls added), interval start (epoch seconds),
--   provider code, consumer code, resource, provider system code, consumer system code, calls, failed calls, bytes,
--   latency sum (ms), largest latency (ms).
-- Stored out of line and uncompressed (written once, read once: compressing would cost more than it saves).
CREATE TABLE opmon_stat_pending_batch (
    batch_id      uuid        NOT NULL,
    buckets       text        NOT NULL,
    pending_since timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE opmon_stat_pending_batch ALTER COLUMN buckets SET STORAGE EXTERNAL;

-- rows a crash left pending in the old shape move into the new one
CREATE FUNCTION pg_temp.pending_escape(t text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT replace(replace(replace(replace(t, '\', '\\'), E'\t', '\t'), E'\n', '\n'), E'\r', '\r') $$;
INSERT INTO opmon_stat_pending_batch (batch_id, buckets, pending_since)
SELECT batch_id,
       string_agg(concat_ws(E'\t', CASE WHEN change THEN 't' ELSE 'f' END, extract(epoch FROM interval_start)::bigint::text,
                            pg_temp.pending_escape(provider_code), pg_temp.pending_escape(consumer_code), pg_temp.pending_escape(resource),
                            coalesce(pg_temp.pending_escape(provider_system_code), '\N'), coalesce(pg_temp.pending_escape(consumer_system_code), '\N'),
                            calls::text, failed_calls::text, bytes::text, latency_ms_sum::text, latency_ms_max::text), E'\n'),
       min(pending_since)
FROM opmon_stat_pending
GROUP BY batch_id;

DROP TABLE opmon_stat_pending;
ALTER TABLE opmon_stat_pending_batch RENAME TO opmon_stat_pending;
