package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.BinaryRows;
import cn.suqian.govshare.db.Copy;
import cn.suqian.govshare.db.TimeSeriesStorage;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
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

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ROLLUP_DIRTY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SYSTEM_ACTIVITY;

/**
 * Writes attributed interval statistics inside the caller's transaction, by the fastest safe path: new
 * intervals are {@code COPY}-ed straight into {@code exchange_stat}; if any of them already exists (a
 * re-sent interval), that attempt is rolled back to a savepoint and the batch goes through a staging table
 * and one set-based upsert instead, so re-sent intervals replace the earlier ones. The touched hour buckets
 * of replaced intervals are appended to the rollup queue; new intervals and differences (see {@link #add}) are added
 * to the rollups at once ({@link ExchangeRollups#addDifferences}). Systems seen in traffic get their last-seen time.
 */
@Component
class StatsMerge {

    /** The columns a merge writes, in the order it copies them (binary COPY). */
    static final List<Field<?>> COLUMNS = List.of(EXCHANGE_STAT.INTERVAL_START, EXCHANGE_STAT.INTERVAL_SECONDS,
            EXCHANGE_STAT.SOURCE, EXCHANGE_STAT.PROVIDER_CODE, EXCHANGE_STAT.CONSUMER_CODE, EXCHANGE_STAT.RESOURCE,
            EXCHANGE_STAT.PROVIDER_SYSTEM_CODE, EXCHANGE_STAT.CONSUMER_SYSTEM_CODE, EXCHANGE_STAT.CALLS, EXCHANGE_STAT.FAILED_CALLS,
            EXCHANGE_STAT.RECORDS, EXCHANGE_STAT.BYTES, EXCHANGE_STAT.LATENCY_MS_SUM, EXCHANGE_STAT.LATENCY_MS_MAX,
            EXCHANGE_STAT.BATCH_ID);

    static final List<Field<?>> DIRTY_COLUMNS = List.of(EXCHANGE_ROLLUP_DIRTY.BUCKET, EXCHANGE_ROLLUP_DIRTY.PROVIDER_CODE,
            EXCHANGE_ROLLUP_DIRTY.CONSUMER_CODE, EXCHANGE_ROLLUP_DIRTY.RESOURCE);

    /** A session's temporary copy of those columns, emptied at commit. */
    private static final Name STAGING = DSL.name("exchange_stat_staging");

    private final TimeSeriesStorage storage;

    StatsMerge(TimeSeriesStorage storage) {
        this.storage = storage;
    }

    /** An interval attributed to organisations (and systems where known), from one source. */
    record Attributed(IntervalStat stat, StatSource source, String providerOrg, String consumerOrg, String providerSystem,
                      String consumerSystem) {
    }

    /** Writes intervals that replace what is stored for them (a re-sent interval, a recounted bucket). */
    int merge(DSLContext dsl, List<Attributed> rows, UUID batchId) {
        return write(dsl, rows, batchId, Mode.REPLACE);
    }

    /**
     * Adds differences to what is stored (a new interval is stored as given): calls, failed calls, records, bytes and
     * latency sum are added, the largest latency and the system codes are the larger of the two. The caller keeps
     * those writing the same intervals apart (op-monitoring counts under its pairing lock) and gives rows in key order.
     */
    int add(DSLContext dsl, List<Attributed> rows, UUID batchId) {
        return write(dsl, rows, batchId, Mode.ADD);
    }

    /**
     * Adds signed differences to intervals that are stored (a call whose other half arrived: its figures change, its
     * count does not), the largest latency and system codes as in {@link #add}. Same caller duties as {@link #add}.
     */
    int change(DSLContext dsl, List<Attributed> rows, UUID batchId) {
        return write(dsl, rows, batchId, Mode.CHANGE);
    }

    /** How written rows meet stored ones: replace them, add to them (or be stored), or change them (stored only). */
    private enum Mode { REPLACE, ADD, CHANGE }

    private int write(DSLContext dsl, List<Attributed> rows, UUID batchId, Mode mode) {
        if (rows.isEmpty()) {
            return 0;
        }
        OffsetDateTime min = null;
        OffsetDateTime max = null;
        BinaryRows binary = new BinaryRows(rows.size() * 160);
        Map<String, OffsetDateTime> seen = new HashMap<>();
        for (Attributed a : rows) {
            IntervalStat s = a.stat();
            OffsetDateTime start = s.intervalStart().withOffsetSameInstant(ZoneOffset.UTC);
            min = min == null || start.isBefore(min) ? start : min;
            max = max == null || start.isAfter(max) ? start : max;
            binary.row(COLUMNS.size()).timestamptz(start).int4(s.intervalSeconds()).value(BinaryRows.Kind.TEXT, EXCHANGE_STAT.SOURCE.getConverter().to(a.source()))
                    .text(a.providerOrg()).text(a.consumerOrg()).text(s.resource())
                    .value(BinaryRows.Kind.TEXT, a.providerSystem()).value(BinaryRows.Kind.TEXT, a.consumerSystem())
                    .int8(s.calls()).int8(s.failedCalls()).int8(s.records()).int8(s.bytes()).int8(s.latencyMsSum())
                    .int4(s.latencyMsMax()).value(BinaryRows.Kind.UUID, batchId);
            if (s.calls() > 0) {
                for (String system : new String[]{a.providerSystem(), a.consumerSystem()}) {
                    if (system != null) {
                        seen.merge(system, start, (x, y) -> x.isAfter(y) ? x : y);
                    }
                }
            }
        }
        storage.ensurePartitions(dsl, EXCHANGE_STAT, min, max.plusSeconds(1));
        boolean allNew = mode == Mode.REPLACE && Copy.binaryIntoUnlessDuplicate(dsl, EXCHANGE_STAT, COLUMNS, binary);
        if (mode != Mode.REPLACE || !allNew) {
            throughStaging(dsl, binary, mode); // differences nearly always meet a stored interval: no COPY attempt to undo
        }
        if (mode == Mode.REPLACE && !allNew) {
            queueHours(dsl, rows); // replaced intervals: the rollups recompute these hours
        } else {
            ExchangeRollups.addDifferences(dsl, rows); // new intervals and differences: added to the rollups at once
        }
        if (!seen.isEmpty()) {
            var t = EXCHANGE_SYSTEM_ACTIVITY;
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

    /** Appends the hour buckets of these intervals to the rollup queue, each once. */
    private static void queueHours(DSLContext dsl, List<Attributed> rows) {
        StringBuilder dirty = new StringBuilder(rows.size() * 60);
        Set<String> keys = new LinkedHashSet<>();
        for (Attributed a : rows) {
            OffsetDateTime hour = a.stat().intervalStart().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
            if (keys.add(hour + "\u0001" + a.providerOrg() + "\u0001" + a.consumerOrg() + "\u0001" + a.stat().resource())) {
                Copy.field(dirty, hour, false);
                Copy.field(dirty, a.providerOrg(), false);
                Copy.field(dirty, a.consumerOrg(), false);
                Copy.field(dirty, a.stat().resource(), true);
            }
        }
        Copy.csvInto(dsl, EXCHANGE_ROLLUP_DIRTY, DIRTY_COLUMNS, dirty);
    }

    private static void throughStaging(DSLContext dsl, BinaryRows rows, Mode mode) {
        Table<Record> staging = DSL.table(STAGING);
        dsl.createTemporaryTableIfNotExists(staging)
                .columns(COLUMNS.stream().<Field<?>>map(c -> DSL.field(DSL.name(c.getName()), c.getDataType().nullable(true))).toList())
                .onCommitDeleteRows()
                .execute();
        dsl.truncate(staging).execute();
        Copy.binaryInto(dsl, staging, COLUMNS, rows);
        var s = EXCHANGE_STAT;
        if (mode == Mode.CHANGE) { // signed differences: an UPDATE (an insert's row would be checked, and refused, first)
            dsl.update(s).set(assignments(mode, new Incoming() {
                        public <T> Field<T> of(Field<T> column) {
                            return staged(column);
                        }
                    })).from(staging)
                    .where(s.INTERVAL_START.eq(staged(s.INTERVAL_START))).and(s.SOURCE.eq(staged(s.SOURCE)))
                    .and(s.PROVIDER_CODE.eq(staged(s.PROVIDER_CODE))).and(s.CONSUMER_CODE.eq(staged(s.CONSUMER_CODE)))
                    .and(s.RESOURCE.eq(staged(s.RESOURCE)))
                    .execute();
            return;
        }
        dsl.insertInto(s).columns(COLUMNS).select(DSL.select(COLUMNS.stream().<Field<?>>map(StatsMerge::staged).toList()).from(staging))
                .onConflict(s.PROVIDER_CODE, s.CONSUMER_CODE, s.RESOURCE, s.SOURCE, s.INTERVAL_START).doUpdate()
                .set(assignments(mode, new Incoming() {
                    public <T> Field<T> of(Field<T> column) {
                        return DSL.excluded(column);
                    }
                }))
                .execute();
    }

    /** The incoming value of a column: the staging table's (update) or the refused insert's (upsert). */
    private interface Incoming {
        <T> Field<T> of(Field<T> column);
    }

    /** What a stored interval becomes: the incoming values (replace), or the stored ones plus the incoming. */
    private static Map<Field<?>, Field<?>> assignments(Mode mode, Incoming in) {
        var s = EXCHANGE_STAT;
        boolean replace = mode == Mode.REPLACE;
        Map<Field<?>, Field<?>> set = new java.util.LinkedHashMap<>();
        set.put(s.INTERVAL_SECONDS, in.of(s.INTERVAL_SECONDS));
        for (Field<String> code : List.of(s.PROVIDER_SYSTEM_CODE, s.CONSUMER_SYSTEM_CODE)) {
            set.put(code, replace ? in.of(code) : DSL.greatest(code, in.of(code)));
        }
        for (Field<Long> sum : List.of(s.CALLS, s.FAILED_CALLS, s.RECORDS, s.BYTES, s.LATENCY_MS_SUM)) {
            set.put(sum, replace ? in.of(sum) : sum.plus(in.of(sum)));
        }
        set.put(s.LATENCY_MS_MAX, replace ? in.of(s.LATENCY_MS_MAX) : DSL.greatest(s.LATENCY_MS_MAX, in.of(s.LATENCY_MS_MAX)));
        set.put(s.BATCH_ID, in.of(s.BATCH_ID));
        set.put(s.RECEIVED_AT, DSL.currentOffsetDateTime());
        return set;
    }

    /** A column of the staging table. */
    private static <T> Field<T> staged(Field<T> column) {
        return DSL.field(STAGING.append(column.getName()), column.getDataType());
    }
}
