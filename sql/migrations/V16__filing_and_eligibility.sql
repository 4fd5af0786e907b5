-- Issue 12: project filing (全口径备案) and funding/approval eligibility.
--
-- Filing: every construction or O&M funding request of a budget year, its systems, attachments, the yearly
-- filing window and every workflow transition with its comment. Eligibility: the plan's rules as data per
-- budget year (versioned; a later year adds, rewords or retires rules without touching an earlier year's),
-- verdicts with the facts and rule versions they were computed from (a past verdict stays reproducible),
-- exemptions for "in principle" rules, and finance's funding decisions. Every table is audited.

------------------------------------------------------------------------------------------------
-- Filing
------------------------------------------------------------------------------------------------
CREATE TABLE filing_window (
    budget_year smallint PRIMARY KEY CHECK (budget_year BETWEEN 2017 AND 2100),
    opens_on    date        NOT NULL,
    closes_on   date        NOT NULL,
    set_by      text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT filing_window_order CHECK (closes_on >= opens_on)
);

CREATE TABLE filing (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_code        text          NOT NULL REFERENCES organisation (code),
    budget_year              smallint      NOT NULL CHECK (budget_year BETWEEN 2017 AND 2100),
    project_type             text          NOT NULL CHECK (project_type IN ('NEW_BUILD', 'CONTINUATION', 'EXPANSION', 'OPERATION_MAINTENANCE', 'PURCHASED_SERVICE')),
    name                     text          NOT NULL CHECK (length(btrim(name)) > 0),
    construction_amount      numeric(14, 2) NOT NULL DEFAULT 0 CHECK (construction_amount >= 0),
    om_amount                numeric(14, 2) NOT NULL DEFAULT 0 CHECK (om_amount >= 0),
    funding_sources          jsonb         NOT NULL DEFAULT '[]',   -- [{source, construction, om}]
    system_codes             text[]        NOT NULL DEFAULT '{}',   -- existing systems from the inventory
    planned_systems          jsonb         NOT NULL DEFAULT '[]',   -- [{name, purpose}] systems the project will build
    deployment               text          NOT NULL CHECK (deployment IN ('GOV_CLOUD', 'OWN_DATA_ROOM', 'OTHER')),
    deployment_justification text,
    network                  text          NOT NULL CHECK (network IN ('EGOV_EXTRANET', 'NEW_PRIVATE_NETWORK', 'EXISTING_PRIVATE_NETWORK', 'INTERNET', 'CLASSIFIED')),
    network_justification    text,
    data_room_work           text          NOT NULL DEFAULT 'NONE' CHECK (data_room_work IN ('NONE', 'BUILD', 'EXPAND')),
    own_exchange_platform    boolean       NOT NULL DEFAULT false,
    provided_resources       text[]        NOT NULL DEFAULT '{}',   -- catalogue resources the project will provide
    consumed_resources       text[]        NOT NULL DEFAULT '{}',   -- catalogue resources it will consume
    connection_plan          text,
    protection_level         smallint CHECK (protection_level BETWEEN 1 AND 5),
    performance_targets      text,
    status                   text          NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'RETURNED', 'REJECTED')),
    submitted_at             timestamptz,
    late                     boolean       NOT NULL DEFAULT false,
    created_by               text          NOT NULL,
    created_at               timestamptz   NOT NULL DEFAULT now(),
    updated_at               timestamptz   NOT NULL DEFAULT now(),
    version                  bigint        NOT NULL DEFAULT 1
);
CREATE INDEX filing_year_org_idx ON filing (budget_year, organisation_code);
CREATE INDEX filing_systems_idx ON filing USING gin (system_codes);

CREATE TABLE filing_transition (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filing_id   bigint      NOT NULL REFERENCES filing (id),
    from_status text,
    to_status   text        NOT NULL,
    actor       text        NOT NULL,
    comment     text,
    late        boolean     NOT NULL DEFAULT false,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filing_transition_filing_idx ON filing_transition (filing_id, id);

-- Attachments are kept in the database with their SHA-256; the audit trail records everything but the bytes.
CREATE TABLE filing_attachment (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filing_id    bigint      NOT NULL REFERENCES filing (id),
    kind         text        NOT NULL CHECK (kind IN ('FEASIBILITY_STUDY', 'APPROVAL', 'OTHER')),
    file_name    text        NOT NULL,
    content_type text        NOT NULL,
    size_bytes   integer     NOT NULL CHECK (size_bytes > 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content      bytea       NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filing_attachment_filing_idx ON filing_attachment (filing_id);

------------------------------------------------------------------------------------------------
-- Eligibility
------------------------------------------------------------------------------------------------
-- One row per rule version of a budget year. The latest version of a rule is the one in force for that year,
-- unless it is retired. Conditions are expressions over named facts (see eligibility/Condition).
CREATE TABLE eligibility_rule (
    budget_year       smallint    NOT NULL CHECK (budget_year BETWEEN 2017 AND 2100),
    rule_id           text        NOT NULL CHECK (rule_id ~ '^R[0-9]{1,3}[a-z]?$'),
    version           integer     NOT NULL CHECK (version >= 1),
    applies_to        text        NOT NULL CHECK (applies_to IN ('FILING', 'SYSTEM', 'DEPARTMENT')),
    applicability     text        NOT NULL,
    condition         text        NOT NULL,
    verdict           text        NOT NULL CHECK (verdict IN ('NOT_ELIGIBLE', 'NEEDS_REVIEW')),
    funding           text        NOT NULL CHECK (funding IN ('ALL', 'CONSTRUCTION', 'OPERATION_MAINTENANCE')),
    plan_text         text        NOT NULL,
    summary           text        NOT NULL,
    exemption_allowed boolean     NOT NULL,
    retired           boolean     NOT NULL DEFAULT false,
    change_reason     text,
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (budget_year, rule_id, version)
);

-- Verdicts per filing. The current one has current = true; earlier ones are the filing's verdict history.
-- facts: every fact the rules read, with its source, rows, period and link; rules: the rule versions used;
-- outcomes: per rule (and per system for system rules) fired / passed / exempted / needs review / not applicable.
CREATE TABLE eligibility_verdict (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filing_id             bigint        NOT NULL REFERENCES filing (id),
    budget_year           smallint      NOT NULL,
    organisation_code     text          NOT NULL,
    verdict               text          NOT NULL CHECK (verdict IN ('ELIGIBLE', 'ELIGIBLE_BY_EXEMPTION', 'NOT_ELIGIBLE', 'NEEDS_REVIEW', 'NOT_APPLICABLE')),
    eligible_construction numeric(14, 2) NOT NULL,
    eligible_om           numeric(14, 2) NOT NULL,
    outcomes              jsonb         NOT NULL,
    facts                 jsonb         NOT NULL,
    fact_values           jsonb         NOT NULL,   -- the facts' values alone ("name" and "system/name"), to say what changed
    rules                 jsonb         NOT NULL,
    cause                 text          NOT NULL,   -- in English, for API users; pages say cause_code with cause_params
    cause_code            text          NOT NULL,
    cause_params          jsonb         NOT NULL DEFAULT '{}',
    changes               jsonb         NOT NULL DEFAULT '[]',
    fingerprint           text          NOT NULL,   -- fact values and outcomes: a recompute that changes neither writes nothing
    computed_at           timestamptz   NOT NULL DEFAULT now(),
    current               boolean       NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX eligibility_verdict_current_idx ON eligibility_verdict (filing_id) WHERE current;
CREATE INDEX eligibility_verdict_year_idx ON eligibility_verdict (budget_year, organisation_code) WHERE current;
CREATE INDEX eligibility_verdict_filing_idx ON eligibility_verdict (filing_id, id);

-- An exemption from an "in principle" rule, for one budget year and organisation, optionally one filing or system.
CREATE TABLE eligibility_exemption (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    budget_year       smallint    NOT NULL,
    rule_id           text        NOT NULL,
    organisation_code text        NOT NULL REFERENCES organisation (code),
    filing_id         bigint REFERENCES filing (id),
    system_code       text,
    reason            text        NOT NULL CHECK (length(btrim(reason)) > 0),
    granted_by        text        NOT NULL,
    granted_at        timestamptz NOT NULL DEFAULT now(),
    revoked_by        text,
    revoked_at        timestamptz,
    revoke_reason     text
);
CREATE INDEX eligibility_exemption_year_idx ON eligibility_exemption (budget_year);

-- Finance's funding decision per request. One that goes against a "not eligible" verdict needs a written reason
-- and is flagged to auditors (against_verdict).
CREATE TABLE funding_decision (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filing_id           bigint        NOT NULL REFERENCES filing (id),
    budget_year         smallint      NOT NULL,
    organisation_code   text          NOT NULL,
    decision            text          NOT NULL CHECK (decision IN ('FUNDED', 'PARTLY_FUNDED', 'NOT_FUNDED')),
    construction_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (construction_amount >= 0),
    om_amount           numeric(14, 2) NOT NULL DEFAULT 0 CHECK (om_amount >= 0),
    reason              text,
    verdict_id          bigint REFERENCES eligibility_verdict (id),
    verdict             text          NOT NULL,
    against_verdict     boolean       NOT NULL,
    decided_by          text          NOT NULL,
    decided_at          timestamptz   NOT NULL DEFAULT now(),
    current             boolean       NOT NULL DEFAULT true,
    CONSTRAINT funding_decision_reason CHECK (NOT against_verdict OR length(btrim(coalesce(reason, ''))) > 0)
);
CREATE UNIQUE INDEX funding_decision_current_idx ON funding_decision (filing_id) WHERE current;
CREATE INDEX funding_decision_year_idx ON funding_decision (budget_year) WHERE current;

CREATE TRIGGER filing_window_audit AFTER INSERT OR UPDATE OR DELETE ON filing_window
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('budget_year');
CREATE TRIGGER filing_audit AFTER INSERT OR UPDATE OR DELETE ON filing
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER filing_transition_audit AFTER INSERT OR UPDATE OR DELETE ON filing_transition
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('filing_id');
CREATE TRIGGER filing_attachment_audit AFTER INSERT OR UPDATE OR DELETE ON filing_attachment
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('filing_id', '{content}');
CREATE TRIGGER eligibility_rule_audit AFTER INSERT OR UPDATE OR DELETE ON eligibility_rule
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('rule_id');
CREATE TRIGGER eligibility_exemption_audit AFTER INSERT OR UPDATE OR DELETE ON eligibility_exemption
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');
CREATE TRIGGER funding_decision_audit AFTER INSERT OR UPDATE OR DELETE ON funding_decision
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('filing_id');
-- Verdicts are computed, never edited: eligibility_verdict is itself their history (every verdict a request had,
-- with its cause, the facts that changed and what it was computed from), so it carries no audit trigger; what
-- people do (filings, transitions, exemptions, rule versions, decisions) is audited.

------------------------------------------------------------------------------------------------
-- Reference data: the plan's rules (RULES.md R1–R11) for budget years 2025–2027, quoted from the plan.
------------------------------------------------------------------------------------------------
SELECT set_config('govshare.actor', 'system:reference-data', true);

CREATE TEMPORARY TABLE rule_seed (
    rule_id text, applies_to text, applicability text, condition text, verdict text, funding text,
    plan_text text, summary text, exemption_allowed boolean
) ON COMMIT DROP;

INSERT INTO rule_seed VALUES
 ('R1', 'SYSTEM', 'system.registered and system.mustConnect',
  'not system.connected', 'NOT_ELIGIBLE', 'ALL',
  '2019年起，凡已明确须接入而未接入共享平台的部门政务信息系统，财政部门原则上不予安排建设和运维经费',
  '须接入而未接入共享平台的系统，不安排建设和运维经费', true),
 ('R2', 'FILING', 'filing.type in [''NEW_BUILD'', ''CONTINUATION'', ''EXPANSION'']',
  'filing.unsharedSystems > 0 or (filing.plannedSystems > 0 and filing.providedResources == 0) or filing.duplicateSystems > 0',
  'NOT_ELIGIBLE', 'ALL',
  '不符合资源整合共享要求的项目，一律不予批准新建、续建、扩建',
  '系统数据未编目或未通过共享平台共享、或与已有系统重复的项目，不予批准', false),
 ('R3', 'FILING', 'true',
  'filing.network == ''NEW_PRIVATE_NETWORK''', 'NOT_ELIGIBLE', 'ALL',
  '各地、各部门原则上不再另行建设新的业务专网',
  '新建业务专网的项目，不予批准', true),
 ('R4', 'SYSTEM', 'filing.type in [''OPERATION_MAINTENANCE'', ''PURCHASED_SERVICE''] and system.onPrivateNetwork',
  'system.privateNetworkUtilisation < 30', 'NOT_ELIGIBLE', 'OPERATION_MAINTENANCE',
  '不再安排利用程度低的专网的运维经费',
  '利用率低（低于30%）的专网上的系统，不安排运维经费', false),
 ('R5', 'FILING', 'organisation.type == ''COUNTY_DISTRICT''',
  'filing.dataRoomWork in [''BUILD'', ''EXPAND'']', 'NOT_ELIGIBLE', 'ALL',
  '县区不再新建、扩建政务数据机房和设施',
  '县区新建、扩建政务数据机房的项目，不予批准', false),
 ('R6', 'FILING', 'organisation.type == ''COUNTY_DISTRICT''',
  'filing.ownExchangePlatform', 'NOT_ELIGIBLE', 'ALL',
  '县区不再单独建设数据共享交换平台',
  '县区单独建设数据共享交换平台的项目，不予批准', false),
 ('R7', 'FILING', 'filing.type == ''NEW_BUILD''',
  'filing.deployment != ''GOV_CLOUD'' and not filing.deploymentJustified', 'NOT_ELIGIBLE', 'ALL',
  '新建系统原则上直接在政务云平台部署',
  '新建系统未在政务云部署且未说明理由的，不予批准', true),
 ('R8', 'FILING', 'true',
  'not filing.complete', 'NOT_ELIGIBLE', 'ALL',
  '申请政务信息化建设和运维经费时，及时向…领导小组办公室全口径备案',
  '未完整备案的经费申请，不予安排', false),
 ('R9', 'SYSTEM', 'system.registered and filing.type in [''OPERATION_MAINTENANCE'', ''PURCHASED_SERVICE'', ''CONTINUATION'']',
  'system.zombie', 'NOT_ELIGIBLE', 'OPERATION_MAINTENANCE',
  '清除"僵尸"信息系统',
  '"僵尸"系统（无流量、未接入、无使用）不安排运维经费，列入清理', false),
 ('R10', 'DEPARTMENT', 'true',
  'organisation.assessmentGrade == ''FAILING''', 'NEEDS_REVIEW', 'ALL',
  '评估结果作为今后项目审批、资金拨付的参考依据',
  '上年度评估不合格的部门，其全部申请须复核', false),
 ('R11', 'SYSTEM', 'system.registered and filing.protectionLevel >= 1',
  'system.protectionLevel < filing.protectionLevel', 'NEEDS_REVIEW', 'ALL',
  '落实政务信息系统的信息安全等级保护',
  '未按要求等级完成等级保护备案的系统，须复核', false);

INSERT INTO eligibility_rule (budget_year, rule_id, version, applies_to, applicability, condition, verdict, funding, plan_text,
                              summary, exemption_allowed, change_reason, created_by)
SELECT y, rule_id, 1, applies_to, applicability, condition, verdict, funding, plan_text, summary, exemption_allowed,
       '实施方案规则（初始）', 'system:reference-data'
  FROM rule_seed CROSS JOIN generate_series(2025, 2027) AS y;

INSERT INTO filing_window (budget_year, opens_on, closes_on, set_by) VALUES
 (2026, DATE '2025-09-01', DATE '2025-10-31', 'system:reference-data'),
 (2027, DATE '2026-09-01', DATE '2026-10-31', 'system:reference-data');
