-- Reasons stored with records say why as a stable code and its parameters; the words live in the pages'
-- message bundles (key reason.<code>, placeholders {param}). The English text stays beside them for API
-- users. Rows written before this migration get the code their text was made from.

ALTER TABLE exchange_quarantine
    ADD COLUMN reason_code   text,
    ADD COLUMN reason_params jsonb NOT NULL DEFAULT '{}';

UPDATE exchange_quarantine q
SET reason_code = c.code, reason_params = c.params
FROM (SELECT id,
             CASE
                 WHEN m_both IS NOT NULL THEN 'unknownProviderAndConsumer'
                 WHEN m_provider IS NOT NULL THEN 'unknownProvider'
                 WHEN m_consumer IS NOT NULL THEN 'unknownConsumer'
                 WHEN m_xroad IS NOT NULL THEN 'unknownXroadParties'
             END AS code,
             CASE
                 WHEN m_both IS NOT NULL THEN jsonb_build_object('provider', m_both[1], 'consumer', m_both[2])
                 WHEN m_provider IS NOT NULL THEN jsonb_build_object('provider', m_provider[1])
                 WHEN m_consumer IS NOT NULL THEN jsonb_build_object('consumer', m_consumer[1])
                 WHEN m_xroad IS NOT NULL THEN jsonb_build_object('parties', m_xroad[1])
                 ELSE '{}'::jsonb
             END AS params
      FROM (SELECT id,
                   regexp_match(reason, '^unknown provider ''(.*)''; unknown consumer ''(.*)''$') AS m_both,
                   regexp_match(reason, '^unknown provider ''(.*)''$') AS m_provider,
                   regexp_match(reason, '^unknown consumer ''(.*)''$') AS m_consumer,
                   regexp_match(reason, '^unknown X-Road member or subsystem: (.*)$') AS m_xroad
            FROM exchange_quarantine) AS matched) AS c
WHERE q.id = c.id;

COMMENT ON COLUMN exchange_quarantine.reason_code IS 'why the record waits (message key reason.<code>); NULL only for rows older than V7 whose text was not recognised';
COMMENT ON COLUMN exchange_quarantine.reason IS 'the reason in English, for API users';

ALTER TABLE exchange_collector_run
    ADD COLUMN error_code   text,
    ADD COLUMN error_params jsonb;

UPDATE exchange_collector_run
SET error_code   = CASE WHEN error ~ '^HTTP [0-9]+ from ' THEN 'sourceHttpStatus' ELSE 'sourceFailed' END,
    error_params = CASE
                       WHEN error ~ '^HTTP [0-9]+ from ' THEN jsonb_build_object(
                               'status', (regexp_match(error, '^HTTP ([0-9]+) from (.*)$'))[1],
                               'url', (regexp_match(error, '^HTTP ([0-9]+) from (.*)$'))[2])
                       ELSE jsonb_build_object('cause', error)
                   END
WHERE error IS NOT NULL;

ALTER TABLE exchange_collector_run
    ADD CONSTRAINT exchange_collector_run_error_coded CHECK ((error IS NULL) = (error_code IS NULL));
COMMENT ON COLUMN exchange_collector_run.error_code IS 'why the run failed (message key reason.<code>), with error_params';
COMMENT ON COLUMN exchange_collector_run.error IS 'the failure in English, for API users';
