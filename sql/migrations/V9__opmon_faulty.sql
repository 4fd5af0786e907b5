-- Faulty op-monitoring records: valid JSON, but incomplete (a request that failed before the security
-- server could parse it has no messageId, no client or service), of the wrong type or outside the
-- plausibility bounds. Kept with their reasons so the platform operator can see what was sent, never
-- paired, attributed or counted. A record re-sent (the same batch again) is not stored twice.
CREATE TABLE opmon_faulty (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id      uuid        NOT NULL,
    record_index  integer     NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    record        jsonb       NOT NULL,
    record_sha256 text        NOT NULL UNIQUE,
    reasons       jsonb       NOT NULL
);
CREATE INDEX opmon_faulty_received_idx ON opmon_faulty (received_at);
COMMENT ON COLUMN opmon_faulty.record_index IS 'position of the record in its batch, from 1';
COMMENT ON COLUMN opmon_faulty.record_sha256 IS 'hash of the record as sent: a repeated record is kept once';
COMMENT ON COLUMN opmon_faulty.reasons IS 'the problems found: [{field, value, code, params, reason}], message keys problem.<code>';

-- How many records of a batch were faulty, and what became of each (index, outcome, reasons) so that a
-- repeated batch (same Idempotency-Key) is answered exactly as the first time.
ALTER TABLE exchange_batch
    ADD COLUMN faulty   integer NOT NULL DEFAULT 0,
    ADD COLUMN outcomes jsonb;
