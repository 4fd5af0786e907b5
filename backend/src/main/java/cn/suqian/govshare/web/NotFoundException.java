package cn.suqian.govshare.web;

import java.util.Map;

/** The addressed record does not exist (or is not visible to the caller, who must not learn which). */
public class NotFoundException extends RuntimeException {

    private final Map<String, Object> params;

    public NotFoundException(String what, Object id) {
        this(ResponseCode.NOT_FOUND.params(what, id));
    }

    private NotFoundException(Map<String, Object> params) {
        super(ResponseCode.NOT_FOUND.english(params));
        this.params = params;
    }

    Map<String, Object> params() {
        return params;
    }
}
