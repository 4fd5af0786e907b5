-- Issue 12: a filing's attachments may be kept in a configured directory instead of the database
-- (govshare.filing.attachment-directory). Such a row keeps its SHA-256 and the file's place under that directory,
-- named by the checksum alone (never by the uploaded name), and no bytes; a row kept in the database has its bytes.
ALTER TABLE filing_attachment
    ALTER COLUMN content DROP NOT NULL,
    ADD COLUMN stored_in text CHECK (stored_in ~ '^[0-9a-f]{2}/[0-9a-f]{64}$'),
    ADD CONSTRAINT filing_attachment_kept_once CHECK ((content IS NULL) <> (stored_in IS NULL));
