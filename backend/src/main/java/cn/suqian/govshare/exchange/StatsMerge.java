package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Copy;
import cn.suqian.govshare.db.TimeSeriesStorage;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes attributed interval statistics: {@code COPY} into a per-connection staging table, then one
 * set-based upsert into {@code exchange_stat} (re-sent intervals replace earlier ones) and one insert of
 * the touched hour buckets into the rollup queue. Runs inside the caller's transaction.
 */
@Component
class StatsMerge {

    static final String COLUMNS = "interval_start, interval_seconds, source, provider_code, consumer_code, resource, "
            + "provider_system_code, consumer_system_code, calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max, batch_id";

    private final TimeSeriesStorage storage;

    StatsMerge(TimeSeriesStorage storage) {
        this.storage = storage;
    }

    /** An interval attributed to organisations (and systems where known), from one source. */
    record Attributed(IntervalStat stat, String source, String providerOrg, String consumerOrg, String providerSystem,
                      String consumerSystem) {
    }

    int merge(DSLContext dsl, List<Attributed> rows, UUID batchId) {
        if (rows.isEmpty()) {
            return 0;
        }
        OffsetDateTime min = rows.getFirst().stat().intervalStart();
        OffsetDateTime max = min;
        StringBuilder csv = new StringBuilder(rows.size() * 160);
        for (Attributed a : rows) {
            IntervalStat s = a.stat();
            OffsetDateTime start = s.intervalStart().withOffsetSameInstant(ZoneOffset.UTC);
            if (start.isBefore(min)) {
                min = start;
            }
            if (start.isAfter(max)) {
                max = start;
            }
            Copy.field(csv, start, false);
            Copy.field(csv, s.intervalSeconds(), false);
            Copy.field(csv, a.source(), false);
            Copy.field(csv, a.providerOrg(), false);
            Copy.field(csv, a.consumerOrg(), false);
            Copy.field(csv, s.resource(), false);
            Copy.field(csv, a.providerSystem(), false);
            Copy.field(csv, a.consumerSystem(), false);
            Copy.field(csv, s.calls(), false);
            Copy.field(csv, s.failedCalls(), false);
            Copy.field(csv, s.records(), false);
            Copy.field(csv, s.bytes(), false);
            Copy.field(csv, s.latencyMsSum(), false);
            Copy.field(csv, s.latencyMsMax(), false);
            Copy.field(csv, batchId, true);
        }
        storage.ensurePartitions(dsl, "exchange_stat", min, max.plusSeconds(1));
        dsl.execute("""
                CREATE TEMP TABLE IF NOT EXISTS exchange_stat_staging (
                    interval_start timestamptz, interval_seconds integer, source text, provider_code text, consumer_code text,
                    resource text, provider_system_code text, consumer_system_code text, calls bigint, failed_calls bigint,
                    records bigint, bytes bigint, latency_ms_sum bigint, latency_ms_max integer, batch_id uuid
                ) ON COMMIT DELETE ROWS""");
        dsl.execute("TRUNCATE exchange_stat_staging");
        Copy.csvInto(dsl, "exchange_stat_staging", COLUMNS, csv);
        int merged = dsl.execute("INSERT INTO exchange_stat (" + COLUMNS + ") SELECT " + COLUMNS + " FROM exchange_stat_staging "
                + """
                ON CONFLICT (provider_code, consumer_code, resource, source, interval_start) DO UPDATE SET
                    interval_seconds = EXCLUDED.interval_seconds,
                    provider_system_code = EXCLUDED.provider_system_code,
                    consumer_system_code = EXCLUDED.consumer_system_code,
                    calls = EXCLUDED.calls,
                    failed_calls = EXCLUDED.failed_calls,
                    records = EXCLUDED.records,
                    bytes = EXCLUDED.bytes,
                    latency_ms_sum = EXCLUDED.latency_ms_sum,
                    latency_ms_max = EXCLUDED.latency_ms_max,
                    batch_id = EXCLUDED.batch_id,
                    received_at = now()""");
        dsl.execute("""
                INSERT INTO exchange_rollup_dirty (bucket, provider_code, consumer_code, resource)
                SELECT DISTINCT date_trunc('hour', interval_start, 'UTC'), provider_code, consumer_code, resource
                FROM exchange_stat_staging
                ON CONFLICT DO NOTHING""");
        dsl.execute("""
                INSERT INTO exchange_system_activity (system_code, last_seen)
                SELECT system_code, max(interval_start) FROM (
                    SELECT provider_system_code AS system_code, interval_start FROM exchange_stat_staging WHERE calls > 0
                    UNION ALL
                    SELECT consumer_system_code, interval_start FROM exchange_stat_staging WHERE calls > 0) s
                WHERE system_code IS NOT NULL GROUP BY system_code
                ON CONFLICT (system_code) DO UPDATE SET last_seen = greatest(exchange_system_activity.last_seen, EXCLUDED.last_seen)""");
        return merged;
    }
}
