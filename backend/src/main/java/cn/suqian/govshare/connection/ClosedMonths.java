package cn.suqian.govshare.connection;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_MONTHLY;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_ROLLUP_REVISION;

/**
 * Every target's monthly rollup of months that have ended, kept in memory: a year of availability for thousands
 * of targets then reads only the open month from the database. A closed month hardly ever changes, and when it
 * does (a late check, a maintenance window entered after the fact, a correction) a trigger bumps its revision in
 * {@code connection_rollup_revision}; each read compares revisions in its own transaction and re-reads a month
 * whose revision moved, so every replica answers from what is stored. A month counts as closed one hour after
 * it ended (clocks of replicas and in-flight transactions); the open months are always read live.
 */
@Component
class ClosedMonths {

    /** A month's sums per target: up, down, maintenance seconds, checks, failures. */
    record Month(long revision, Map<String, long[]> sums) {
    }

    static final int MAX_MONTHS = 60;

    private final Map<LocalDate, Month> months = new ConcurrentHashMap<>();

    /** The first month that is not yet closed at {@code now}: it and later ones are read live. */
    static LocalDate firstOpenMonth(OffsetDateTime now) {
        return now.minusHours(1).atZoneSameInstant(ConnectionMonitor.ZONE).toLocalDate().withDayOfMonth(1);
    }

    // revisions first, then the rows: a change committed in between is read with the older revision and read again next time
    private static Map<LocalDate, Long> revisions(DSLContext dsl, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> revisions = new HashMap<>();
        dsl.select(CONNECTION_ROLLUP_REVISION.MONTH, CONNECTION_ROLLUP_REVISION.REVISION).from(CONNECTION_ROLLUP_REVISION)
                .where(CONNECTION_ROLLUP_REVISION.MONTH.ge(from)).and(CONNECTION_ROLLUP_REVISION.MONTH.lt(to))
                .forEach(r -> revisions.put(r.value1(), r.value2()));
        return revisions;
    }

    private Map<LocalDate, Map<String, long[]>> read(DSLContext dsl, LocalDate from, LocalDate to, Map<LocalDate, Long> revisions) {
        Map<LocalDate, Map<String, long[]>> out = new HashMap<>();
        for (LocalDate m = from; m.isBefore(to); m = m.plusMonths(1)) {
            long revision = revisions.getOrDefault(m, 0L);
            Month cached = months.get(m);
            if (cached == null || cached.revision() != revision) {
                cached = new Month(revision, load(dsl, m));
                if (months.size() >= MAX_MONTHS) {
                    months.keySet().stream().min(LocalDate::compareTo).ifPresent(months::remove);
                }
                months.put(m, cached);
            }
            out.put(m, cached.sums());
        }
        return out;
    }

    private static Map<String, long[]> load(DSLContext dsl, LocalDate month) {
        Map<String, long[]> sums = new HashMap<>();
        dsl.select(CONNECTION_MONTHLY.TARGET_CODE, CONNECTION_MONTHLY.UP_SECONDS, CONNECTION_MONTHLY.DOWN_SECONDS,
                        CONNECTION_MONTHLY.MAINTENANCE_SECONDS, CONNECTION_MONTHLY.CHECKS, CONNECTION_MONTHLY.FAILURES)
                .from(CONNECTION_MONTHLY).where(CONNECTION_MONTHLY.MONTH.eq(month))
                .forEach(r -> sums.put(r.value1(), new long[]{r.value2(), r.value3(), r.value4(), r.value5(), r.value6()}));
        return sums;
    }

    private record Range(List<Long> revisions, Map<String, long[]> sums) {
    }

    private final Map<String, Range> ranges = new ConcurrentHashMap<>();

    /**
     * The closed months in [from, to) summed per target (up, down, maintenance seconds, checks, failures), as of
     * this transaction: one lookup per target however many months the period spans.
     */
    Map<String, long[]> sums(DSLContext dsl, LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            return Map.of();
        }
        Map<LocalDate, Long> revisions = revisions(dsl, from, to);
        List<Long> key = new java.util.ArrayList<>();
        for (LocalDate m = from; m.isBefore(to); m = m.plusMonths(1)) {
            key.add(revisions.getOrDefault(m, 0L));
        }
        String range = from + "/" + to;
        Range cached = ranges.get(range);
        if (cached != null && cached.revisions().equals(key)) {
            return cached.sums();
        }
        Map<String, long[]> sums = new HashMap<>();
        read(dsl, from, to, revisions).values().forEach(month -> month.forEach((target, m) -> {
            long[] t = sums.computeIfAbsent(target, x -> new long[5]);
            for (int i = 0; i < 5; i++) {
                t[i] += m[i];
            }
        }));
        if (ranges.size() >= 32) {
            ranges.clear();
        }
        ranges.put(range, new Range(key, sums));
        return sums;
    }

    /** The months held in memory (tests). */
    List<LocalDate> cachedMonths() {
        return months.keySet().stream().sorted().toList();
    }
}
