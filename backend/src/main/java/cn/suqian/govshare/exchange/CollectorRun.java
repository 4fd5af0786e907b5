package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.RawJson;

import java.time.OffsetDateTime;

/**
 * One run of the pull collector against one source. {@code error} is English, for API users; pages say
 * {@code errorCode} with {@code errorParams} (see {@link ExchangeReason}). A run a crash interrupted is
 * {@code ABANDONED} with the time that was noticed; a run that met a page it could not take as it was
 * carries that page ({@code refusedPage}) with its reasons and the office's decision.
 */
public record CollectorRun(long id, OffsetDateTime startedAt, OffsetDateTime finishedAt, Status status, int attempts, int records,
                           String cursorBefore, String cursorAfter, String error, String errorCode, RawJson errorParams,
                           OffsetDateTime abandonedAt, String node, CollectorRefusedPages.RefusedPage refusedPage) {

    /** ABANDONED: interrupted by a crash (the process ended while the run was RUNNING). */
    public enum Status { RUNNING, SUCCEEDED, FAILED, ABANDONED }
}
