package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.RawJson;

import java.time.OffsetDateTime;

/**
 * Something in the traffic the e-government office should look at, and how it was triaged. An anomaly whose
 * period's data changed later is judged again ({@code evaluatedAt}); when its rule no longer holds it is
 * closed as {@code RESOLVED} with {@code resolution} {@code LATE_DATA}.
 */
public record Anomaly(long id, Kind kind, OffsetDateTime periodStart, OffsetDateTime periodEnd, String provider, String consumer,
                      String resource, RawJson detail, Status status, OffsetDateTime detectedAt, String triagedBy, String note,
                      OffsetDateTime evaluatedAt, OffsetDateTime resolvedAt, Resolution resolution) {

    /** What was found; see {@link AnomalyDetector}. */
    public enum Kind { FAILURE_RATIO, UNUSUAL_TRAFFIC, SILENT_PROVIDER, CLOCK_SKEW, DUPLICATE_MESSAGE_ID }

    /** NEW until triaged: ACKNOWLEDGED (being handled) or NORMAL (explained); RESOLVED: closed by GovShare, see {@link Resolution}. */
    public enum Status { NEW, ACKNOWLEDGED, NORMAL, RESOLVED }

    /** Why GovShare closed an anomaly: LATE_DATA, the period's data changed and the rule no longer holds. */
    public enum Resolution { LATE_DATA }
}
