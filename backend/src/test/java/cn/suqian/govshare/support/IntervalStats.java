package cn.suqian.govshare.support;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exchange interval statistics as the exchange platform sends them (the ingest API's field names):
 * {@code anInterval()} is five minutes of water-bureau data read by the e-government office, with
 * records, bytes and latency in proportion to the calls; a test changes only what it is about.
 */
public final class IntervalStats {

    private IntervalStats() {
    }

    public static Builder anInterval() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {
            fields.put("intervalStart", "2026-11-28T10:05:00+08:00");
            fields.put("intervalSeconds", 300);
            fields.put("provider", "water");
            fields.put("consumer", "egov");
            fields.put("resource", "301001/000001");
            calls(100, 0);
        }

        public Builder start(OffsetDateTime start) { return set("intervalStart", start.toString()); }
        public Builder seconds(int seconds) { return set("intervalSeconds", seconds); }
        public Builder provider(String provider) { return set("provider", provider); }
        public Builder consumer(String consumer) { return set("consumer", consumer); }
        public Builder resource(String resource) { return set("resource", resource); }
        public Builder latencyMsSum(long sum) { return set("latencyMsSum", sum); }
        public Builder latencyMsMax(long max) { return set("latencyMsMax", max); }

        /** Calls and failures, with 10 records, 1000 bytes and 50 ms per call and a 200 ms maximum. */
        public Builder calls(long calls, long failed) {
            set("calls", calls).set("failedCalls", failed).set("records", calls * 10).set("bytes", calls * 1000);
            return set("latencyMsSum", calls * 50).set("latencyMsMax", 200);
        }

        /** Any field by its API name, as text or number; null leaves it out. */
        public Builder set(String field, Object value) {
            if (value == null) {
                fields.remove(field);
            } else {
                fields.put(field, value);
            }
            return this;
        }

        /** The fields as text, as the ingest parser sees them. */
        public Map<String, String> fields() {
            Map<String, String> text = new LinkedHashMap<>();
            fields.forEach((k, v) -> text.put(k, String.valueOf(v)));
            return text;
        }

        /** One JSON object, as in a JSON array or an NDJSON line. */
        public String json() {
            return Json.write(fields);
        }
    }
}
