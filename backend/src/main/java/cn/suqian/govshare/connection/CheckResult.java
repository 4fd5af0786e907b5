package cn.suqian.govshare.connection;

import java.time.OffsetDateTime;

/**
 * The outcome of one probe, heartbeat or missed heartbeat. {@code cause} is null when {@code ok}.
 * {@code certExpiresAt} is the peer certificate's end of validity for HTTPS, when seen.
 */
public record CheckResult(String targetCode, OffsetDateTime at, boolean ok, CheckCause cause, String detail, Integer latencyMs,
                          Integer httpStatus, OffsetDateTime certExpiresAt, CheckSource source) {

    public static CheckResult success(String target, OffsetDateTime at, int latencyMs, Integer httpStatus, OffsetDateTime certExpiresAt,
                                      String detail, CheckSource source) {
        return new CheckResult(target, at, true, null, detail, latencyMs, httpStatus, certExpiresAt, source);
    }

    public static CheckResult failure(String target, OffsetDateTime at, CheckCause cause, String detail, Integer latencyMs,
                                      Integer httpStatus, CheckSource source) {
        return new CheckResult(target, at, false, cause, detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail,
                latencyMs, httpStatus, null, source);
    }
}
