-- Issue 12: a budget year's verdicts (1,000 requests, each with about a hundred facts and fifty rule outcomes:
-- some 28 MB of JSON) must be recomputed and written in under 2 s. The verdict's own facts, outcomes and fact values
-- are written whole and read whole, never queried inside: kept as json (stored as sent, only checked) rather than
-- jsonb (parsed into a binary form on every write), and compressed with lz4 where the server has it.
ALTER TABLE eligibility_verdict
    ALTER COLUMN outcomes TYPE json USING outcomes::json,
    ALTER COLUMN facts TYPE json USING facts::json,
    ALTER COLUMN fact_values TYPE json USING fact_values::json;

DO $$
BEGIN
    ALTER TABLE eligibility_verdict
        ALTER COLUMN outcomes SET COMPRESSION lz4,
        ALTER COLUMN facts SET COMPRESSION lz4,
        ALTER COLUMN fact_values SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: the verdicts keep the default compression';
END
$$;
