-- Registries (issue 2/9): the information-system inventory, the information-resource catalogue,
-- private networks, data rooms, connection targets and the plan's key tasks. Nothing here is ever
-- hard-deleted: records are retired (retired_at), because scores and verdicts may have used them.
-- Every table is audited by the generic trigger from V1.

ALTER TABLE organisation ADD COLUMN unified_code text;   -- 统一社会信用代码, when known
COMMENT ON COLUMN organisation.unified_code IS '统一社会信用代码 of the organisation (provider code in the catalogue)';

CREATE TABLE private_network (
    code                    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9.-]{1,63}$'),
    organisation_code       text        NOT NULL REFERENCES organisation (code),
    name                    text        NOT NULL CHECK (length(btrim(name)) > 0),
    purpose                 text,
    classified              boolean     NOT NULL DEFAULT false,
    utilisation_percent     numeric(5, 2) CHECK (utilisation_percent BETWEEN 0 AND 100),
    utilisation_measured_on date,
    migration_status        text        NOT NULL CHECK (migration_status IN ('NOT_STARTED', 'PLANNED', 'IN_PROGRESS', 'MIGRATED', 'EXEMPT')),
    migration_planned_on    date,
    migrated_on             date,
    built_on                date,
    annual_om_cost          numeric(14, 2) CHECK (annual_om_cost >= 0),
    retired_at              timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX private_network_org_idx ON private_network (organisation_code);

CREATE TABLE data_room (
    code                    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9.-]{1,63}$'),
    organisation_code       text        NOT NULL REFERENCES organisation (code),
    name                    text        NOT NULL CHECK (length(btrim(name)) > 0),
    location                text,
    purpose                 text,
    area_square_metres      numeric(8, 1) CHECK (area_square_metres >= 0),
    utilisation_percent     numeric(5, 2) CHECK (utilisation_percent BETWEEN 0 AND 100),
    migration_status        text        NOT NULL CHECK (migration_status IN ('NOT_STARTED', 'PLANNED', 'IN_PROGRESS', 'MIGRATED', 'EXEMPT')),
    migration_planned_on    date,
    migrated_on             date,
    built_on                date,
    annual_om_cost          numeric(14, 2) CHECK (annual_om_cost >= 0),
    retired_at              timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_room_org_idx ON data_room (organisation_code);

CREATE TABLE information_system (
    code                    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9._-]{1,63}$'),
    organisation_code       text        NOT NULL REFERENCES organisation (code),
    name                    text        NOT NULL CHECK (length(btrim(name)) > 0),
    purpose                 text,
    funding_type            text        NOT NULL CHECK (funding_type IN ('GOVERNMENT_INVESTMENT', 'JOINT_WITH_ENTERPRISE', 'PURCHASED_SERVICE', 'GOVERNMENT_FUNDED_OM')),
    lifecycle_status        text        NOT NULL CHECK (lifecycle_status IN ('IN_USE', 'TO_INTEGRATE', 'TO_CLEAN_UP', 'ZOMBIE', 'RETIRED')),
    status_since            date,
    deployment              text        NOT NULL CHECK (deployment IN ('GOV_CLOUD', 'OWN_DATA_ROOM', 'OTHER')),
    data_room_code          text REFERENCES data_room (code),
    network                 text        NOT NULL CHECK (network IN ('EGOV_EXTRANET', 'PRIVATE_NETWORK', 'INTERNET', 'CLASSIFIED')),
    private_network_code    text REFERENCES private_network (code),
    migration_planned_on    date,
    must_connect            boolean     NOT NULL,
    platform_connected_on   date,
    protection_level        smallint CHECK (protection_level BETWEEN 1 AND 5),
    protection_assessed_on  date,
    contains_secrets        boolean     NOT NULL DEFAULT false,
    annual_om_cost          numeric(14, 2) CHECK (annual_om_cost >= 0),
    exchange_aliases        text[]      NOT NULL DEFAULT '{}',
    retired_at              timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT information_system_name_unique UNIQUE (organisation_code, name)
);
CREATE INDEX information_system_org_idx ON information_system (organisation_code);
CREATE INDEX information_system_aliases_idx ON information_system USING gin (exchange_aliases);

CREATE TABLE catalogue_resource (
    code                       text PRIMARY KEY CHECK (code ~ '^[1-3][0-9]{2}[0-9]{3}[0-9]{0,9}/[0-9]{4,9}$'),
    category                   smallint    NOT NULL CHECK (category BETWEEN 1 AND 3),
    class_name                 text,
    item_name                  text,
    subitem_name               text,
    detail_name                text,
    name                       text        NOT NULL CHECK (length(btrim(name)) > 0),
    provider_organisation_code text        NOT NULL REFERENCES organisation (code),
    abstract                   text,
    format                     text        NOT NULL CHECK (format IN ('DATABASE', 'SPREADSHEET', 'DOCUMENT', 'IMAGE', 'STREAM', 'INTERFACE', 'OTHER')),
    items                      jsonb       NOT NULL DEFAULT '[]',
    sharing_type               text        NOT NULL CHECK (sharing_type IN ('UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED')),
    sharing_condition          text,
    not_shared_basis           text,
    sharing_method             text CHECK (sharing_method IN ('INTERFACE', 'FILE', 'DATABASE_EXCHANGE')),
    open_attribute             text        NOT NULL CHECK (open_attribute IN ('OPEN', 'CONDITIONALLY_OPEN', 'NOT_OPEN')),
    update_cycle               text        NOT NULL CHECK (update_cycle IN ('REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'IRREGULAR')),
    released_on                date,
    related_codes              text[]      NOT NULL DEFAULT '{}',
    base_databases             text[]      NOT NULL DEFAULT '{}',
    mounted                    boolean     NOT NULL DEFAULT false,
    mounted_since              date,
    source_system_code         text REFERENCES information_system (code),
    retired_at                 timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT catalogue_condition_given CHECK (sharing_type <> 'CONDITIONAL' OR length(btrim(coalesce(sharing_condition, ''))) > 0),
    CONSTRAINT catalogue_basis_given CHECK (sharing_type <> 'NOT_SHARED' OR length(btrim(coalesce(not_shared_basis, ''))) > 0),
    CONSTRAINT catalogue_mounted_since CHECK (NOT mounted OR mounted_since IS NOT NULL)
);
CREATE INDEX catalogue_resource_provider_idx ON catalogue_resource (provider_organisation_code);
CREATE INDEX catalogue_resource_source_idx ON catalogue_resource (source_system_code);

CREATE TABLE connection_target (
    code               text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9._-]{1,63}$'),
    system_code        text        NOT NULL REFERENCES information_system (code),
    organisation_code  text        NOT NULL REFERENCES organisation (code),   -- the system's owner, kept in step by trigger
    kind               text        NOT NULL CHECK (kind IN ('FRONT_END_PROCESSOR', 'INTERFACE', 'PROVINCIAL_LINK')),
    name               text        NOT NULL CHECK (length(btrim(name)) > 0),
    probe              text        NOT NULL CHECK (probe IN ('HTTP', 'TCP', 'HEARTBEAT')),
    address            text,
    interval_seconds   integer     NOT NULL DEFAULT 60 CHECK (interval_seconds BETWEEN 5 AND 86400),
    down_after         integer     NOT NULL DEFAULT 3 CHECK (down_after BETWEEN 1 AND 100),
    up_after           integer     NOT NULL DEFAULT 2 CHECK (up_after BETWEEN 1 AND 100),
    enabled            boolean     NOT NULL DEFAULT true,
    retired_at         timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connection_target_system_idx ON connection_target (system_code);
CREATE INDEX connection_target_org_idx ON connection_target (organisation_code);

-- A target belongs to its system's organisation; organisation scope filters on this column.
CREATE FUNCTION connection_target_owner() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    SELECT organisation_code INTO NEW.organisation_code FROM information_system WHERE code = NEW.system_code;
    RETURN NEW;
END
$$;
CREATE TRIGGER connection_target_owner BEFORE INSERT OR UPDATE OF system_code ON connection_target
    FOR EACH ROW EXECUTE FUNCTION connection_target_owner();

CREATE FUNCTION information_system_owner_moved() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE connection_target SET organisation_code = NEW.organisation_code WHERE system_code = NEW.code;
    RETURN NULL;
END
$$;
CREATE TRIGGER information_system_owner_moved AFTER UPDATE OF organisation_code ON information_system
    FOR EACH ROW WHEN (OLD.organisation_code IS DISTINCT FROM NEW.organisation_code)
    EXECUTE FUNCTION information_system_owner_moved();

-- The plan's ten key tasks and four safeguards, their milestones (real deadlines) and progress reports.
CREATE TABLE key_task (
    code                    text PRIMARY KEY,
    kind                    text     NOT NULL CHECK (kind IN ('TASK', 'SAFEGUARD')),
    sequence                smallint NOT NULL,
    title                   text     NOT NULL,
    description             text     NOT NULL,
    lead_organisation_codes text[]   NOT NULL,
    co_organisation_codes   text[]   NOT NULL DEFAULT '{}',
    co_all_organisations    boolean  NOT NULL DEFAULT false,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, sequence)
);

CREATE TABLE key_task_milestone (
    code       text PRIMARY KEY,
    task_code  text NOT NULL REFERENCES key_task (code),
    title      text NOT NULL,
    deadline   date,
    met_on     date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX key_task_milestone_task_idx ON key_task_milestone (task_code);

CREATE TABLE key_task_progress (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_code         text        NOT NULL REFERENCES key_task (code),
    milestone_code    text REFERENCES key_task_milestone (code),
    organisation_code text        NOT NULL REFERENCES organisation (code),
    reported_by       text        NOT NULL,
    reported_at       timestamptz NOT NULL DEFAULT now(),
    note              text        NOT NULL CHECK (length(btrim(note)) > 0),
    evidence          text,
    met_on            date
);
CREATE INDEX key_task_progress_task_idx ON key_task_progress (task_code);

CREATE TRIGGER private_network_audit AFTER INSERT OR UPDATE OR DELETE ON private_network
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');
CREATE TRIGGER data_room_audit AFTER INSERT OR UPDATE OR DELETE ON data_room
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');
CREATE TRIGGER information_system_audit AFTER INSERT OR UPDATE OR DELETE ON information_system
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');
CREATE TRIGGER catalogue_resource_audit AFTER INSERT OR UPDATE OR DELETE ON catalogue_resource
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');
CREATE TRIGGER connection_target_audit AFTER INSERT OR UPDATE OR DELETE ON connection_target
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');
CREATE TRIGGER key_task_audit AFTER INSERT OR UPDATE OR DELETE ON key_task
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');
CREATE TRIGGER key_task_milestone_audit AFTER INSERT OR UPDATE OR DELETE ON key_task_milestone
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');
CREATE TRIGGER key_task_progress_audit AFTER INSERT OR UPDATE OR DELETE ON key_task_progress
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id');

-- Reference data: the plan's key tasks, safeguards and dated milestones (宿迁市政务信息系统整合共享工作实施方案).
SELECT set_config('govshare.actor', 'system:reference-data', true);

INSERT INTO key_task (code, kind, sequence, title, description, lead_organisation_codes, co_organisation_codes, co_all_organisations) VALUES
 ('T1', 'TASK', 1, '完善集约统一的基础网络',
  '完善电子政务外网；推进非涉密业务专网向电子政务外网迁移整合；原则上不再另行建设新的业务专网，不再安排利用程度低的专网的运维经费。',
  '{gov-office}', '{econ-it,finance}', false),
 ('T2', 'TASK', 2, '推进基础设施的高效利用',
  '打造全市统一的政务云平台；新建系统原则上直接在政务云平台部署，已建系统制定迁移方案并逐步迁入；县区不再新建、扩建政务数据机房和设施。',
  '{egov}', '{}', true),
 ('T3', 'TASK', 3, '加快政务信息系统清理整合',
  '开展政务信息系统自查和审计，摸清底数，整合一批、清理一批、规范一批，清除“僵尸”信息系统。',
  '{ndrc,audit}', '{econ-it,finance,cyberspace,egov}', false),
 ('T4', 'TASK', 4, '摸清政务信息资源底数',
  '依据《政务信息资源目录编制指南》编制本地区、本部门政务信息资源目录，形成并发布《宿迁市政务信息资源目录》，目录涉及的数据资源均能通过市级数据共享交换平台共享，并根据资源变化及时更新。',
  '{gov-office}', '{staffing}', true),
 ('T5', 'TASK', 5, '构建政务信息共享交换平台',
  '建设完善市级数据共享交换平台；各地、各部门接入共享平台，县区不再单独建设数据共享交换平台；与省级平台对接；2019年起，凡已明确须接入而未接入共享平台的部门政务信息系统，财政部门原则上不予安排建设和运维经费。',
  '{egov}', '{}', true),
 ('T6', 'TASK', 6, '建设政务信息共享网站',
  '依托电子政务外网建设市政务信息共享网站，作为市级数据共享交换平台的门户；接入基础数据和重点领域数据。',
  '{egov}', '{}', true),
 ('T7', 'TASK', 7, '搭建公共数据开放平台',
  '建设市公共数据开放平台，构建公共信息资源开放目录，推动可机器读取、可供社会化再利用的数据集向社会开放。',
  '{egov}', '{}', true),
 ('T8', 'TASK', 8, '建立基础数据资源库',
  '建设人口、法人单位、自然资源和空间地理、电子证照、社会信用五大基础数据库，推进“一数一源，一源多用”。',
  '{egov,public-security,industry-commerce,land,gov-services,credit}', '{}', true),
 ('T9', 'TASK', 9, '深化一体化网上政务服务',
  '全面建成一体化网上政务服务平台，推进审批材料、电子证照、办事信息等数据共享互认，推进“一号申请、一窗受理、一网通办”。',
  '{gov-services}', '{}', true),
 ('T10', 'TASK', 10, '构建长效的安全保障体系',
  '推进政务信息资源共享风险评估，落实政务信息系统信息安全等级保护，保障个人隐私和数据安全。',
  '{cyberspace,public-security,egov}', '{}', true),
 ('S1', 'SAFEGUARD', 1, '加强组织领导',
  '领导小组统一规划、指导、推进和监督；各地、各部门每年1月上旬向领导小组报告上一年度政务信息资源共享情况；编制出台《宿迁市政务信息资源共享管理暂行办法》。',
  '{gov-office}', '{ndrc,econ-it}', true),
 ('S2', 'SAFEGUARD', 2, '严格项目管理',
  '实施政务信息系统建设和运维备案制度，申请经费时向领导小组办公室全口径备案；严格控制数据机房和业务专网建设，不符合资源整合共享要求的项目一律不予批准新建、续建、扩建。',
  '{egov}', '{finance,ndrc}', true),
 ('S3', 'SAFEGUARD', 3, '强化评价考核',
  '建立政务信息共享工作评价常态化机制，制定政务信息系统建设工作评价办法，每年对各部门政务信息系统建设效果进行评估，评估结果作为项目审批、资金拨付的参考依据。',
  '{inspection}', '{finance,ndrc,econ-it,cyberspace,staffing,audit,egov}', false),
 ('S4', 'SAFEGUARD', 4, '加强审计监督',
  '探索政务信息系统审计的方式方法，形成具体工作方案；对政务信息系统专项资金使用的真实性、合法性和效益性开展监督。',
  '{audit}', '{ndrc,econ-it,cyberspace,egov}', false);

INSERT INTO key_task_milestone (code, task_code, title, deadline) VALUES
 ('T1-M1', 'T1', '非涉密业务专网向电子政务外网迁移整合（持续推进）', NULL),
 ('T2-M1', 'T2', '已建系统制定迁移方案并逐步迁入政务云（持续推进）', NULL),
 ('T3-M1', 'T3', '基本完成政务信息系统清理工作', DATE '2017-12-31'),
 ('T4-M1', 'T4', '各地、各部门编制完成政务信息资源目录', DATE '2017-12-31'),
 ('T4-M2', 'T4', '形成并发布《宿迁市政务信息资源目录》', DATE '2018-04-30'),
 ('T4-M3', 'T4', '目录涉及的数据资源均能通过市级共享交换平台共享', DATE '2018-08-31'),
 ('T5-M1', 'T5', '市级数据共享交换平台与省级平台对接', DATE '2018-06-30'),
 ('T5-M2', 'T5', '各政务信息系统和数据资源统一接入市级共享交换平台', DATE '2018-12-31'),
 ('T6-M1', 'T6', '建成市政务信息共享网站', DATE '2018-06-30'),
 ('T6-M2', 'T6', '接入基础数据和重点领域数据', DATE '2018-12-31'),
 ('T7-M1', 'T7', '建成市公共数据开放平台及开放目录', DATE '2018-12-31'),
 ('T8-M1', 'T8', '初步完成五大基础数据库建设', DATE '2018-06-30'),
 ('T9-M1', 'T9', '全面建成一体化网上政务服务平台（持续推进）', NULL),
 ('T10-M1', 'T10', '落实政务信息系统等级保护（持续推进）', NULL),
 ('S1-M1', 'S1', '编制出台《宿迁市政务信息资源共享管理暂行办法》', DATE '2018-02-28'),
 ('S2-M1', 'S2', '完善政务信息系统建设运维备案制度', DATE '2018-12-31'),
 ('S3-M1', 'S3', '制定政务信息系统建设工作评价办法', DATE '2018-02-28'),
 ('S4-M1', 'S4', '形成政务信息系统审计具体工作方案', DATE '2018-08-31');
