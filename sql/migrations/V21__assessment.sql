-- Yearly assessment (issue 14, 评价考核): the methodology as versioned data per year (pillars, indicators of a
-- small library of kinds with their parameters, weights, grade bands), runs with the facts they read, results
-- per organisation with every score explained, manual indicator values with evidence, publication, challenges.

-- One methodology version: the whole definition (pillars, indicators, bands) as a document, its change log and
-- author. Versions are never edited; a change is a new version.
CREATE TABLE assessment_methodology (
    id          bigserial PRIMARY KEY,
    year        integer     NOT NULL CHECK (year BETWEEN 2017 AND 2100),
    version     integer     NOT NULL CHECK (version >= 1),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    definition  jsonb       NOT NULL,
    change_log  text        NOT NULL CHECK (length(change_log) BETWEEN 1 AND 4000),
    author      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (year, version)
);
CREATE TRIGGER assessment_methodology_audit AFTER INSERT OR UPDATE OR DELETE ON assessment_methodology
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');

-- A computation of every assessed organisation of a year under one methodology version. OFFICIAL runs may
-- become the year's result; REPRODUCTION re-runs a published year on its frozen facts; WHAT_IF runs another
-- version on a run's facts. The facts snapshot is everything the scores were computed from.
CREATE TABLE assessment_run (
    id               bigserial PRIMARY KEY,
    year             integer     NOT NULL CHECK (year BETWEEN 2017 AND 2100),
    methodology_id   bigint      NOT NULL REFERENCES assessment_methodology (id),
    purpose          text        NOT NULL CHECK (purpose IN ('OFFICIAL', 'REPRODUCTION', 'WHAT_IF')),
    status           text        NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    started_by       text        NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    organisations    integer     NOT NULL DEFAULT 0,
    facts_from_run   bigint      REFERENCES assessment_run (id),
    facts            jsonb,
    failure          text
);
CREATE INDEX assessment_run_year_idx ON assessment_run (year, started_at DESC);

-- The publication state of a year: which run is the result, published (frozen) when and by whom, the
-- challenge window, final.
CREATE TABLE assessment_year (
    year             integer PRIMARY KEY CHECK (year BETWEEN 2017 AND 2100),
    state            text        NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'PUBLISHED', 'FINAL')),
    methodology_id   bigint      REFERENCES assessment_methodology (id),
    official_run_id  bigint      REFERENCES assessment_run (id),
    published_at     timestamptz,
    published_by     text,
    challenge_until  date,
    finalised_at     timestamptz,
    finalised_by     text
);
CREATE TRIGGER assessment_year_audit AFTER INSERT OR UPDATE OR DELETE ON assessment_year
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('year');

-- One organisation's result in a run. A correction after a challenge adds a new result version (the older
-- one stays, no longer current).
CREATE TABLE assessment_result (
    id                bigserial PRIMARY KEY,
    run_id            bigint      NOT NULL REFERENCES assessment_run (id),
    organisation_code text        NOT NULL REFERENCES organisation (code),
    result_version    integer     NOT NULL DEFAULT 1 CHECK (result_version >= 1),
    current           boolean     NOT NULL DEFAULT true,
    peer_group        text        NOT NULL CHECK (peer_group IN ('DEPARTMENT', 'REGION')),
    total             numeric(7, 3),
    grade             text,
    rank_overall      integer,
    rank_in_group     integer,
    pillars           jsonb       NOT NULL,
    indicators        jsonb       NOT NULL,
    correction_reason text,
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (run_id, organisation_code, result_version)
);
CREATE INDEX assessment_result_org_idx ON assessment_result (organisation_code, run_id);
CREATE TRIGGER assessment_result_correction_audit AFTER INSERT ON assessment_result
    FOR EACH ROW WHEN (NEW.result_version > 1) EXECUTE FUNCTION audit_row_change('id');

-- Values of MANUAL indicators, entered by the office with evidence and a reason (audited).
CREATE TABLE assessment_manual_value (
    year              integer     NOT NULL CHECK (year BETWEEN 2017 AND 2100),
    organisation_code text        NOT NULL REFERENCES organisation (code),
    indicator_code    text        NOT NULL CHECK (indicator_code ~ '^[a-z][a-zA-Z0-9]{0,60}$'),
    value             numeric(6, 2) NOT NULL CHECK (value BETWEEN 0 AND 100),
    evidence          text        NOT NULL CHECK (length(evidence) BETWEEN 1 AND 2000),
    reason            text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    entered_by        text        NOT NULL,
    entered_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, organisation_code, indicator_code)
);
CREATE TRIGGER assessment_manual_value_audit AFTER INSERT OR UPDATE OR DELETE ON assessment_manual_value
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('indicator_code');

-- A department's objection to one indicator of its published result, and the office's decision.
CREATE TABLE assessment_challenge (
    id                bigserial PRIMARY KEY,
    year              integer     NOT NULL CHECK (year BETWEEN 2017 AND 2100),
    organisation_code text        NOT NULL REFERENCES organisation (code),
    indicator_code    text        NOT NULL,
    reason            text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
    attachments       jsonb       NOT NULL DEFAULT '[]',
    status            text        NOT NULL DEFAULT 'FILED' CHECK (status IN ('FILED', 'ACCEPTED', 'REJECTED')),
    filed_by          text        NOT NULL,
    filed_at          timestamptz NOT NULL DEFAULT now(),
    decided_by        text,
    decided_at        timestamptz,
    decision_reason   text,
    corrected_score   numeric(7, 3)
);
CREATE INDEX assessment_challenge_year_idx ON assessment_challenge (year, organisation_code);
CREATE TRIGGER assessment_challenge_audit AFTER INSERT OR UPDATE OR DELETE ON assessment_challenge
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
