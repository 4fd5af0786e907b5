-- Challenge attachments as files (issue 14): a department's evidence for an objection is uploaded, its type judged by
-- content, stored with its SHA-256 and served only as a download, as filing attachments are. Until now a challenge
-- held only the names of its attachments; those names carried no evidence and are dropped.
CREATE TABLE assessment_challenge_attachment (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id bigint      NOT NULL REFERENCES assessment_challenge (id),
    file_name    text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type text        NOT NULL,
    size_bytes   integer     NOT NULL CHECK (size_bytes > 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content      bytea       NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_challenge_attachment_challenge_idx ON assessment_challenge_attachment (challenge_id);
CREATE TRIGGER assessment_challenge_attachment_audit AFTER INSERT OR UPDATE OR DELETE ON assessment_challenge_attachment
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('challenge_id', '{content}');

ALTER TABLE assessment_challenge DROP COLUMN attachments;
