-- Annual report (年度报告, issue 13): each organisation reports the previous year's sharing work in the
-- first days of January. The window, its deadline and the discrepancy tolerance are data the office edits.

-- Connection status's notification outbox carries messages of other capabilities too: a delivery without an
-- incident (an annual-report reminder), subscribed to by organisation like incident events.
ALTER TABLE notification_delivery ALTER COLUMN incident_id DROP NOT NULL;
ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_event_check;
ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_event_check
    CHECK (event IN ('DOWN', 'STILL_DOWN', 'UP', 'ANNUAL_REPORT_REMINDER'));
ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_incident_given
    CHECK (incident_id IS NOT NULL OR event NOT IN ('DOWN', 'STILL_DOWN', 'UP'));
ALTER TABLE notification_subscription DROP CONSTRAINT notification_subscription_events_check;
ALTER TABLE notification_subscription ADD CONSTRAINT notification_subscription_events_check
    CHECK (events <@ '{DOWN,STILL_DOWN,UP,ANNUAL_REPORT_REMINDER}'::text[] AND cardinality(events) > 0);

-- One window per reported year: opens (default 1 January of the next year), deadline (default 10 January),
-- reminders until some days after the deadline, and the tolerance beyond which a reported figure differs.
CREATE TABLE annual_report_window (
    year                   integer PRIMARY KEY CHECK (year BETWEEN 2017 AND 2100),
    opens_on               date          NOT NULL,
    deadline               date          NOT NULL,
    remind_days_after      integer       NOT NULL DEFAULT 20 CHECK (remind_days_after BETWEEN 0 AND 366),
    tolerance_percent      numeric(6, 2) NOT NULL DEFAULT 5 CHECK (tolerance_percent BETWEEN 0 AND 100),
    created_at             timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now(),
    CHECK (deadline >= opens_on),
    CHECK (opens_on > make_date(year, 12, 31))
);
CREATE TRIGGER annual_report_window_audit AFTER INSERT OR UPDATE OR DELETE ON annual_report_window
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('year');

-- One row per version of an organisation's report for a year. A DRAFT is edited; SUBMITTED is frozen (the
-- trigger below refuses any change of content); the office may mark a submitted version RETURNED with a
-- comment, after which the organisation starts the next version.
CREATE TABLE annual_report (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year              integer     NOT NULL REFERENCES annual_report_window (year),
    organisation_code text        NOT NULL REFERENCES organisation (code),
    version           integer     NOT NULL CHECK (version >= 1),
    status            text        NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED')),
    sections          jsonb       NOT NULL,              -- the measured figures with their evidence, by section
    measured_at       timestamptz NOT NULL,
    corrections       jsonb       NOT NULL DEFAULT '{}', -- figure key -> {value, reason}
    narrative         jsonb       NOT NULL DEFAULT '{}', -- section key -> {achievements, problems, plan}
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    submitted_by      text,
    submitted_at      timestamptz,
    late              boolean,
    returned_by       text,
    returned_at       timestamptz,
    return_comment    text,
    UNIQUE (year, organisation_code, version),
    CHECK (status = 'DRAFT' OR submitted_at IS NOT NULL AND submitted_by IS NOT NULL AND late IS NOT NULL),
    CHECK (status <> 'RETURNED' OR returned_at IS NOT NULL AND length(btrim(coalesce(return_comment, ''))) > 0)
);
CREATE UNIQUE INDEX annual_report_one_draft_idx ON annual_report (year, organisation_code) WHERE status = 'DRAFT';
CREATE TRIGGER annual_report_audit AFTER INSERT OR UPDATE OR DELETE ON annual_report
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');

-- A submitted report is immutable: only the office's return (status, who, when, comment) may change it.
CREATE FUNCTION annual_report_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'annual report % is submitted and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'DRAFT' AND (NEW.sections IS DISTINCT FROM OLD.sections OR NEW.corrections IS DISTINCT FROM OLD.corrections
            OR NEW.narrative IS DISTINCT FROM OLD.narrative OR NEW.measured_at IS DISTINCT FROM OLD.measured_at
            OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by
            OR NEW.late IS DISTINCT FROM OLD.late OR NEW.version IS DISTINCT FROM OLD.version
            OR NEW.year IS DISTINCT FROM OLD.year OR NEW.organisation_code IS DISTINCT FROM OLD.organisation_code
            OR OLD.status = 'RETURNED') THEN
        RAISE EXCEPTION 'annual report % is submitted and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER annual_report_frozen BEFORE UPDATE OR DELETE ON annual_report
    FOR EACH ROW EXECUTE FUNCTION annual_report_frozen();

-- Discrepancies found at submission: a reported (corrected or self-reported) figure differing from the
-- measurement beyond the window's tolerance. Read by the leading group, auditors and the assessment's
-- report-consistency indicator.
CREATE TABLE annual_report_discrepancy (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id         bigint        NOT NULL REFERENCES annual_report (id),
    year              integer       NOT NULL,
    organisation_code text          NOT NULL REFERENCES organisation (code),
    section           text          NOT NULL,
    figure            text          NOT NULL,
    measured          numeric,
    reported          numeric       NOT NULL,
    difference_percent numeric(12, 2),
    tolerance_percent numeric(6, 2) NOT NULL,
    reason            text          NOT NULL,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (report_id, figure)
);
CREATE INDEX annual_report_discrepancy_year_idx ON annual_report_discrepancy (year, organisation_code);
CREATE TRIGGER annual_report_discrepancy_audit AFTER INSERT OR UPDATE OR DELETE ON annual_report_discrepancy
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');

-- Reminders sent: at most one a day per organisation and year, shown in the app and queued on the
-- organisation's notification channels.
CREATE TABLE annual_report_reminder (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year              integer     NOT NULL REFERENCES annual_report_window (year),
    organisation_code text        NOT NULL REFERENCES organisation (code),
    reminded_on       date        NOT NULL,
    overdue           boolean     NOT NULL,
    deliveries        integer     NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (year, organisation_code, reminded_on)
);
