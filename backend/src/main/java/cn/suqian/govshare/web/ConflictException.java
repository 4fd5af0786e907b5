package cn.suqian.govshare.web;

/** The request contradicts what was already accepted (e.g. an idempotency key reused for another body). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
