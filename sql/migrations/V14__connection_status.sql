-- Connection status (issue 11, 网络通 measured): probe settings of each target, the current state of every
-- target (N/M state machine, resumed after a restart), raw checks as a time series rolled up minute -> hour
-- -> day -> month on write, incidents with their cause, maintenance windows, notification channels,
-- subscriptions and delivery attempts, and the thresholds that drive it all (versioned, audited rows).

-- How a target is probed beyond kind/address/interval/down-after/up-after (V5). Defaults apply to every
-- existing target; the registry's create/edit forms may leave them alone.
ALTER TABLE connection_target
    ADD COLUMN expected_status   text    NOT NULL DEFAULT '200-399' CHECK (expected_status ~ '^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$'),
    ADD COLUMN expected_text     text    CHECK (expected_text IS NULL OR length(expected_text) BETWEEN 1 AND 200),
    ADD COLUMN timeout_ms        integer NOT NULL DEFAULT 5000 CHECK (timeout_ms BETWEEN 100 AND 60000),
    ADD COLUMN cert_warning_days integer NOT NULL DEFAULT 14 CHECK (cert_warning_days BETWEEN 0 AND 365);

-- Thresholds and settings: data, not code.
CREATE TABLE connection_setting (
    name        text PRIMARY KEY,
    value       numeric     NOT NULL,
    description text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER connection_setting_audit AFTER INSERT OR UPDATE OR DELETE ON connection_setting
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('name');
SELECT set_config('govshare.actor', 'system:reference-data', true);
INSERT INTO connection_setting (name, value, description) VALUES
    ('heartbeat_tolerance', 2.5, 'a heartbeat target fails when no heartbeat came for its interval times this factor'),
    ('connected_threshold_percent', 95, 'a system counts as connected in a period when its targets'' availability reaches this percentage'),
    ('resend_minutes', 60, 'while a target stays DOWN, notify again every this many minutes (0: never)'),
    ('jitter_percent', 10, 'each next probe is moved by up to this percentage of the interval, so targets do not probe in step'),
    ('raw_retention_days', 14, 'raw checks are kept this many days; minute rollups 90 days; hour, day and month rollups for good'),
    ('probe_concurrency', 512, 'most probes in flight at once on one replica');

-- The current state of each target. One row per target, kept across restarts: a restarted service resumes
-- it (consecutive counts, open incident) instead of starting over.
CREATE TABLE connection_state (
    target_code           text PRIMARY KEY REFERENCES connection_target (code),
    status                text        NOT NULL DEFAULT 'UNKNOWN' CHECK (status IN ('UNKNOWN', 'UP', 'DOWN')),
    status_since          timestamptz NOT NULL DEFAULT now(),
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    consecutive_successes integer     NOT NULL DEFAULT 0,
    failing_since         timestamptz,
    last_check_at         timestamptz,
    last_success_at       timestamptz,
    last_failure_at       timestamptz,
    last_cause            text,
    last_detail           text,
    last_latency_ms       integer,
    last_heartbeat_at     timestamptz,
    cert_expires_at       timestamptz,
    next_due_at           timestamptz NOT NULL DEFAULT now(),
    claimed_by            text,
    open_incident_id      bigint,
    last_notified_at      timestamptz
);
CREATE INDEX connection_state_due_idx ON connection_state (next_due_at);

-- Raw checks: one row per probe result or heartbeat (or missed heartbeat). covers_seconds is the time this
-- check speaks for (the target's interval); state is the target's state after it, and which of up, down,
-- maintenance or unknown the covered time counts as.
SELECT ts_create_table('connection_check', $cols$
    checked_at     timestamptz NOT NULL,
    target_code    text        NOT NULL,
    ok             boolean     NOT NULL,
    cause          text        CHECK (cause IN ('TIMEOUT', 'REFUSED', 'DNS', 'HTTP_STATUS', 'TEXT_MISSING', 'TLS_ERROR', 'CERT_EXPIRED', 'MISSED_HEARTBEAT', 'REPORTED_DOWN', 'NETWORK')),
    detail         text,
    latency_ms     integer,
    http_status    integer,
    counted_as     text        NOT NULL CHECK (counted_as IN ('UP', 'DOWN', 'MAINTENANCE', 'UNKNOWN')),
    covers_seconds integer     NOT NULL CHECK (covers_seconds BETWEEN 0 AND 86400),
    source         text        NOT NULL CHECK (source IN ('PROBE', 'HEARTBEAT', 'WATCHDOG'))
$cols$, 'checked_at', interval '1 day');
SELECT ts_set_retention('connection_check', interval '14 days');
CREATE INDEX connection_check_target_idx ON connection_check (target_code, checked_at DESC);

-- Rollups, kept current by the same transaction that stores the checks (additive upserts).
SELECT ts_create_table('connection_minute', $cols$
    bucket            timestamptz NOT NULL,
    target_code       text        NOT NULL,
    checks            integer     NOT NULL,
    failures          integer     NOT NULL,
    up_seconds        integer     NOT NULL,
    down_seconds      integer     NOT NULL,
    maintenance_seconds integer   NOT NULL,
    latency_ms_sum    bigint      NOT NULL,
    latency_ms_max    integer     NOT NULL,
    PRIMARY KEY (target_code, bucket)
$cols$, 'bucket', interval '7 days');
SELECT ts_set_retention('connection_minute', interval '90 days');

CREATE TABLE connection_hourly (
    bucket              timestamptz NOT NULL,
    target_code         text        NOT NULL,
    checks              integer     NOT NULL,
    failures            integer     NOT NULL,
    up_seconds          integer     NOT NULL,
    down_seconds        integer     NOT NULL,
    maintenance_seconds integer     NOT NULL,
    latency_ms_sum      bigint      NOT NULL,
    latency_ms_max      integer     NOT NULL,
    PRIMARY KEY (target_code, bucket)
);
CREATE INDEX connection_hourly_bucket_idx ON connection_hourly (bucket);

-- Days and months are Asia/Shanghai calendar days and months, as for exchange metrics.
CREATE TABLE connection_daily (
    day                 date    NOT NULL,
    target_code         text    NOT NULL,
    checks              integer NOT NULL,
    failures            integer NOT NULL,
    up_seconds          integer NOT NULL,
    down_seconds        integer NOT NULL,
    maintenance_seconds integer NOT NULL,
    latency_ms_sum      bigint  NOT NULL,
    latency_ms_max      integer NOT NULL,
    PRIMARY KEY (target_code, day)
);
CREATE INDEX connection_daily_day_idx ON connection_daily (day);

CREATE TABLE connection_monthly (
    month               date    NOT NULL,
    target_code         text    NOT NULL,
    checks              bigint  NOT NULL,
    failures            bigint  NOT NULL,
    up_seconds          bigint  NOT NULL,
    down_seconds        bigint  NOT NULL,
    maintenance_seconds bigint  NOT NULL,
    latency_ms_sum      bigint  NOT NULL,
    latency_ms_max      integer NOT NULL,
    PRIMARY KEY (target_code, month)
);
CREATE INDEX connection_monthly_month_idx ON connection_monthly (month);

-- One incident per DOWN period: opened by the transition to DOWN, closed by the transition to UP.
CREATE TABLE connection_incident (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target_code         text        NOT NULL REFERENCES connection_target (code),
    organisation_code   text        NOT NULL,
    system_code         text        NOT NULL,
    cause               text        NOT NULL,
    detail              text,
    started_at          timestamptz NOT NULL,   -- the first failure of the streak that turned the target DOWN
    detected_at         timestamptz NOT NULL,   -- when the N-th failure turned it DOWN
    ended_at            timestamptz,            -- the success that turned it UP again
    failures            integer     NOT NULL DEFAULT 0,
    in_maintenance      boolean     NOT NULL DEFAULT false
);
CREATE INDEX connection_incident_target_idx ON connection_incident (target_code, started_at DESC);
CREATE INDEX connection_incident_org_idx ON connection_incident (organisation_code, started_at DESC);
CREATE INDEX connection_incident_open_idx ON connection_incident (started_at) WHERE ended_at IS NULL;

-- Planned maintenance: one-off (starts_at..ends_at) or recurring (weekly on days_of_week, daily when empty,
-- from start_time for duration_minutes, between starts_at and ends_at). For one target or a whole organisation.
CREATE TABLE connection_maintenance (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target_code       text REFERENCES connection_target (code),
    organisation_code text NOT NULL REFERENCES organisation (code),
    reason            text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
    recurrence        text NOT NULL CHECK (recurrence IN ('ONCE', 'DAILY', 'WEEKLY')),
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL CHECK (ends_at > starts_at),
    days_of_week      smallint[]  NOT NULL DEFAULT '{}',   -- ISO 1 (Mon) .. 7 (Sun), WEEKLY only
    start_time        time,                                -- local (Asia/Shanghai) time, DAILY and WEEKLY
    duration_minutes  integer CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440),
    created_by        text NOT NULL DEFAULT current_setting('govshare.actor', true),
    created_at        timestamptz NOT NULL DEFAULT now(),
    cancelled_at      timestamptz
);
CREATE TRIGGER connection_maintenance_audit AFTER INSERT OR UPDATE OR DELETE ON connection_maintenance
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');

-- Notification channels (webhook, e-mail, WeCom and DingTalk robots) and who is told of what.
CREATE TABLE notification_channel (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9._-]{1,63}$'),
    name        text    NOT NULL CHECK (length(btrim(name)) > 0),
    kind        text    NOT NULL CHECK (kind IN ('WEBHOOK', 'EMAIL', 'WECOM', 'DINGTALK')),
    url         text,
    secret      text,
    email_to    text,
    enabled     boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'EMAIL' AND email_to IS NOT NULL OR kind <> 'EMAIL' AND url IS NOT NULL)
);
CREATE TRIGGER notification_channel_audit AFTER INSERT OR UPDATE OR DELETE ON notification_channel
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code', '{secret}');

CREATE TABLE notification_subscription (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_code      text   NOT NULL REFERENCES notification_channel (code),
    organisation_code text REFERENCES organisation (code),   -- null with target null: every target
    target_code       text REFERENCES connection_target (code),
    events            text[] NOT NULL DEFAULT '{DOWN,STILL_DOWN,UP}' CHECK (events <@ '{DOWN,STILL_DOWN,UP}'::text[] AND cardinality(events) > 0),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER notification_subscription_audit AFTER INSERT OR UPDATE OR DELETE ON notification_subscription
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');

-- The outbox: one row per (event, channel), written in the transaction that made the event; sent apart
-- from probing, retried with back-off, every attempt's result kept.
CREATE TABLE notification_delivery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_code    text        NOT NULL REFERENCES notification_channel (code),
    incident_id     bigint      NOT NULL REFERENCES connection_incident (id),
    event           text        NOT NULL CHECK (event IN ('DOWN', 'STILL_DOWN', 'UP')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    response_status integer,
    error           text,
    payload         jsonb       NOT NULL
);
CREATE INDEX notification_delivery_pending_idx ON notification_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_delivery_incident_idx ON notification_delivery (incident_id);

-- Zombie candidates: the office's decision on each (confirmed for cleanup, or dismissed with a reason).
CREATE TABLE exchange_zombie_decision (
    system_code text PRIMARY KEY,
    decision    text        NOT NULL CHECK (decision IN ('CONFIRMED', 'DISMISSED')),
    reason      text        NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
    decided_by  text        NOT NULL,
    decided_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER exchange_zombie_decision_audit AFTER INSERT OR UPDATE OR DELETE ON exchange_zombie_decision
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('system_code');

-- Infrastructure systems (the exchange platform itself, networks, security) carry no business traffic of
-- their own: a zombie candidate only by their own rule (no successful probe or heartbeat), never for a lack
-- of traffic. Recognised by these words in their names (data, audited), or by owning the provincial link.
CREATE TABLE exchange_infrastructure_keyword (
    keyword     text PRIMARY KEY CHECK (length(btrim(keyword)) > 0),
    description text NOT NULL
);
CREATE TRIGGER exchange_infrastructure_keyword_audit AFTER INSERT OR UPDATE OR DELETE ON exchange_infrastructure_keyword
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('keyword');
SELECT set_config('govshare.actor', 'system:reference-data', true);
INSERT INTO exchange_infrastructure_keyword (keyword, description) VALUES
    ('交换平台', 'the data-sharing exchange platform'),
    ('共享平台', 'the data-sharing platform'),
    ('电子政务外网', 'the e-government extranet'),
    ('网络', 'network systems'),
    ('安全', 'security systems'),
    ('防火墙', 'firewalls'),
    ('政务云', 'the government cloud'),
    ('前置机', 'front-end processors');

INSERT INTO exchange_threshold (name, value, description) VALUES
    ('zombie_min_confidence', 1, 'zombie candidates below this confidence (0 low, 1 medium, 2 high) are listed only when asked for'),
    ('zombie_min_traffic_days', 7, 'two agreeing sources (no traffic, targets judged DOWN) make a medium-confidence candidate once traffic has been watched this many days');
