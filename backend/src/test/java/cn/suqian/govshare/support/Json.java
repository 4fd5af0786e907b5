package cn.suqian.govshare.support;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.Map;

/** How the test-data builders write request bodies. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** Puts a set value as JSON would carry it: enums by name, dates ISO-8601; leaves unset ones out. */
    static void put(Map<String, Object> body, String field, Object value) {
        if (value instanceof Enum<?> e) {
            body.put(field, e.name());
        } else if (value instanceof LocalDate d) {
            body.put(field, d.toString());
        } else if (value != null) {
            body.put(field, value);
        }
    }

    static String write(Map<String, ?> body) {
        return MAPPER.writeValueAsString(body);
    }
}
