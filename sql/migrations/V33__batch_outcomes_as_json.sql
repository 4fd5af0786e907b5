-- Issue 8: an op-monitoring batch stores what became of each of its records (10,000 per batch) to answer a re-sent
-- batch the same way. The outcomes are written whole and handed back whole, never queried inside: kept as json (stored
-- as sent, only checked) rather than jsonb (parsed into a binary form on every write) — at 2,000,000 records the
-- batch row's insert took 14.4 s of PostgreSQL's statement time — and compressed with lz4 where the server has it.
ALTER TABLE exchange_batch ALTER COLUMN outcomes TYPE json USING outcomes::json;

DO $$
BEGIN
    ALTER TABLE exchange_batch ALTER COLUMN outcomes SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: the batch outcomes keep the default compression';
END
$$;
