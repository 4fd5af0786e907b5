-- Organisations: the city, its departments, counties/districts and development zones.
-- Reference data from the plan (宿迁市政务信息系统整合共享工作实施方案); issue [2/9] extends the record.

CREATE TABLE organisation (
    code           text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,31}$'),
    name           text        NOT NULL CHECK (length(btrim(name)) > 0),
    name_en        text,
    type           text        NOT NULL CHECK (type IN ('CITY', 'CITY_DEPARTMENT', 'COUNTY_DISTRICT', 'DEVELOPMENT_ZONE')),
    parent_code    text REFERENCES organisation (code),
    contact_person text,
    contact_phone  text,
    retired_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organisation_name_unique UNIQUE (name)
);
CREATE INDEX organisation_parent_idx ON organisation (parent_code);

CREATE TRIGGER organisation_audit AFTER INSERT OR UPDATE OR DELETE ON organisation
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('code');

SELECT set_config('govshare.actor', 'system:reference-data', true);

INSERT INTO organisation (code, name, name_en, type, parent_code) VALUES
    ('suqian', '宿迁市人民政府', 'Suqian Municipal People''s Government', 'CITY', NULL);

INSERT INTO organisation (code, name, name_en, type, parent_code) VALUES
    ('gov-office',        '市政府办公室',            'General Office of the Municipal Government',          'CITY_DEPARTMENT', 'suqian'),
    ('econ-it',           '市经济和信息化委员会',    'Economic and Information Technology Commission',      'CITY_DEPARTMENT', 'suqian'),
    ('finance',           '市财政局',                'Finance Bureau',                                      'CITY_DEPARTMENT', 'suqian'),
    ('egov',              '市电子政务办公室',        'E-Government Office',                                 'CITY_DEPARTMENT', 'suqian'),
    ('ndrc',              '市发展和改革委员会',      'Development and Reform Commission',                   'CITY_DEPARTMENT', 'suqian'),
    ('audit',             '市审计局',                'Audit Bureau',                                        'CITY_DEPARTMENT', 'suqian'),
    ('cyberspace',        '市委网信办',              'Cyberspace Affairs Office',                           'CITY_DEPARTMENT', 'suqian'),
    ('staffing',          '市编办',                  'Commission Office for Public Sector Reform',          'CITY_DEPARTMENT', 'suqian'),
    ('public-security',   '市公安局',                'Public Security Bureau',                              'CITY_DEPARTMENT', 'suqian'),
    ('education',         '市教育局',                'Education Bureau',                                    'CITY_DEPARTMENT', 'suqian'),
    ('civil-affairs',     '市民政局',                'Civil Affairs Bureau',                                'CITY_DEPARTMENT', 'suqian'),
    ('hrss',              '市人力资源和社会保障局',  'Human Resources and Social Security Bureau',          'CITY_DEPARTMENT', 'suqian'),
    ('health',            '市卫生和计划生育委员会',  'Health and Family Planning Commission',               'CITY_DEPARTMENT', 'suqian'),
    ('statistics',        '市统计局',                'Statistics Bureau',                                   'CITY_DEPARTMENT', 'suqian'),
    ('housing',           '市住房和城乡建设局',      'Housing and Urban-Rural Development Bureau',          'CITY_DEPARTMENT', 'suqian'),
    ('housing-fund',      '市住房公积金管理中心',    'Housing Provident Fund Management Centre',            'CITY_DEPARTMENT', 'suqian'),
    ('disabled',          '市残疾人联合会',          'Disabled Persons'' Federation',                       'CITY_DEPARTMENT', 'suqian'),
    ('industry-commerce', '市工商行政管理局',        'Administration for Industry and Commerce',            'CITY_DEPARTMENT', 'suqian'),
    ('transport',         '市交通运输局',            'Transport Bureau',                                    'CITY_DEPARTMENT', 'suqian'),
    ('quality',           '市质量技术监督局',        'Quality and Technical Supervision Bureau',            'CITY_DEPARTMENT', 'suqian'),
    ('state-tax',         '市国家税务局',            'State Taxation Bureau',                               'CITY_DEPARTMENT', 'suqian'),
    ('local-tax',         '市地方税务局',            'Local Taxation Bureau',                               'CITY_DEPARTMENT', 'suqian'),
    ('food-drug',         '市食品药品监督管理局',    'Food and Drug Administration',                        'CITY_DEPARTMENT', 'suqian'),
    ('land',              '市国土资源局',            'Land and Resources Bureau',                           'CITY_DEPARTMENT', 'suqian'),
    ('planning',          '市规划局',                'Planning Bureau',                                     'CITY_DEPARTMENT', 'suqian'),
    ('urban-mgmt',        '市城市管理局',            'Urban Management Bureau',                             'CITY_DEPARTMENT', 'suqian'),
    ('water',             '市水利局',                'Water Resources Bureau',                              'CITY_DEPARTMENT', 'suqian'),
    ('agriculture',       '市农业委员会',            'Agriculture Commission',                              'CITY_DEPARTMENT', 'suqian'),
    ('gov-services',      '市政务服务管理办公室',    'Government Services Administration Office',           'CITY_DEPARTMENT', 'suqian'),
    ('credit',            '市信用办',                'Social Credit Office',                                'CITY_DEPARTMENT', 'suqian'),
    ('pboc',              '人民银行宿迁市中心支行',  'People''s Bank of China, Suqian Central Sub-branch',  'CITY_DEPARTMENT', 'suqian'),
    ('inspection',        '市委市政府督查室',        'Inspection Office of the Municipal Party Committee and Government', 'CITY_DEPARTMENT', 'suqian');

INSERT INTO organisation (code, name, name_en, type, parent_code) VALUES
    ('shuyang', '沭阳县', 'Shuyang County',  'COUNTY_DISTRICT', 'suqian'),
    ('siyang',  '泗阳县', 'Siyang County',   'COUNTY_DISTRICT', 'suqian'),
    ('sihong',  '泗洪县', 'Sihong County',   'COUNTY_DISTRICT', 'suqian'),
    ('sucheng', '宿城区', 'Sucheng District', 'COUNTY_DISTRICT', 'suqian'),
    ('suyu',    '宿豫区', 'Suyu District',   'COUNTY_DISTRICT', 'suqian');

INSERT INTO organisation (code, name, name_en, type, parent_code) VALUES
    ('sq-etdz',   '宿迁经济技术开发区',     'Suqian Economic and Technological Development Zone', 'DEVELOPMENT_ZONE', 'suqian'),
    ('sq-hitech', '宿迁高新技术产业开发区', 'Suqian High-tech Industrial Development Zone',       'DEVELOPMENT_ZONE', 'suqian'),
    ('hubin',     '湖滨新区',               'Hubin New Area',                                    'DEVELOPMENT_ZONE', 'suqian'),
    ('yanghe',    '洋河新区',               'Yanghe New Area',                                   'DEVELOPMENT_ZONE', 'suqian'),
    ('sz-sq-park','苏州宿迁工业园区',       'Suzhou-Suqian Industrial Park',                     'DEVELOPMENT_ZONE', 'suqian');
