package cn.suqian.govshare.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A year's publication state: the official run and methodology, published (frozen) when, challenge window, final. */
public record AssessmentYear(int year, PublicationState state, Long methodologyId, Long officialRunId, OffsetDateTime publishedAt,
                             String publishedBy, LocalDate challengeUntil, OffsetDateTime finalisedAt, String finalisedBy) {
}
