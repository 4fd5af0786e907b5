package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.RawJson;

import java.time.OffsetDateTime;

/** Something in the traffic the e-government office should look at, and how it was triaged. */
public record Anomaly(long id, Kind kind, OffsetDateTime periodStart, OffsetDateTime periodEnd, String provider, String consumer,
                      String resource, RawJson detail, Status status, OffsetDateTime detectedAt, String triagedBy, String note) {

    /** What was found; see {@link AnomalyDetector}. */
    public enum Kind { FAILURE_RATIO, UNUSUAL_TRAFFIC, SILENT_PROVIDER, CLOCK_SKEW, DUPLICATE_MESSAGE_ID }

    /** NEW until triaged: ACKNOWLEDGED (being handled) or NORMAL (explained). */
    public enum Status { NEW, ACKNOWLEDGED, NORMAL }
}
