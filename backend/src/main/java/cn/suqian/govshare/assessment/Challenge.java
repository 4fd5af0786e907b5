package cn.suqian.govshare.assessment;

import java.time.OffsetDateTime;
import java.util.List;

/** A department's objection to one indicator of its published result, and the office's decision on it. */
public record Challenge(long id, int year, String organisationCode, String indicatorCode, String reason, List<Attachment> attachments, Status status,
                        String filedBy, OffsetDateTime filedAt, String decidedBy, OffsetDateTime decidedAt, String decisionReason,
                        Double correctedScore) {

    public enum Status { FILED, ACCEPTED, REJECTED }

    /** A file the department gave as evidence: its type judged by content, its SHA-256; downloaded, never shown inline. */
    public record Attachment(long id, String fileName, String contentType, int sizeBytes, String sha256, String uploadedBy,
                             OffsetDateTime uploadedAt) {
    }

    /** An attachment's content, for a download. */
    public record Download(String fileName, String contentType, String sha256, byte[] content) {
    }
}
