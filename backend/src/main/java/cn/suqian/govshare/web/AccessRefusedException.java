package cn.suqian.govshare.web;

import org.springframework.security.access.AccessDeniedException;

import java.util.Map;

/**
 * A refusal (403) that says why, as a code and parameters; the security layer writes it as a problem
 * body like any other. The message is the English detail.
 */
public class AccessRefusedException extends AccessDeniedException {

    private final ResponseCode code;
    private final transient Map<String, Object> params;

    public AccessRefusedException(ResponseCode code, Object... params) {
        this(code, code.params(params));
    }

    private AccessRefusedException(ResponseCode code, Map<String, Object> params) {
        super(code.english(params));
        this.code = code;
        this.params = params;
    }

    public ResponseCode code() {
        return code;
    }

    public Map<String, Object> params() {
        return params;
    }
}
