-- Issue 10: registries edited in the browser.
--
-- 1. Optimistic concurrency. Every registry record carries a version that the application raises by one
--    with each change it writes (a form's save, an import, a retirement). A page reads the version with the
--    record (the ETag) and sends it back (If-Match); a save made against an older version is refused
--    instead of silently overwriting someone else's change. Columns other capabilities keep on the same
--    rows (probe state, for instance) do not move the version, since only the registry's own writes do.
ALTER TABLE organisation       ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE information_system ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE catalogue_resource ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE private_network    ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE data_room          ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE connection_target  ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- 2. 已停用 means one thing. A system whose lifecycle status is RETIRED is retired from the registry
--    (retired_at set), and a retired system's status is RETIRED, whichever way it got there (the retire
--    action, a form, a spreadsheet row saying 已停用). Retired systems leave the lists unless asked for and
--    leave the must-connect and connected counts.
UPDATE information_system
   SET retired_at = coalesce(status_since::timestamptz, updated_at)
 WHERE lifecycle_status = 'RETIRED' AND retired_at IS NULL;
UPDATE information_system SET lifecycle_status = 'RETIRED' WHERE retired_at IS NOT NULL AND lifecycle_status <> 'RETIRED';

CREATE FUNCTION information_system_retired() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.lifecycle_status = 'RETIRED' AND NEW.retired_at IS NULL THEN
        NEW.retired_at := coalesce(NEW.status_since::timestamptz, now());
    ELSIF NEW.retired_at IS NOT NULL THEN
        NEW.lifecycle_status := 'RETIRED';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER information_system_retired BEFORE INSERT OR UPDATE OF lifecycle_status, retired_at ON information_system
    FOR EACH ROW EXECUTE FUNCTION information_system_retired();

ALTER TABLE information_system ADD CONSTRAINT information_system_retired_consistent
    CHECK ((lifecycle_status = 'RETIRED') = (retired_at IS NOT NULL));
