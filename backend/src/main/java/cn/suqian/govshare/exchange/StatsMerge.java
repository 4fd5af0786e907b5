package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Copy;
import cn.suqian.govshare.db.TimeSeriesStorage;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;

/**
 * Writes attributed interval statistics inside the caller's transaction, by the fastest safe path: new
 * intervals are {@code COPY}-ed straight into {@code exchange_stat}; if any of them already exists (a
 * re-sent interval), that attempt is rolled back to a savepoint and the batch goes through a staging table
 * and one set-based upsert instead, so re-sent intervals replace the earlier ones. The touched hour buckets
 * are appended to the rollup queue, and systems seen in traffic get their last-seen time.
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
    record Attributed(IntervalStat stat, StatSource source, String providerOrg, String consumerOrg, String providerSystem,
                      String consumerSystem) {
    }

    int merge(DSLContext dsl, List<Attributed> rows, UUID batchId) {
        if (rows.isEmpty()) {
            return 0;
        }
        OffsetDateTime min = null;
        OffsetDateTime max = null;
        StringBuilder csv = new StringBuilder(rows.size() * 160);
        StringBuilder dirty = new StringBuilder(rows.size() * 60);
        Set<String> dirtyKeys = new LinkedHashSet<>();
        Map<String, OffsetDateTime> seen = new HashMap<>();
        for (Attributed a : rows) {
            IntervalStat s = a.stat();
            OffsetDateTime start = s.intervalStart().withOffsetSameInstant(ZoneOffset.UTC);
            min = min == null || start.isBefore(min) ? start : min;
            max = max == null || start.isAfter(max) ? start : max;
            Copy.field(csv, start, false);
            Copy.field(csv, s.intervalSeconds(), false);
            Copy.field(csv, EXCHANGE_STAT.SOURCE.getConverter().to(a.source()), false);
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
            OffsetDateTime hour = start.truncatedTo(ChronoUnit.HOURS);
            if (dirtyKeys.add(hour + "\u0001" + a.providerOrg() + "\u0001" + a.consumerOrg() + "\u0001" + s.resource())) {
                Copy.field(dirty, hour, false);
                Copy.field(dirty, a.providerOrg(), false);
                Copy.field(dirty, a.consumerOrg(), false);
                Copy.field(dirty, s.resource(), true);
            }
            if (s.calls() > 0) {
                for (String system : new String[]{a.providerSystem(), a.consumerSystem()}) {
                    if (system != null) {
                        seen.merge(system, start, (x, y) -> x.isAfter(y) ? x : y);
                    }
                }
            }
        }
        storage.ensurePartitions(dsl, "exchange_stat", min, max.plusSeconds(1));
        if (!Copy.csvIntoUnlessDuplicate(dsl, "exchange_stat", COLUMNS, csv)) {
            upsertThroughStaging(dsl, csv);
        }
        Copy.csvInto(dsl, "exchange_rollup_dirty", "bucket, provider_code, consumer_code, resource", dirty);
        if (!seen.isEmpty()) {
            var t = cn.suqian.govshare.db.schema.Tables.EXCHANGE_SYSTEM_ACTIVITY;
            var insert = dsl.insertInto(t, t.SYSTEM_CODE, t.LAST_SEEN);
            for (var e : seen.entrySet()) {
                insert = insert.values(e.getKey(), e.getValue());
            }
            insert.onConflict(t.SYSTEM_CODE).doUpdate()
                    .set(t.LAST_SEEN, DSL.greatest(t.LAST_SEEN, DSL.excluded(t.LAST_SEEN)))
                    .execute();
        }
        return rows.size();
    }

    private static void upsertThroughStaging(DSLContext dsl, CharSequence csv) {
        dsl.execute("""
                CREATE TEMP TABLE IF NOT EXISTS exchange_stat_staging (
                    interval_start timestamptz, interval_seconds integer, source text, provider_code text, consumer_code text,
                    resource text, provider_system_code text, consumer_system_code text, calls bigint, failed_calls bigint,
                    records bigint, bytes bigint, latency_ms_sum bigint, latency_ms_max integer, batch_id uuid
                ) ON COMMIT DELETE ROWS""");
        dsl.execute("TRUNCATE exchange_stat_staging");
        Copy.csvInto(dsl, "exchange_stat_staging", COLUMNS, csv);
        dsl.execute("INSERT INTO exchange_stat (" + COLUMNS + ") SELECT " + COLUMNS + " FROM exchange_stat_staging "
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
    }
}
