-- Foundation: time-series storage mode and the tamper-evident audit trail.
-- Every later capability builds on the helpers defined here.

------------------------------------------------------------------------------------------------
-- Time-series storage: TimescaleDB hypertables when the extension can be loaded, otherwise
-- native range partitioning maintained by the application (TimeSeriesMaintenance).
-- ${timescaledb} is a Flyway placeholder: 'auto' (use it when available) or 'off'.
------------------------------------------------------------------------------------------------
DO $$
BEGIN
    IF '${timescaledb}' <> 'off'
       AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
        EXCEPTION WHEN others THEN
            -- Typically: not in shared_preload_libraries. Plain PostgreSQL mode then.
            RAISE NOTICE 'timescaledb available but could not be loaded (%), using native partitioning', SQLERRM;
        END;
    END IF;
END $$;

CREATE FUNCTION ts_timescaledb_enabled() RETURNS boolean
    LANGUAGE sql STABLE AS
$$ SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') $$;

-- One row per time-series table: how it is partitioned and how long raw rows are kept.
CREATE TABLE ts_table (
    table_name          text PRIMARY KEY,
    time_column         text        NOT NULL,
    partition_interval  interval    NOT NULL,
    retention           interval,
    compress_after      interval,
    compress_segment_by text,
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- Lower bound of the partition holding instant p_at, for a fixed-width partition scheme.
CREATE FUNCTION ts_partition_start(p_at timestamptz, p_interval interval) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE AS
$$ SELECT to_timestamp(floor(extract(epoch FROM p_at) / extract(epoch FROM p_interval))
                       * extract(epoch FROM p_interval)) $$;

-- Creates native partitions covering [p_from, p_to) for a plain-mode time-series table.
-- Idempotent; a no-op under TimescaleDB, which creates chunks itself.
CREATE FUNCTION ts_ensure_partitions(p_table text, p_from timestamptz, p_to timestamptz) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    v_interval interval;
    v_start    timestamptz;
    v_name     text;
    v_created  integer := 0;
BEGIN
    IF ts_timescaledb_enabled() THEN
        RETURN 0;
    END IF;
    SELECT partition_interval INTO v_interval FROM ts_table WHERE table_name = p_table;
    IF v_interval IS NULL THEN
        RAISE EXCEPTION '% is not a registered time-series table', p_table;
    END IF;
    v_start := ts_partition_start(p_from, v_interval);
    WHILE v_start < p_to LOOP
        v_name := p_table || '_p' || to_char(v_start AT TIME ZONE 'UTC', 'YYYYMMDDHH24');
        IF to_regclass(v_name) IS NULL THEN
            -- Serialise concurrent creators of the same partition.
            PERFORM pg_advisory_xact_lock(hashtext(v_name));
            IF to_regclass(v_name) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                               v_name, p_table, v_start, v_start + v_interval);
                v_created := v_created + 1;
            END IF;
        END IF;
        v_start := v_start + v_interval;
    END LOOP;
    RETURN v_created;
END
$$;

-- Creates a time-series table from its column list: hypertable or range-partitioned parent.
CREATE FUNCTION ts_create_table(p_table text, p_columns text, p_time_column text, p_interval interval)
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO ts_table (table_name, time_column, partition_interval)
    VALUES (p_table, p_time_column, p_interval);
    IF ts_timescaledb_enabled() THEN
        EXECUTE format('CREATE TABLE %I (%s)', p_table, p_columns);
        EXECUTE format('SELECT create_hypertable(%L, %L, chunk_time_interval => %L::interval)',
                       p_table, p_time_column, p_interval);
    ELSE
        EXECUTE format('CREATE TABLE %I (%s) PARTITION BY RANGE (%I)', p_table, p_columns, p_time_column);
        PERFORM ts_ensure_partitions(p_table, now() - p_interval, now() + 4 * p_interval);
    END IF;
END
$$;

-- Declares how long raw rows of a time-series table are kept.
CREATE FUNCTION ts_set_retention(p_table text, p_keep interval) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE ts_table SET retention = p_keep WHERE table_name = p_table;
    IF ts_timescaledb_enabled() THEN
        EXECUTE format('SELECT add_retention_policy(%L, %L::interval, if_not_exists => true)', p_table, p_keep);
    END IF;
END
$$;

-- Declares native compression (TimescaleDB only; recorded but a no-op on plain PostgreSQL).
CREATE FUNCTION ts_set_compression(p_table text, p_segment_by text, p_after interval) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE ts_table SET compress_after = p_after, compress_segment_by = p_segment_by WHERE table_name = p_table;
    IF ts_timescaledb_enabled() THEN
        EXECUTE format('ALTER TABLE %I SET (timescaledb.compress, timescaledb.compress_segmentby = %L)',
                       p_table, p_segment_by);
        EXECUTE format('SELECT add_compression_policy(%L, %L::interval, if_not_exists => true)', p_table, p_after);
    END IF;
END
$$;

-- Plain mode: drops whole partitions that lie entirely before now() - retention.
-- Returns the names of the dropped partitions. Under TimescaleDB the retention policy does this.
CREATE FUNCTION ts_apply_retention(p_table text, p_now timestamptz DEFAULT now()) RETURNS SETOF text
    LANGUAGE plpgsql AS
$$
DECLARE
    v_keep interval;
    v_part record;
BEGIN
    IF ts_timescaledb_enabled() THEN
        RETURN;
    END IF;
    SELECT retention INTO v_keep FROM ts_table WHERE table_name = p_table;
    IF v_keep IS NULL THEN
        RETURN;
    END IF;
    FOR v_part IN
        SELECT c.relname,
               (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz AS upper_bound
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = p_table::regclass
    LOOP
        IF v_part.upper_bound <= p_now - v_keep THEN
            EXECUTE format('DROP TABLE %I', v_part.relname);
            RETURN NEXT v_part.relname;
        END IF;
    END LOOP;
END
$$;

------------------------------------------------------------------------------------------------
-- Audit trail: append-only, each row hashing its predecessor so that tampering is detectable.
-- Rows are numbered and chained inside the insert trigger under a transaction-scoped lock, so the
-- chain order is the commit order even with concurrent writers.
------------------------------------------------------------------------------------------------
CREATE TABLE audit_event (
    id                 bigint PRIMARY KEY,
    occurred_at        timestamptz NOT NULL,
    actor              text        NOT NULL,
    actor_organisation text,
    action             text        NOT NULL,
    entity_type        text        NOT NULL,
    entity_id          text,
    before_state       jsonb,
    after_state        jsonb,
    prev_hash          text        NOT NULL,
    hash               text        NOT NULL
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);
CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at);

-- The canonical text that a row's hash covers (everything but the hash itself).
CREATE FUNCTION audit_payload(e audit_event) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$
SELECT concat_ws('|', e.id::text,
                 to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                 e.actor, coalesce(e.actor_organisation, ''), e.action, e.entity_type,
                 coalesce(e.entity_id, ''), coalesce(e.before_state::text, ''),
                 coalesce(e.after_state::text, ''), e.prev_hash)
$$;

CREATE FUNCTION audit_hash(e audit_event) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$ SELECT encode(sha256(convert_to(audit_payload(e), 'UTF8')), 'hex') $$;

CREATE FUNCTION audit_event_chain() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    v_last audit_event%ROWTYPE;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('audit_event_chain'));
    SELECT * INTO v_last FROM audit_event ORDER BY id DESC LIMIT 1;
    NEW.id := coalesce(v_last.id, 0) + 1;
    NEW.occurred_at := clock_timestamp();
    NEW.prev_hash := coalesce(v_last.hash, repeat('0', 64));
    NEW.hash := audit_hash(NEW);
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

CREATE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP; END $$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Checks the whole chain: each row's hash matches its content and its predecessor's hash,
-- and ids run without gaps. Returns the number of rows checked and the first broken row, if any.
CREATE FUNCTION audit_verify()
    RETURNS TABLE (rows_checked bigint, first_broken_id bigint, reason text, last_hash text)
    LANGUAGE sql STABLE AS
$$
WITH chain AS (
    SELECT e.id,
           e.hash,
           e.prev_hash,
           audit_hash(e)                      AS recomputed,
           lag(e.hash) OVER (ORDER BY e.id)   AS predecessor_hash,
           lag(e.id) OVER (ORDER BY e.id)     AS predecessor_id
    FROM audit_event e
), broken AS (
    SELECT id,
           CASE
               WHEN id <> coalesce(predecessor_id, 0) + 1 THEN 'row(s) missing before this id'
               WHEN prev_hash <> coalesce(predecessor_hash, repeat('0', 64)) THEN 'link to predecessor broken'
               WHEN hash <> recomputed THEN 'content does not match its hash'
           END AS reason
    FROM chain
)
SELECT (SELECT count(*) FROM audit_event),
       (SELECT min(id) FROM broken WHERE reason IS NOT NULL),
       (SELECT reason FROM broken WHERE reason IS NOT NULL ORDER BY id LIMIT 1),
       (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1)
$$;

-- Generic row-change auditing. Attach to any table:
--   CREATE TRIGGER x_audit AFTER INSERT OR UPDATE OR DELETE ON x
--       FOR EACH ROW EXECUTE FUNCTION audit_row_change('<id column>', '{<columns never to record>}');
-- The actor comes from the transaction-local settings govshare.actor / govshare.actor_organisation,
-- which the application's Db helper sets for every transaction. No-op updates are not recorded.
CREATE FUNCTION audit_row_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    v_redact text[] := coalesce(TG_ARGV[1], '{}')::text[];
    v_before jsonb;
    v_after  jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        v_before := to_jsonb(OLD) - v_redact;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        v_after := to_jsonb(NEW) - v_redact;
    END IF;
    IF TG_OP = 'UPDATE' AND to_jsonb(OLD) = to_jsonb(NEW) THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_event (actor, actor_organisation, action, entity_type, entity_id, before_state, after_state)
    VALUES (coalesce(nullif(current_setting('govshare.actor', true), ''), 'db:' || session_user),
            nullif(current_setting('govshare.actor_organisation', true), ''),
            TG_OP, TG_TABLE_NAME,
            coalesce(v_after, v_before) ->> TG_ARGV[0],
            v_before, v_after);
    RETURN NULL;
END
$$;
