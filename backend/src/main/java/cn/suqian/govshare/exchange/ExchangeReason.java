package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.MessageCode;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Map;

/**
 * Why a record waits in quarantine, why a system is a zombie candidate, why a collector run failed: a
 * code and parameters kept with the record ({@code reason_code}/{@code reason_params},
 * {@code error_code}/{@code error_params}) or computed with it. Pages say it with the message key
 * {@code reason.<code>}; the English text is kept beside it for API users.
 */
public enum ExchangeReason implements MessageCode {

    UNKNOWN_PROVIDER("provider"),
    UNKNOWN_CONSUMER("consumer"),
    UNKNOWN_PROVIDER_AND_CONSUMER("provider", "consumer"),
    UNKNOWN_XROAD_PARTIES("parties"),
    NO_TRAFFIC_EVER,
    NO_TRAFFIC_SINCE("since"),
    NO_TRAFFIC_EVER_NO_ALIAS,
    NO_TRAFFIC_SINCE_NO_ALIAS("since"),
    SOURCE_HTTP_STATUS("status", "url"),
    SOURCE_PAGE_REJECTED("count", "problems"),
    SOURCE_FAILED("cause");

    private final List<String> paramNames;

    ExchangeReason(String... paramNames) {
        this.paramNames = List.of(paramNames);
    }

    @JsonValue
    @Override
    public String code() {
        return MessageCode.camelCase(this);
    }

    @Override
    public String key() {
        return "reason." + code();
    }

    @Override
    public List<String> paramNames() {
        return paramNames;
    }

    /** One reason with its parameter values. */
    record Given(ExchangeReason code, Map<String, Object> params) {

        static Given of(ExchangeReason code, Object... params) {
            return new Given(code, code.params(params));
        }

        String english() {
            return code.english(params);
        }

        org.jooq.JSONB paramsJson() {
            return org.jooq.JSONB.valueOf(BatchBody.JSON.writeValueAsString(params));
        }
    }
}
