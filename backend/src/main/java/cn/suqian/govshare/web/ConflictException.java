package cn.suqian.govshare.web;

import java.util.Map;

/** The request contradicts what was already accepted (e.g. an idempotency key reused for another body). */
public class ConflictException extends RuntimeException {

    private final ResponseCode code;
    private final Map<String, Object> params;

    public ConflictException(ResponseCode code, Object... params) {
        this(code, code.params(params));
    }

    private ConflictException(ResponseCode code, Map<String, Object> params) {
        super(code.english(params));
        this.code = code;
        this.params = params;
    }

    ResponseCode code() {
        return code;
    }

    Map<String, Object> params() {
        return params;
    }
}
