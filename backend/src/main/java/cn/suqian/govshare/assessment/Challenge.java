package cn.suqian.govshare.assessment;

import java.time.OffsetDateTime;
import java.util.List;

/** A department's objection to one indicator of its published result, and the office's decision on it. */
public record Challenge(long id, int year, String organisationCode, String indicatorCode, String reason, List<String> attachments, Status status,
                        String filedBy, OffsetDateTime filedAt, String decidedBy, OffsetDateTime decidedAt, String decisionReason,
                        Double correctedScore) {

    public enum Status { FILED, ACCEPTED, REJECTED }
}
