package cn.suqian.govshare.web;

import java.time.Duration;

/**
 * The service is at capacity for this kind of work right now; the caller should try again shortly. Answered
 * at once with 503 and a {@code Retry-After} header rather than after a long wait in a queue.
 */
public class BusyException extends RuntimeException {

    private final Duration retryAfter;

    public BusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the caller should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
