package cn.suqian.govshare.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/** A JSON document stored as such (audit states, quarantined records, anomaly details), passed through as it is. */
public record RawJson(@JsonRawValue @JsonValue String json) {

    public static RawJson of(org.jooq.JSONB value) {
        return value == null ? null : new RawJson(value.data());
    }

    public static RawJson of(org.jooq.JSON value) {
        return value == null ? null : new RawJson(value.data());
    }
}
