-- Users, roles and machine-client API tokens.

CREATE TABLE app_user (
    username          text PRIMARY KEY CHECK (username ~ '^[a-z][a-z0-9._-]{1,63}$'),
    display_name      text        NOT NULL,
    password_hash     text        NOT NULL,
    role              text        NOT NULL CHECK (role IN ('LEADER', 'FINANCE', 'DEPARTMENT', 'EGOV_ADMIN', 'AUDITOR')),
    organisation_code text        NOT NULL REFERENCES organisation (code),
    enabled           boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_organisation_idx ON app_user (organisation_code);

CREATE TRIGGER app_user_audit AFTER INSERT OR UPDATE OR DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('username', '{password_hash}');

-- Only a SHA-256 of the token is stored; the token itself is shown once, when issued.
CREATE TABLE api_token (
    id                uuid PRIMARY KEY,
    name              text        NOT NULL,
    token_hash        text        NOT NULL UNIQUE,
    scope             text        NOT NULL CHECK (scope IN ('INGEST')),
    organisation_code text REFERENCES organisation (code),
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz,
    revoked_at        timestamptz
);

CREATE TRIGGER api_token_audit AFTER INSERT OR UPDATE OR DELETE ON api_token
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('id', '{token_hash}');
