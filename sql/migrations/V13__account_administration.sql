-- Account administration from the pages: an account whose password was set by the office (created or
-- reset) asks its owner for a new one at the next sign-in; an ingest token remembers when it was last used.

ALTER TABLE app_user ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;

ALTER TABLE api_token ADD COLUMN last_used_at timestamptz;

-- Recording a token's use is bookkeeping, not a change worth a row in the trail: the trigger now fires
-- only for the columns people change (issue, revoke); inserts and deletes are still audited in full.
DROP TRIGGER api_token_audit ON api_token;
CREATE TRIGGER api_token_audit AFTER INSERT OR DELETE OR UPDATE OF name, organisation_code, expires_at, revoked_at ON api_token
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id', '{token_hash,last_used_at}');
