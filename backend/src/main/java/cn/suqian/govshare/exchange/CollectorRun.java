package cn.suqian.govshare.exchange;

import java.time.OffsetDateTime;

/** One run of the pull collector against one source. */
public record CollectorRun(long id, OffsetDateTime startedAt, OffsetDateTime finishedAt, Status status, int attempts, int records,
                           String cursorBefore, String cursorAfter, String error) {

    public enum Status { RUNNING, SUCCEEDED, FAILED }
}
