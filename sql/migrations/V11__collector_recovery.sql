-- Exchange operations that recover by themselves (issue 9).

-- A run a crash interrupted is marked ABANDONED, with the time that was noticed (at start-up, or when
-- another node took over the source's lock). A run that stopped at a page it could not take says so.
ALTER TABLE exchange_collector_run DROP CONSTRAINT exchange_collector_run_status_check;
ALTER TABLE exchange_collector_run
    ADD CONSTRAINT exchange_collector_run_status_check CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED')),
    ADD COLUMN abandoned_at timestamptz,
    ADD COLUMN node         text,
    ADD CONSTRAINT exchange_collector_run_abandoned CHECK ((status = 'ABANDONED') = (abandoned_at IS NOT NULL));
COMMENT ON COLUMN exchange_collector_run.abandoned_at IS 'when GovShare noticed that the run had been interrupted by a crash';
COMMENT ON COLUMN exchange_collector_run.node IS 'which GovShare process ran it';
CREATE INDEX exchange_collector_run_running_idx ON exchange_collector_run (source_code) WHERE status = 'RUNNING';

-- What the collector does with a page it cannot take as it is: HOLD (wait for the office's decision on
-- that page) or ACCEPT_VALID (take its valid records at once and keep the others as refused records).
ALTER TABLE exchange_source
    ADD COLUMN refused_page_policy text NOT NULL DEFAULT 'HOLD' CHECK (refused_page_policy IN ('HOLD', 'ACCEPT_VALID'));
DROP TRIGGER exchange_source_audit ON exchange_source;
CREATE TRIGGER exchange_source_audit AFTER INSERT OR UPDATE OF name, url, enabled, interval_seconds, refused_page_policy ON exchange_source
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code', '{auth_header}');

-- A page a source served that the collector refused, kept as served with every reason, until the office
-- decides: SKIP it (its records are not taken; the cursor moves past it) or ACCEPT_VALID (its valid records
-- are taken, the others kept in exchange_refused_record). Each decision names who, when and why (audited).
CREATE TABLE exchange_refused_page (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_code    text        NOT NULL REFERENCES exchange_source (code),
    cursor         text        NOT NULL,
    next_cursor    text,
    body_sha256    text        NOT NULL,
    body           text        NOT NULL,
    records        integer     NOT NULL,
    problems       jsonb       NOT NULL,
    first_run_id   bigint      REFERENCES exchange_collector_run (id),
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    times_served   integer     NOT NULL DEFAULT 1,
    decision       text        CHECK (decision IN ('SKIP', 'ACCEPT_VALID', 'SUPERSEDED')),
    decided_by     text,
    decided_at     timestamptz,
    decision_note  text,
    accepted       integer,
    refused        integer,
    CONSTRAINT exchange_refused_page_once UNIQUE (source_code, cursor, body_sha256),
    CONSTRAINT exchange_refused_page_decided CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX exchange_refused_page_open_idx ON exchange_refused_page (source_code) WHERE decision IS NULL;
COMMENT ON COLUMN exchange_refused_page.cursor IS 'the cursor the page was asked for (empty: the first page)';
COMMENT ON COLUMN exchange_refused_page.decision IS 'SKIP, ACCEPT_VALID (the office), SUPERSEDED (the platform served a page it could take instead)';
CREATE TRIGGER exchange_refused_page_audit AFTER UPDATE OF decision ON exchange_refused_page
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id', '{body}');

ALTER TABLE exchange_collector_run ADD COLUMN refused_page_id bigint REFERENCES exchange_refused_page (id);
COMMENT ON COLUMN exchange_collector_run.refused_page_id IS 'the page this run stopped at (or took in part), when it could not take one as it was';

-- Records of a page accepted in part: kept as served, with their reasons, never counted.
CREATE TABLE exchange_refused_record (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id   bigint  NOT NULL REFERENCES exchange_refused_page (id),
    line      integer NOT NULL,
    record    text    NOT NULL,
    problems  jsonb   NOT NULL
);
CREATE INDEX exchange_refused_record_page_idx ON exchange_refused_record (page_id);

-- Anomalies: an hour is judged only once it is complete and settled; an open anomaly whose hour changed is
-- judged again and closed as RESOLVED (by late data) when it no longer holds.
ALTER TABLE exchange_anomaly DROP CONSTRAINT exchange_anomaly_status_check;
ALTER TABLE exchange_anomaly
    ADD CONSTRAINT exchange_anomaly_status_check CHECK (status IN ('NEW', 'ACKNOWLEDGED', 'NORMAL', 'RESOLVED')),
    ADD COLUMN evaluated_at timestamptz,
    ADD COLUMN resolved_at  timestamptz,
    ADD COLUMN resolution   text CHECK (resolution IN ('LATE_DATA'));
UPDATE exchange_anomaly SET evaluated_at = detected_at;
ALTER TABLE exchange_anomaly ALTER COLUMN evaluated_at SET NOT NULL, ALTER COLUMN evaluated_at SET DEFAULT now();
COMMENT ON COLUMN exchange_anomaly.evaluated_at IS 'when the rule was last judged against this period''s data';
COMMENT ON COLUMN exchange_anomaly.resolution IS 'why a RESOLVED anomaly was closed: LATE_DATA (the period''s data changed and the rule no longer holds)';
-- Judging an anomaly again records when (evaluated_at) without an audit entry; a change of what it says does.
DROP TRIGGER exchange_anomaly_audit ON exchange_anomaly;
CREATE TRIGGER exchange_anomaly_audit AFTER UPDATE ON exchange_anomaly
    FOR EACH ROW
    WHEN ((OLD.status, OLD.detail, OLD.note, OLD.triaged_by, OLD.period_end, OLD.resolution)
          IS DISTINCT FROM (NEW.status, NEW.detail, NEW.note, NEW.triaged_by, NEW.period_end, NEW.resolution))
    EXECUTE FUNCTION audit_row_change('id');
CREATE INDEX exchange_anomaly_open_idx ON exchange_anomaly (period_start) WHERE status IN ('NEW', 'ACKNOWLEDGED');

SELECT set_config('govshare.actor', 'system:reference-data', true);
INSERT INTO exchange_threshold (name, value, description) VALUES
    ('settle_minutes', 15, 'judge an hour only once it ended this many minutes ago, so that late intervals have arrived');
