package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TransactionLock;
import cn.suqian.govshare.db.Actor;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static cn.suqian.govshare.db.schema.Tables.OPMON_STAT_PENDING;

/**
 * What op-monitoring batches add to the 5-minute statistics, between the pairing transaction that found it and the
 * statistics. Pairing is serial across batches (its lock is held to commit); writing the statistics inside it made
 * every batch wait for the one before to count. The pairing transaction {@link #hold holds} its differences here, and
 * right after its commit — before the push is answered — {@link #count} moves every pending row into
 * {@code exchange_stat} while the next batch pairs.
 *
 * <p>One mover at a time (a transaction lock): the differences are sums and maxima, so their order does not matter,
 * but a call's change must meet the row its first half added; moving all pending rows, additions first, guarantees
 * it (the batch that added committed before the batch that changes began pairing). Whoever deletes a pending row
 * adds it, so a batch whose rows an earlier mover took finds nothing left. Rows a crash left between the two
 * transactions are moved by the next batch, or by the scheduled pass.
 */
@Component
class OpmonPendingCounts {

    /** The lock movers take; pairing takes it too (after its own) before it recounts buckets. */
    static final String LOCK = "opmon-counting";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OpmonPendingCounts.class);

    private final Db db;
    private final StatsMerge merge;

    OpmonPendingCounts(Db db, StatsMerge merge) {
        this.db = db;
        this.merge = merge;
    }

    /**
     * Writes a batch's additions (new calls) and changes (calls counted before) to be moved: one row, its buckets as
     * lines of text (see V34 for the format). One row per batch, not per bucket: they are only ever moved all at once.
     */
    void hold(DSLContext dsl, UUID batchId, List<StatsMerge.Attributed> added, List<StatsMerge.Attributed> changed) {
        if (added.isEmpty() && changed.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder((added.size() + changed.size()) * 120);
        lines(lines, false, added);
        lines(lines, true, changed);
        dsl.insertInto(OPMON_STAT_PENDING).set(OPMON_STAT_PENDING.BATCH_ID, batchId).set(OPMON_STAT_PENDING.BUCKETS, lines.toString())
                .execute();
    }

    static void lines(StringBuilder out, boolean change, List<StatsMerge.Attributed> rows) {
        for (StatsMerge.Attributed a : rows) {
            IntervalStat s = a.stat();
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(change ? 't' : 'f').append('\t').append(s.intervalStart().toEpochSecond());
            for (String text : new String[]{a.providerOrg(), a.consumerOrg(), s.resource(), a.providerSystem(), a.consumerSystem()}) {
                out.append('\t');
                escaped(out, text);
            }
            out.append('\t').append(s.calls()).append('\t').append(s.failedCalls()).append('\t').append(s.bytes())
                    .append('\t').append(s.latencyMsSum()).append('\t').append(s.latencyMsMax());
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return escaped; null as {@code \N}. */
    static void escaped(StringBuilder out, String text) {
        if (text == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** The fields of one line, unescaped (null for {@code \N}). */
    static String[] fields(String line) {
        String[] fields = new String[12];
        int n = 0;
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : '\t';
            if (c == '\t') {
                if (n == fields.length) {
                    throw new IllegalStateException("a pending line with more than " + fields.length + " fields: " + line);
                }
                fields[n++] = isNull ? null : field.toString();
                field.setLength(0);
                isNull = false;
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                switch (next) {
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    case 'N' -> isNull = true;
                    default -> field.append(next);
                }
            } else {
                field.append(c);
            }
        }
        if (n != fields.length) {
            throw new IllegalStateException("a pending line with " + n + " fields, not " + fields.length + ": " + line);
        }
        return fields;
    }

    /**
     * Moves every pending row into the statistics, in the caller's transaction (taking the movers' lock to its end):
     * additions first, then changes, each bucket once. Returns the number of buckets moved.
     */
    int count(DSLContext dsl, UUID batchId) {
        TransactionLock.take(dsl, LOCK);
        Map<OpmonIngest.Bucket, OpmonIngest.Delta> added = new TreeMap<>(OpmonIngest.Bucket.ORDER);
        Map<OpmonIngest.Bucket, OpmonIngest.Delta> changed = new TreeMap<>(OpmonIngest.Bucket.ORDER);
        int moved = 0;
        for (String buckets : dsl.deleteFrom(OPMON_STAT_PENDING).returning(OPMON_STAT_PENDING.BUCKETS).fetch(OPMON_STAT_PENDING.BUCKETS)) {
            int from = 0;
            while (from < buckets.length()) {
                int to = buckets.indexOf('\n', from);
                to = to < 0 ? buckets.length() : to;
                String[] f = fields(buckets.substring(from, to));
                from = to + 1;
                var bucket = new OpmonIngest.Bucket(OffsetDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(f[1])), ZoneOffset.UTC),
                        f[2], f[3], f[4]);
                (f[0].equals("t") ? changed : added).computeIfAbsent(bucket, k -> new OpmonIngest.Delta()).add(Long.parseLong(f[7]),
                        Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11]), f[5], f[6]);
                moved++;
            }
        }
        merge.add(dsl, OpmonIngest.attributed(added), batchId);
        merge.change(dsl, OpmonIngest.attributed(changed), batchId);
        return moved;
    }

    /** Moves rows a crash left between a batch's two transactions (normally there are none). */
    @Scheduled(fixedDelayString = "${govshare.exchange.opmon-pending-interval:PT1M}", initialDelayString = "PT20S")
    public void scheduled() {
        UUID pass = UUID.randomUUID();
        int moved = db.inTransaction(Actor.system("opmon-counting"), dsl -> count(dsl, pass));
        if (moved > 0) {
            log.info("Op-monitoring counting: moved {} pending buckets into the statistics", moved);
        }
    }
}
