package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.RawJson;

import java.time.OffsetDateTime;

/**
 * One run of the pull collector against one source. {@code error} is English, for API users; pages say
 * {@code errorCode} with {@code errorParams} (see {@link ExchangeReason}).
 */
public record CollectorRun(long id, OffsetDateTime startedAt, OffsetDateTime finishedAt, Status status, int attempts, int records,
                           String cursorBefore, String cursorAfter, String error, String errorCode, RawJson errorParams) {

    public enum Status { RUNNING, SUCCEEDED, FAILED }
}
