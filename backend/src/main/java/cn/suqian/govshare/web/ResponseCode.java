package cn.suqian.govshare.web;

import com.fasterxml.jackson.annotation.JsonValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;
import java.util.Map;

/**
 * What a whole problem response says. Each code has a title ({@code problem.<code>.title}) and a detail
 * ({@code problem.<code>}, with exactly these parameters as placeholders) in both message bundles; the
 * response carries the code and its parameters besides the English title and detail.
 */
public enum ResponseCode implements MessageCode {

    INVALID_INPUT("count"),
    UNREADABLE_REQUEST("reason"),
    BODY_TOO_LARGE,
    UNSUPPORTED_ENCODING("encoding"),
    NOT_FOUND("what", "id"),
    IDEMPOTENCY_KEY_REUSED("key", "batch"),
    UNAUTHORIZED,
    FORBIDDEN,
    CSRF_REFUSED,
    READ_REFUSED("user", "organisation"),
    CHANGE_REFUSED("user", "organisation"),
    NOT_TASK_UNIT("user", "task"),
    LEAD_DECLARES_MET,
    EDIT_CONFLICT("id", "expected", "current"),
    BUSY("seconds"),
    REVIEW_REFUSED("user");

    private final List<String> paramNames;

    ResponseCode(String... paramNames) {
        this.paramNames = List.of(paramNames);
    }

    @JsonValue
    @Override
    public String code() {
        return MessageCode.camelCase(this);
    }

    /** The key of the detail text. */
    @Override
    public String key() {
        return "problem." + code();
    }

    public String titleKey() {
        return key() + ".title";
    }

    @Override
    public List<String> paramNames() {
        return paramNames;
    }

    public String title() {
        return Messages.english(titleKey(), Map.of());
    }

    /** An RFC 9457 body: English title and detail, plus {@code code} and {@code params} for the pages. */
    public ProblemDetail problem(HttpStatus status, Map<String, Object> params) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, english(params));
        p.setTitle(title());
        p.setProperty("code", code());
        p.setProperty("params", params);
        return p;
    }
}
