-- Issue 11: a year of availability reads closed months from memory, so each closed month's monthly rollup
-- carries a revision. Any change to a month that has ended (a late check just after midnight, a maintenance
-- window entered after the fact, a correction by hand) bumps it, whoever made the change; a reader whose
-- cached copy has another revision reads that month again. The current month is always read live.
CREATE TABLE connection_rollup_revision (
    month    date   PRIMARY KEY,
    revision bigint NOT NULL
);

CREATE FUNCTION connection_rollup_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO connection_rollup_revision (month, revision)
    VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.month ELSE NEW.month END, 1)
    ON CONFLICT (month) DO UPDATE SET revision = connection_rollup_revision.revision + 1;
    IF TG_OP = 'UPDATE' AND OLD.month <> NEW.month THEN
        INSERT INTO connection_rollup_revision (month, revision) VALUES (OLD.month, 1)
        ON CONFLICT (month) DO UPDATE SET revision = connection_rollup_revision.revision + 1;
    END IF;
    RETURN NULL;
END $$;

-- Only rows of months that have ended fire it (the WHEN is evaluated without calling the function), so the
-- probing path, which writes the current month, pays nothing.
CREATE TRIGGER connection_monthly_revision_ins AFTER INSERT ON connection_monthly FOR EACH ROW
    WHEN (NEW.month < date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date)
    EXECUTE FUNCTION connection_rollup_revision_bump();
CREATE TRIGGER connection_monthly_revision_upd AFTER UPDATE ON connection_monthly FOR EACH ROW
    WHEN (NEW.month < date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date
          OR OLD.month < date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date)
    EXECUTE FUNCTION connection_rollup_revision_bump();
CREATE TRIGGER connection_monthly_revision_del AFTER DELETE ON connection_monthly FOR EACH ROW
    WHEN (OLD.month < date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date)
    EXECUTE FUNCTION connection_rollup_revision_bump();

-- The targets' spans (created, retired, owner) are read from memory too; any change to connection_target, by
-- whatever path, bumps this one revision.
CREATE TABLE connection_target_revision (
    id       smallint PRIMARY KEY CHECK (id = 1),
    revision bigint   NOT NULL
);
INSERT INTO connection_target_revision VALUES (1, 0);

CREATE FUNCTION connection_target_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE connection_target_revision SET revision = revision + 1 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER connection_target_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON connection_target
    FOR EACH STATEMENT EXECUTE FUNCTION connection_target_revision_bump();
