package cn.suqian.govshare.connection;

import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_SETTING;

/** The thresholds of connection status, as stored (connection_setting, audited), read inside the caller's transaction. */
record ConnectionSettings(double heartbeatTolerance, double connectedThresholdPercent, int resendMinutes, double jitterPercent,
                          int rawRetentionDays, int probeConcurrency, int zombieMinConfidence) {

    static ConnectionSettings read(DSLContext dsl) {
        Map<String, BigDecimal> v = new HashMap<>();
        dsl.selectFrom(CONNECTION_SETTING).forEach(r -> v.put(r.getName(), r.getValue()));
        return new ConnectionSettings(d(v, "heartbeat_tolerance", 2.5), d(v, "connected_threshold_percent", 95),
                (int) d(v, "resend_minutes", 60), d(v, "jitter_percent", 10), (int) d(v, "raw_retention_days", 14),
                (int) d(v, "probe_concurrency", 512), (int) d(v, "zombie_min_confidence", 1));
    }

    static Map<String, BigDecimal> all(DSLContext dsl) {
        Map<String, BigDecimal> v = new java.util.TreeMap<>();
        dsl.selectFrom(CONNECTION_SETTING).forEach(r -> v.put(r.getName(), r.getValue()));
        return v;
    }

    private static double d(Map<String, BigDecimal> v, String name, double fallback) {
        BigDecimal b = v.get(name);
        return b == null ? fallback : b.doubleValue();
    }
}
