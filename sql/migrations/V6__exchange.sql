-- Exchange metrics (issue 3/9): what the city data-sharing exchange platform reports, kept as a time
-- series and rolled up incrementally (hour -> day -> month) so that a year's question never scans raw rows.
-- Daily and monthly buckets are calendar days and months in China Standard Time (Asia/Shanghai).

-- One row per accepted ingest request: for idempotent replays (same client + Idempotency-Key) and history.
CREATE TABLE exchange_batch (
    id               uuid PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('STATS', 'OPMON', 'COLLECTOR', 'REPROCESS')),
    client           text        NOT NULL,
    idempotency_key  text,
    body_sha256      text        NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    lines            integer     NOT NULL,
    accepted         integer     NOT NULL,
    quarantined      integer     NOT NULL,
    duplicates       integer     NOT NULL DEFAULT 0,
    CONSTRAINT exchange_batch_idempotency UNIQUE (client, idempotency_key)
);

-- Interval statistics. Re-sending the same interval for the same key replaces it (primary key + upsert).
-- source: STATS (pushed or pulled interval statistics) or OPMON (aggregated from X-Road op-monitoring calls).
SELECT ts_create_table('exchange_stat', $cols$
    interval_start       timestamptz NOT NULL,
    interval_seconds     integer     NOT NULL CHECK (interval_seconds BETWEEN 1 AND 86400),
    source               text        NOT NULL CHECK (source IN ('STATS', 'OPMON')),
    provider_code        text        NOT NULL,
    consumer_code        text        NOT NULL,
    resource             text        NOT NULL,
    provider_system_code text,
    consumer_system_code text,
    calls                bigint      NOT NULL CHECK (calls >= 0),
    failed_calls         bigint      NOT NULL CHECK (failed_calls >= 0),
    records              bigint      NOT NULL CHECK (records >= 0),
    bytes                bigint      NOT NULL CHECK (bytes >= 0),
    latency_ms_sum       bigint      NOT NULL CHECK (latency_ms_sum >= 0),
    latency_ms_max       integer     NOT NULL CHECK (latency_ms_max >= 0),
    batch_id             uuid,
    received_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider_code, consumer_code, resource, source, interval_start)
$cols$, 'interval_start', interval '7 days');
SELECT ts_set_retention('exchange_stat', interval '400 days');
SELECT ts_set_compression('exchange_stat', 'provider_code, consumer_code, resource', interval '30 days');

-- Rollups, maintained by the application from the dirty-bucket queue (ExchangeRollups).
CREATE TABLE exchange_hourly (
    bucket         timestamptz NOT NULL,
    provider_code  text        NOT NULL,
    consumer_code  text        NOT NULL,
    resource       text        NOT NULL,
    calls          bigint      NOT NULL,
    failed_calls   bigint      NOT NULL,
    records        bigint      NOT NULL,
    bytes          bigint      NOT NULL,
    latency_ms_sum bigint      NOT NULL,
    latency_ms_max integer     NOT NULL,
    PRIMARY KEY (bucket, provider_code, consumer_code, resource)
);
CREATE INDEX exchange_hourly_provider_idx ON exchange_hourly (provider_code, bucket);
CREATE INDEX exchange_hourly_consumer_idx ON exchange_hourly (consumer_code, bucket);

CREATE TABLE exchange_daily (
    day            date   NOT NULL,
    provider_code  text   NOT NULL,
    consumer_code  text   NOT NULL,
    resource       text   NOT NULL,
    calls          bigint NOT NULL,
    failed_calls   bigint NOT NULL,
    records        bigint NOT NULL,
    bytes          bigint NOT NULL,
    latency_ms_sum bigint NOT NULL,
    latency_ms_max integer NOT NULL,
    PRIMARY KEY (day, provider_code, consumer_code, resource)
);
CREATE INDEX exchange_daily_provider_idx ON exchange_daily (provider_code, day);
CREATE INDEX exchange_daily_consumer_idx ON exchange_daily (consumer_code, day);

CREATE TABLE exchange_monthly_flow (
    month          date   NOT NULL,
    provider_code  text   NOT NULL,
    consumer_code  text   NOT NULL,
    calls          bigint NOT NULL,
    failed_calls   bigint NOT NULL,
    records        bigint NOT NULL,
    bytes          bigint NOT NULL,
    latency_ms_sum bigint NOT NULL,
    latency_ms_max integer NOT NULL,
    PRIMARY KEY (month, provider_code, consumer_code)
);

-- Hour buckets whose raw rows changed since the rollups last saw them (late data included). A queue, not a
-- set: ingest appends without an index (cheap, COPY-able); a rollup round takes a chunk and de-duplicates.
CREATE TABLE exchange_rollup_dirty (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- taken oldest first, by index: no rescan of taken rows
    bucket        timestamptz NOT NULL,
    provider_code text        NOT NULL,
    consumer_code text        NOT NULL,
    resource      text        NOT NULL
);

-- Days and months whose finer rollup changed: each is recomputed once per refresh, however many of
-- its hours changed.
CREATE TABLE exchange_rollup_dirty_day (
    day           date NOT NULL,
    provider_code text NOT NULL,
    consumer_code text NOT NULL,
    resource      text NOT NULL,
    PRIMARY KEY (day, provider_code, consumer_code, resource)
);
CREATE TABLE exchange_rollup_dirty_month (
    month         date NOT NULL,
    provider_code text NOT NULL,
    consumer_code text NOT NULL,
    PRIMARY KEY (month, provider_code, consumer_code)
);

-- Records naming organisations or systems the registry does not know: kept, never dropped, never counted
-- against the wrong organisation; re-attributed when the mapping is added.
CREATE TABLE exchange_quarantine (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id          uuid        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('STATS', 'OPMON')),
    received_at       timestamptz NOT NULL DEFAULT now(),
    reason            text        NOT NULL,
    unknown_refs      text[]      NOT NULL,
    record            jsonb       NOT NULL,
    resolved_at       timestamptz,
    resolved_batch_id uuid
);
CREATE INDEX exchange_quarantine_open_idx ON exchange_quarantine (received_at) WHERE resolved_at IS NULL;

-- X-Road operational-monitoring records (PR-OPMON), one per call per side, normalised.
SELECT ts_create_table('opmon_record', $cols$
    monitoring_ts         timestamptz NOT NULL,
    side                  text        NOT NULL CHECK (side IN ('CLIENT', 'PRODUCER')),
    dedupe_key            text        NOT NULL,
    message_id            text        NOT NULL,
    x_request_id          text,
    request_in_ts         bigint,
    request_out_ts        bigint,
    response_in_ts        bigint,
    response_out_ts       bigint,
    client_id             text        NOT NULL,
    service_id            text        NOT NULL,
    service_code          text        NOT NULL,
    service_version       text,
    service_type          text,
    client_org            text        NOT NULL,
    client_system         text,
    provider_org          text        NOT NULL,
    provider_system       text,
    request_size          bigint,
    response_size         bigint,
    succeeded             boolean     NOT NULL,
    fault_code            text,
    fault_string          text,
    status_code           integer,
    metaservice           boolean     NOT NULL,
    security_server       text,
    batch_id              uuid        NOT NULL,
    UNIQUE (dedupe_key, monitoring_ts)
$cols$, 'monitoring_ts', interval '7 days');
SELECT ts_set_retention('opmon_record', interval '90 days');
CREATE INDEX opmon_record_message_idx ON opmon_record (message_id);

-- One row per call: both sides once paired, or the one side seen so far (an orphan).
-- Durations in milliseconds, derived exactly as DOMAIN.md defines; null when an operand is missing.
CREATE TABLE opmon_call (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id           text        NOT NULL,
    x_request_id         text,
    started_at           timestamptz NOT NULL,
    -- the four timestamps (ms) of each side, kept so a late partner can be paired and durations derived
    client_request_in_ts     bigint,
    client_request_out_ts    bigint,
    client_response_in_ts    bigint,
    client_response_out_ts   bigint,
    producer_request_in_ts   bigint,
    producer_request_out_ts  bigint,
    producer_response_in_ts  bigint,
    producer_response_out_ts bigint,
    client_record        text,
    producer_record      text,
    paired               boolean     NOT NULL,
    client_org           text        NOT NULL,
    client_system        text,
    provider_org         text        NOT NULL,
    provider_system      text,
    resource             text        NOT NULL,
    metaservice          boolean     NOT NULL,
    succeeded            boolean     NOT NULL,
    total_ms             bigint,
    producer_ms          bigint,
    provider_is_ms       bigint,
    request_network_ms   bigint,
    response_network_ms  bigint,
    request_size         bigint,
    response_size        bigint
);
CREATE INDEX opmon_call_message_idx ON opmon_call (message_id);
CREATE INDEX opmon_call_started_idx ON opmon_call (started_at);
CREATE UNIQUE INDEX opmon_call_client_idx ON opmon_call (client_record) WHERE client_record IS NOT NULL;
CREATE UNIQUE INDEX opmon_call_producer_idx ON opmon_call (producer_record) WHERE producer_record IS NOT NULL;

-- Anomalies found in the traffic, triaged by the e-government office.
CREATE TABLE exchange_anomaly (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('FAILURE_RATIO', 'UNUSUAL_TRAFFIC', 'SILENT_PROVIDER', 'CLOCK_SKEW', 'DUPLICATE_MESSAGE_ID')),
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    provider_code text        NOT NULL DEFAULT '',
    consumer_code text        NOT NULL DEFAULT '',
    resource      text        NOT NULL DEFAULT '',
    detail        jsonb       NOT NULL,
    status        text        NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'ACKNOWLEDGED', 'NORMAL')),
    detected_at   timestamptz NOT NULL DEFAULT now(),
    triaged_by    text,
    triaged_at    timestamptz,
    note          text,
    CONSTRAINT exchange_anomaly_once UNIQUE (kind, provider_code, consumer_code, resource, period_start)
);
CREATE INDEX exchange_anomaly_status_idx ON exchange_anomaly (status, detected_at);
CREATE TRIGGER exchange_anomaly_audit AFTER UPDATE ON exchange_anomaly
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');

-- Thresholds for anomaly detection and zombie candidates: versioned data, not code.
CREATE TABLE exchange_threshold (
    name        text PRIMARY KEY,
    value       numeric     NOT NULL,
    description text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER exchange_threshold_audit AFTER INSERT OR UPDATE OR DELETE ON exchange_threshold
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('name');
SELECT set_config('govshare.actor', 'system:reference-data', true);
INSERT INTO exchange_threshold (name, value, description) VALUES
    ('failure_ratio', 0.20, 'flag an interface whose failed/total calls in one hour exceed this ratio'),
    ('failure_min_calls', 20, 'only judge the failure ratio of an hour with at least this many calls'),
    ('unusual_low_factor', 0.20, 'flag an hour below this fraction of its usual level for that hour of the week'),
    ('unusual_high_factor', 5.0, 'flag an hour above this multiple of its usual level for that hour of the week'),
    ('unusual_min_baseline', 50, 'only judge hours whose usual level is at least this many calls'),
    ('unusual_weeks', 4, 'how many previous weeks form the usual level for an hour of the week'),
    ('silent_hours', 6, 'flag a provider with traffic in the previous week but none for this many hours'),
    ('zombie_days', 180, 'a system with no traffic and no successful connection for this many days is a zombie candidate');

-- Pull collector: sources for platforms that cannot push, with a persisted cursor, and run history.
CREATE TABLE exchange_source (
    code             text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9._-]{1,63}$'),
    name             text        NOT NULL,
    url              text        NOT NULL,
    auth_header      text,
    enabled          boolean     NOT NULL DEFAULT true,
    interval_seconds integer     NOT NULL DEFAULT 300 CHECK (interval_seconds BETWEEN 10 AND 86400),
    cursor           text,
    next_run_at      timestamptz NOT NULL DEFAULT now(),
    failures         integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER exchange_source_audit AFTER INSERT OR UPDATE OF name, url, enabled, interval_seconds ON exchange_source
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code', '{auth_header}');

CREATE TABLE exchange_collector_run (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_code   text        NOT NULL REFERENCES exchange_source (code),
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    status        text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    attempts      integer     NOT NULL DEFAULT 1,
    records       integer     NOT NULL DEFAULT 0,
    cursor_before text,
    cursor_after  text,
    error         text
);
CREATE INDEX exchange_collector_run_source_idx ON exchange_collector_run (source_code, started_at DESC);

-- When each system was last seen in exchange traffic (as provider or consumer): evidence for zombie candidates.
CREATE TABLE exchange_system_activity (
    system_code text PRIMARY KEY,
    last_seen   timestamptz NOT NULL
);
