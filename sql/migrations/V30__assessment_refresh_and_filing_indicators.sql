-- Issue 14: the default methodology's two missing indicators (RULES.md) — "resources refreshed as often as their declared
-- update cycle" (data, 5) and "funding requests filed completely and in time" (management, 6) — so the weights total 100.
-- A methodology version is never edited: every year whose latest version lacks them gets a new version with both added
-- (its change log says so). The same version leaves out of "must-connect systems actually connected" the systems whose
-- probes measured nothing in the year (noData: EXCLUDE), instead of counting them as not connected. A draft year then takes the new version for its next run; a published or final year keeps the
-- version its scores state. New years get the default document, which now has both.
WITH latest AS (
    SELECT DISTINCT ON (year) id, year, version, name, definition
      FROM assessment_methodology
     ORDER BY year, version DESC
), lacking AS (
    SELECT l.*
      FROM latest l
     WHERE NOT EXISTS (SELECT 1
                         FROM jsonb_array_elements(l.definition -> 'pillars') p,
                              jsonb_array_elements(p -> 'indicators') i
                        WHERE i ->> 'code' IN ('refreshed', 'filings'))
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(l.definition -> 'pillars') p WHERE p ->> 'code' = 'data')
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(l.definition -> 'pillars') p WHERE p ->> 'code' = 'management')
)
INSERT INTO assessment_methodology (year, version, name, definition, change_log, author)
SELECT l.year, l.version + 1, l.name,
       jsonb_set(l.definition, '{pillars}', (
           SELECT jsonb_agg(CASE p ->> 'code'
                                WHEN 'data' THEN jsonb_set(p, '{indicators}', (
                                    SELECT jsonb_agg(CASE WHEN i ->> 'code' = 'connected' AND i -> 'parameters' ->> 'predicate' = 'CONNECTED'
                                                          THEN jsonb_set(i, '{parameters}', coalesce(i -> 'parameters', '{}') || '{"noData": "EXCLUDE"}')
                                                          ELSE i END ORDER BY iord)
                                      FROM jsonb_array_elements(p -> 'indicators') WITH ORDINALITY AS ie(i, iord)) || jsonb_build_array(jsonb_build_object(
                                    'code', 'refreshed', 'name', '资源按声明的更新周期更新（按周期经平台提供数据）', 'kind', 'TIMELINESS',
                                    'weight', 5, 'parameters', jsonb_build_object('subject', 'RESOURCES'))))
                                WHEN 'management' THEN jsonb_set(p, '{indicators}', (p -> 'indicators') || jsonb_build_array(jsonb_build_object(
                                    'code', 'filings', 'name', '经费申请全口径备案完整及时', 'kind', 'TIMELINESS',
                                    'weight', 6, 'parameters', jsonb_build_object('subject', 'FILINGS'))))
                                ELSE p END ORDER BY ord)
             FROM jsonb_array_elements(l.definition -> 'pillars') WITH ORDINALITY AS e(p, ord))),
       '增加“资源按声明的更新周期更新”（数据通，5分）和“经费申请全口径备案完整及时”（管理，6分）两项指标，默认权重合计100；接入监测无数据的系统不计入分母',
       'system:migration'
  FROM lacking l;

UPDATE assessment_year y
   SET methodology_id = m.id
  FROM assessment_methodology m
 WHERE y.state = 'DRAFT'
   AND m.year = y.year
   AND m.author = 'system:migration'
   AND m.version = (SELECT max(version) FROM assessment_methodology WHERE year = y.year);
