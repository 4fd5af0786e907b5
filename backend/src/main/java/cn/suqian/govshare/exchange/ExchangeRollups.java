package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TransactionLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the hourly, daily and monthly rollups in step with the raw rows, incrementally. What ingest adds (new
 * intervals, op-monitoring differences) it adds to the rollups itself ({@link #addDifferences}); an interval it
 * replaces (a re-sent or corrected one, a recounted bucket) queues its hour. A refresh works through three queues in order: changed
 * hours are recomputed from raw rows and queue their days; changed days are recomputed from the hourly
 * rollup and queue their months; changed months are recomputed from the daily rollup. Each bucket is
 * recomputed once per refresh however many of its parts changed, each chunk is its own transaction, and
 * keys dirtied meanwhile are taken by the next refresh. Works the same with and without TimescaleDB.
 */
@Component
public class ExchangeRollups {

    static final String ZONE = cn.suqian.govshare.web.CityCalendar.ZONE_ID;
    /** Held shared by transactions adding differences to rollup rows, exclusively by those recomputing them. */
    static final String DIFFERENCES_LOCK = "exchange-rollup-differences";
    private static final int CHUNK = 50_000;

    private final Db db;
    private final int workers;
    private final long dayIntervalNanos;
    private final long monthIntervalNanos;
    /** When the scheduled pass last worked through the day and month queues ({@link System#nanoTime()}). */
    private long daysAt = Long.MIN_VALUE / 2;
    private long monthsAt = Long.MIN_VALUE / 2;

    ExchangeRollups(Db db, @Value("${govshare.exchange.rollup-workers:2}") int workers,
                    @Value("${govshare.exchange.rollup-day-interval:PT30S}") Duration dayInterval,
                    @Value("${govshare.exchange.rollup-month-interval:PT1M}") Duration monthInterval) {
        this.db = db;
        this.workers = Math.max(1, workers);
        this.dayIntervalNanos = dayInterval.toNanos();
        this.monthIntervalNanos = monthInterval.toNanos();
    }

    @Scheduled(fixedDelayString = "${govshare.exchange.rollup-interval:PT5S}", initialDelayString = "PT3S")
    // Short: a refresh is safe to run beside another (chunks taken SKIP LOCKED, buckets upserted from committed rows),
    // so a replica that died mid-refresh holds the others up for two minutes at most, not half an hour.
    @SchedulerLock(name = "exchange-rollups", lockAtMostFor = "PT2M")
    public void scheduled() {
        // Hours every pass; days and months at their own, longer intervals. A day is recomputed from all its hours and
        // a month from all its days, so while a back-fill streams in, each pass would read the same day and month
        // again for the few hours added since the last (at 2,000,000 op-monitoring records: each day 2.5 times, the
        // month after every pass). Reads stay current meanwhile: a queued day or month is read from its finer rows.
        Stages due = due(System.nanoTime());
        refresh(due.days(), due.months());
    }

    /** Which coarse stages a scheduled pass works through. */
    record Stages(boolean days, boolean months) {
    }

    /** The coarse stages due at {@code now} ({@link System#nanoTime()}), marked as run. */
    synchronized Stages due(long now) {
        Stages due = new Stages(now - daysAt >= dayIntervalNanos, now - monthsAt >= monthIntervalNanos);
        if (due.days()) {
            daysAt = now;
        }
        if (due.months()) {
            monthsAt = now;
        }
        return due;
    }

    /** Works through all three queues; returns the number of hour buckets recomputed. Blocking. */
    public int refresh() {
        return refresh(true, true);
    }

    private int refresh(boolean days, boolean months) {
        int hours = drainConcurrently(this::hours);
        if (days) {
            drainConcurrently(this::days);
        }
        if (months) {
            drain(this::months);
        }
        return hours;
    }

    /**
     * Works through a queue with {@code govshare.exchange.rollup-workers} transactions side by side (each takes its
     * own chunk, {@code SKIP LOCKED}; rows are written in key order and upserted, so workers neither deadlock nor
     * overwrite each other with stale figures: each recomputes its buckets from the committed finer rows).
     */
    private int drainConcurrently(java.util.function.Function<DSLContext, Integer> stage) {
        if (workers == 1) {
            return drain(stage);
        }
        try (var pool = java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("exchange-rollups-", 0).factory())) {
            List<java.util.concurrent.Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> drain(stage)));
            }
            int total = 0;
            for (var f : running) {
                total += f.get();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rollup interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The same, off the event loop, for a caller that should not wait for the next scheduled round. */
    public Mono<Integer> refreshNow() {
        return Mono.fromCallable(this::refresh).subscribeOn(db.scheduler());
    }

    private int drain(java.util.function.Function<DSLContext, Integer> stage) {
        int total = 0;
        while (true) {
            int n = db.inTransaction(Actor.system("exchange-rollups"), stage);
            total += n;
            if (n < CHUNK) {
                return total;
            }
        }
    }

    int hours(DSLContext dsl) {
        // ingest adds its differences to the rollup rows (see addDifferences) holding this lock shared: a recomputation
        // must not overwrite a difference committed after it read the finer rows
        TransactionLock.take(dsl, DIFFERENCES_LOCK);
        dsl.execute("CREATE TEMP TABLE IF NOT EXISTS rollup_hours (bucket timestamptz, provider_code text, consumer_code text, resource text) ON COMMIT DELETE ROWS");
        dsl.execute("TRUNCATE rollup_hours");
        int taken = dsl.execute("""
                WITH taken AS (
                    DELETE FROM exchange_rollup_dirty
                    WHERE id = ANY (ARRAY(SELECT id FROM exchange_rollup_dirty ORDER BY id LIMIT %d FOR UPDATE SKIP LOCKED))
                    RETURNING bucket, provider_code, consumer_code, resource)
                INSERT INTO rollup_hours SELECT DISTINCT * FROM taken""".formatted(CHUNK));
        if (taken == 0) {
            return 0;
        }
        dsl.execute("ANALYZE rollup_hours"); // a temp table has no statistics; without them the join plan can be a full scan
        dsl.execute("SET LOCAL work_mem = '64MB'"); // a chunk's sort and hash in memory, not spilled to disk
        dsl.execute("""
                INSERT INTO exchange_hourly
                SELECT k.bucket, k.provider_code, k.consumer_code, k.resource, """ + figures("s") + """
                FROM rollup_hours k
                JOIN exchange_stat s ON s.provider_code = k.provider_code AND s.consumer_code = k.consumer_code
                     AND s.resource = k.resource AND s.interval_start >= k.bucket AND s.interval_start < k.bucket + interval '1 hour'
                     -- every source (the column's check allows these two): named, so that the primary key (provider,
                     -- consumer, resource, source, interval_start) bounds each look-up to the hour instead of reading
                     -- all the key's rows in the partitions and filtering them
                     AND s.source IN ('STATS', 'OPMON')
                     -- the hour as a fourth hash key: on the three codes alone, every hour of a key in the chunk
                     -- shared one hash entry and the join filter discarded twenty rows for each kept (EXPLAIN: 809 ->
                     -- 410 ms for a 50,000-bucket chunk, with the work_mem below)
                     AND k.bucket = date_bin('1 hour', s.interval_start, timestamptz '2000-01-01 00:00:00+00')
                -- bounds the scan to the partitions this chunk touches
                WHERE s.interval_start >= (SELECT min(bucket) FROM rollup_hours)
                  AND s.interval_start < (SELECT max(bucket) FROM rollup_hours) + interval '1 hour'
                GROUP BY 1, 2, 3, 4
                ORDER BY 1, 2, 3, 4 -- rows locked in key order: concurrent workers never deadlock
                """ + recomputed("bucket, provider_code, consumer_code, resource"));
        dsl.execute("""
                INSERT INTO exchange_rollup_dirty_day
                SELECT DISTINCT (bucket AT TIME ZONE '%s')::date, provider_code, consumer_code, resource FROM rollup_hours
                ORDER BY 1, 2, 3, 4
                ON CONFLICT DO NOTHING""".formatted(ZONE));
        return taken;
    }

    /** A rollup's figures summed from the finer rows aliased {@code t} (the largest latency as the largest). */
    private static String figures(String t) {
        return "sum(%1$s.calls), sum(%1$s.failed_calls), sum(%1$s.records), sum(%1$s.bytes), sum(%1$s.latency_ms_sum), max(%1$s.latency_ms_max)"
                .formatted(t);
    }

    /** A recomputed rollup row replaces the stored one with that key. */
    private static String recomputed(String key) {
        return " ON CONFLICT (" + key + ") DO UPDATE SET calls = excluded.calls, failed_calls = excluded.failed_calls, "
                + "records = excluded.records, bytes = excluded.bytes, latency_ms_sum = excluded.latency_ms_sum, "
                + "latency_ms_max = excluded.latency_ms_max";
    }

    int days(DSLContext dsl) {
        TransactionLock.take(dsl, DIFFERENCES_LOCK); // see hours()
        dsl.execute("CREATE TEMP TABLE IF NOT EXISTS rollup_days (day date, provider_code text, consumer_code text, resource text) ON COMMIT DELETE ROWS");
        dsl.execute("TRUNCATE rollup_days");
        int taken = dsl.execute("""
                WITH taken AS (
                    DELETE FROM exchange_rollup_dirty_day
                    WHERE ctid = ANY (ARRAY(SELECT ctid FROM exchange_rollup_dirty_day
                                            ORDER BY day, provider_code, consumer_code, resource LIMIT %d FOR UPDATE SKIP LOCKED))
                    RETURNING day, provider_code, consumer_code, resource)
                INSERT INTO rollup_days SELECT * FROM taken""".formatted(CHUNK));
        if (taken == 0) {
            return 0;
        }
        dsl.execute("ANALYZE rollup_days");
        // One day at a time, each reading that day's hours once (a range of exchange_hourly's primary key, which leads
        // with the hour) and hashing them against the day's dirty flows. Joining the whole chunk at once, the planner
        // misjudged the day-equality as matching almost nothing and looked each dirty flow-day up through the
        // provider's index, reading every flow of that provider that day: 26,153 look-ups discarding 474 rows each,
        // 2.5–3.5 s a chunk (8 s at 2M op-monitoring records) — the largest single cost of op-monitoring ingest.
        // A nested loop is therefore ruled out for these statements; days are literals, so each is planned with the
        // day's real row counts.
        dsl.execute("SET LOCAL enable_nestloop = off");
        for (LocalDate day : dsl.fetch("SELECT DISTINCT day FROM rollup_days ORDER BY 1").getValues(0, LocalDate.class)) {
            dsl.execute("""
                    INSERT INTO exchange_daily
                    SELECT k.day, k.provider_code, k.consumer_code, k.resource, """ + figures("h") + """
                    FROM rollup_days k
                    JOIN exchange_hourly h ON h.provider_code = k.provider_code AND h.consumer_code = k.consumer_code
                         AND h.resource = k.resource
                    WHERE k.day = DATE '%1$s'
                      AND h.bucket >= (DATE '%1$s'::timestamp AT TIME ZONE '%2$s')
                      AND h.bucket < ((DATE '%1$s' + 1)::timestamp AT TIME ZONE '%2$s')
                    GROUP BY 1, 2, 3, 4
                    ORDER BY 1, 2, 3, 4
                    """.formatted(day, ZONE) + recomputed("day, provider_code, consumer_code, resource"));
        }
        dsl.execute("SET LOCAL enable_nestloop = on");
        dsl.execute("""
                INSERT INTO exchange_rollup_dirty_month
                SELECT DISTINCT date_trunc('month', day)::date, provider_code, consumer_code FROM rollup_days
                ORDER BY 1, 2, 3
                ON CONFLICT DO NOTHING""");
        return taken;
    }

    int months(DSLContext dsl) {
        TransactionLock.take(dsl, DIFFERENCES_LOCK); // see hours()
        dsl.execute("CREATE TEMP TABLE IF NOT EXISTS rollup_months (month date, provider_code text, consumer_code text) ON COMMIT DELETE ROWS");
        dsl.execute("TRUNCATE rollup_months");
        int taken = dsl.execute("""
                WITH taken AS (
                    DELETE FROM exchange_rollup_dirty_month
                    WHERE ctid = ANY (ARRAY(SELECT ctid FROM exchange_rollup_dirty_month
                                            ORDER BY month, provider_code, consumer_code LIMIT %d FOR UPDATE SKIP LOCKED))
                    RETURNING month, provider_code, consumer_code)
                INSERT INTO rollup_months SELECT * FROM taken""".formatted(CHUNK));
        if (taken == 0) {
            return 0;
        }
        dsl.execute("ANALYZE rollup_months");
        // One month at a time, the month a literal, so the planner knows how many of that month's days it reads; the
        // sort and hash in memory. Joining the chunk at once, it estimated one day per dirty flow, looked each up through
        // the provider's index (six rows discarded for each kept) and sorted the result on disk: 1.5 s a statement at
        // 2,000,000 op-monitoring records, run after every batch because every batch dirties the current month.
        dsl.execute("SET LOCAL work_mem = '64MB'");
        for (LocalDate month : dsl.fetch("SELECT DISTINCT month FROM rollup_months ORDER BY 1").getValues(0, LocalDate.class)) {
            dsl.execute("""
                    INSERT INTO exchange_monthly_flow
                    SELECT k.month, k.provider_code, k.consumer_code, """ + figures("d") + """
                    FROM rollup_months k
                    JOIN exchange_daily d ON d.provider_code = k.provider_code AND d.consumer_code = k.consumer_code
                    WHERE k.month = DATE '%1$s'
                      AND d.day >= DATE '%1$s' AND d.day < (DATE '%1$s' + interval '1 month')::date
                    GROUP BY 1, 2, 3
                    ORDER BY 1, 2, 3
                    """.formatted(month) + recomputed("month, provider_code, consumer_code"));
        }
        return taken;
    }

    /** A rollup row's key: the hour, day or month (the first), the flow, and the resource where the level has one. */
    private record Key(Comparable<?> time, String provider, String consumer, String resource) {
    }

    /** Key order: rows are written in it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Key> KEY_ORDER = (a, b) -> {
        int c = ((Comparable) a.time()).compareTo(b.time());
        if (c == 0) {
            c = a.provider().compareTo(b.provider());
        }
        if (c == 0) {
            c = a.consumer().compareTo(b.consumer());
        }
        if (c == 0 && a.resource() != null) {
            c = a.resource().compareTo(b.resource());
        }
        return c;
    };

    /**
     * Adds what ingest adds to the 5-minute statistics — new intervals ({@link StatsMerge#merge} when none existed),
     * op-monitoring differences ({@link StatsMerge#add}, {@link StatsMerge#change}) — straight to the hourly, daily and
     * monthly rows they fall in, in the ingest's transaction: nothing is queued, so the rollups are current when it
     * commits and never fall behind it, and nothing is read back. Sums are added and the largest latency kept as the
     * larger: exact, because these differences never lower a maximum (a replaced interval, or an op-monitoring change
     * that could lower one, goes through the queue and a recomputation instead). Adders hold {@link #DIFFERENCES_LOCK}
     * shared — their additions commute, rows are written in key order — and the stages that recompute from finer rows
     * hold it exclusively, so neither overwrites the other.
     */
    static void addDifferences(DSLContext dsl, List<StatsMerge.Attributed> rows) {
        if (rows.isEmpty()) {
            return;
        }
        TransactionLock.takeShared(dsl, DIFFERENCES_LOCK);
        ZoneId zone = ZoneId.of(ZONE);
        Map<Key, long[]> hours = new TreeMap<>(KEY_ORDER);
        Map<Key, long[]> days = new TreeMap<>(KEY_ORDER);
        Map<Key, long[]> months = new TreeMap<>(KEY_ORDER);
        for (StatsMerge.Attributed a : rows) {
            IntervalStat s = a.stat();
            OffsetDateTime hour = s.intervalStart().withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.HOURS);
            LocalDate day = hour.atZoneSameInstant(zone).toLocalDate();
            long[] figures = {s.calls(), s.failedCalls(), s.records(), s.bytes(), s.latencyMsSum(), s.latencyMsMax()};
            add(hours, new Key(hour, a.providerOrg(), a.consumerOrg(), s.resource()), figures);
            add(days, new Key(day, a.providerOrg(), a.consumerOrg(), s.resource()), figures);
            add(months, new Key(day.withDayOfMonth(1), a.providerOrg(), a.consumerOrg(), null), figures);
        }
        upsert(dsl, Level.HOUR, hours);
        upsert(dsl, Level.DAY, days);
        upsert(dsl, Level.MONTH, months);
    }

    /** A rollup level as its difference upsert writes it: table, time column and its type, whether rows have a resource. */
    private enum Level {
        HOUR("exchange_hourly", "bucket", "timestamptz", true),
        DAY("exchange_daily", "day", "date", true),
        MONTH("exchange_monthly_flow", "month", "date", false);

        final String table;
        final String time;
        final String timeType;
        final boolean withResource;

        Level(String table, String time, String timeType, boolean withResource) {
            this.table = table;
            this.time = time;
            this.timeType = timeType;
            this.withResource = withResource;
        }
    }

    private static void add(Map<Key, long[]> level, Key key, long[] figures) {
        long[] sum = level.computeIfAbsent(key, k -> new long[6]);
        for (int i = 0; i < 5; i++) {
            sum[i] += figures[i];
        }
        sum[5] = Math.max(sum[5], figures[5]);
    }

    /** One statement per level: the differences as arrays ({@code unnest}), added to the rows with those keys. */
    private static void upsert(DSLContext dsl, Level level, Map<Key, long[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Object[] times = level == Level.HOUR ? new OffsetDateTime[n] : new LocalDate[n];
        String[] providers = new String[n];
        String[] consumers = new String[n];
        String[] resources = new String[n];
        Long[][] sums = new Long[5][n];
        Integer[] maxima = new Integer[n];
        int i = 0;
        for (var e : rows.entrySet()) {
            times[i] = e.getKey().time();
            providers[i] = e.getKey().provider();
            consumers[i] = e.getKey().consumer();
            resources[i] = e.getKey().resource();
            for (int f = 0; f < 5; f++) {
                sums[f][i] = e.getValue()[f];
            }
            maxima[i] = (int) Math.min(Integer.MAX_VALUE, e.getValue()[5]);
            i++;
        }
        List<Object> binds = new ArrayList<>(List.of(DSL.val(times), DSL.val(providers), DSL.val(consumers)));
        List<String> types = new ArrayList<>(List.of(level.timeType, "text", "text"));
        if (level.withResource) {
            binds.add(DSL.val(resources));
            types.add("text");
        }
        for (Long[] sum : sums) {
            binds.add(DSL.val(sum));
            types.add("bigint");
        }
        binds.add(DSL.val(maxima));
        types.add("integer");
        StringBuilder arrays = new StringBuilder();
        for (int p = 0; p < types.size(); p++) {
            arrays.append(p == 0 ? "" : ", ").append('{').append(p).append("}::").append(types.get(p)).append("[]");
        }
        String key = level.time + ", provider_code, consumer_code" + (level.withResource ? ", resource" : "");
        dsl.execute(("INSERT INTO %1$s (" + key + ", calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max) "
                + "SELECT * FROM unnest(" + arrays + ") "
                + "ON CONFLICT (" + key + ") DO UPDATE SET calls = %1$s.calls + excluded.calls, "
                + "failed_calls = %1$s.failed_calls + excluded.failed_calls, records = %1$s.records + excluded.records, "
                + "bytes = %1$s.bytes + excluded.bytes, latency_ms_sum = %1$s.latency_ms_sum + excluded.latency_ms_sum, "
                + "latency_ms_max = greatest(%1$s.latency_ms_max, excluded.latency_ms_max)").formatted(level.table), binds.toArray());
    }
}
