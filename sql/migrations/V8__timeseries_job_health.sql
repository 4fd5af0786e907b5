-- Health of time-series upkeep, asked the same way in both modes. Under TimescaleDB its own background
-- jobs (compression, retention policies) do the upkeep and can fail on their own (e.g. every policy job
-- failing on PostgreSQL 15.20 with "cannot drop portal"), so their job statistics are read; in plain
-- PostgreSQL GovShare's partition upkeep records each attempt per table here.
ALTER TABLE ts_table
    ADD COLUMN upkeep_attempted_at  timestamptz,
    ADD COLUMN upkeep_succeeded_at  timestamptz,
    ADD COLUMN upkeep_failures      integer NOT NULL DEFAULT 0,  -- consecutive failed attempts
    ADD COLUMN upkeep_total_failures bigint NOT NULL DEFAULT 0,
    ADD COLUMN upkeep_error         text;

-- One row per upkeep job: TimescaleDB policy jobs of GovShare's hypertables, or GovShare's own upkeep
-- per table in plain mode. failing: the last run failed and nothing succeeded after it.
-- consecutive_failures is known in plain mode only (TimescaleDB's public views do not expose it).
CREATE FUNCTION ts_job_health()
    RETURNS TABLE (job text, table_name text, kind text, last_run timestamptz, last_success timestamptz,
                   failing boolean, consecutive_failures integer, total_runs bigint, total_failures bigint,
                   last_error text)
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    IF ts_timescaledb_enabled() THEN
        -- dynamic SQL: the timescaledb_information views exist only with the extension
        RETURN QUERY EXECUTE $q$
            SELECT j.proc_name::text || ':' || j.job_id::text,
                   j.hypertable_name::text,
                   j.proc_name::text,
                   s.last_run_started_at,
                   s.last_successful_finish,
                   COALESCE(s.last_run_status = 'Failed'
                            AND (s.last_successful_finish IS NULL OR s.last_successful_finish < s.last_run_started_at), false),
                   NULL::integer,
                   s.total_runs::bigint,
                   s.total_failures::bigint,
                   (SELECT e.err_message FROM timescaledb_information.job_errors e
                    WHERE e.job_id = j.job_id ORDER BY e.finish_time DESC LIMIT 1)::text
            FROM timescaledb_information.jobs j
            LEFT JOIN timescaledb_information.job_stats s ON s.job_id = j.job_id
            WHERE j.hypertable_name IN (SELECT t.table_name FROM ts_table t)
            ORDER BY j.hypertable_name, j.proc_name $q$;
    ELSE
        RETURN QUERY
            SELECT 'partition_upkeep:' || t.table_name, t.table_name, 'partition_upkeep'::text,
                   t.upkeep_attempted_at, t.upkeep_succeeded_at, t.upkeep_failures > 0, t.upkeep_failures,
                   NULL::bigint, t.upkeep_total_failures, t.upkeep_error
            FROM ts_table t ORDER BY t.table_name;
    END IF;
END
$$;
