package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Copy;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TransactionLock;
import cn.suqian.govshare.db.Actor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

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

    private static final List<Field<?>> COLUMNS = List.of(OPMON_STAT_PENDING.BATCH_ID, OPMON_STAT_PENDING.CHANGE,
            OPMON_STAT_PENDING.INTERVAL_START, OPMON_STAT_PENDING.PROVIDER_CODE, OPMON_STAT_PENDING.CONSUMER_CODE,
            OPMON_STAT_PENDING.RESOURCE, OPMON_STAT_PENDING.PROVIDER_SYSTEM_CODE, OPMON_STAT_PENDING.CONSUMER_SYSTEM_CODE,
            OPMON_STAT_PENDING.CALLS, OPMON_STAT_PENDING.FAILED_CALLS, OPMON_STAT_PENDING.BYTES, OPMON_STAT_PENDING.LATENCY_MS_SUM,
            OPMON_STAT_PENDING.LATENCY_MS_MAX);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OpmonPendingCounts.class);

    private final Db db;
    private final StatsMerge merge;

    OpmonPendingCounts(Db db, StatsMerge merge) {
        this.db = db;
        this.merge = merge;
    }

    /** Writes a batch's additions (new calls) and changes (calls counted before) to be moved. */
    void hold(DSLContext dsl, UUID batchId, List<StatsMerge.Attributed> added, List<StatsMerge.Attributed> changed) {
        if (added.isEmpty() && changed.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder((added.size() + changed.size()) * 160);
        row(csv, batchId, false, added);
        row(csv, batchId, true, changed);
        Copy.csvInto(dsl, OPMON_STAT_PENDING, COLUMNS, csv);
    }

    private static void row(StringBuilder csv, UUID batchId, boolean change, List<StatsMerge.Attributed> rows) {
        for (StatsMerge.Attributed a : rows) {
            IntervalStat s = a.stat();
            Copy.field(csv, batchId, false);
            Copy.field(csv, change, false);
            Copy.field(csv, s.intervalStart(), false);
            StatsMerge.keyAndCalls(csv, a);
            Copy.field(csv, s.bytes(), false);
            Copy.field(csv, s.latencyMsSum(), false);
            Copy.field(csv, s.latencyMsMax(), true);
        }
    }

    /**
     * Moves every pending row into the statistics, in the caller's transaction (taking the movers' lock to its end):
     * additions first, then changes, each bucket once. Returns the number of rows moved.
     */
    int count(DSLContext dsl, UUID batchId) {
        TransactionLock.take(dsl, LOCK);
        var p = OPMON_STAT_PENDING;
        Map<OpmonIngest.Bucket, OpmonIngest.Delta> added = new TreeMap<>(OpmonIngest.Bucket.ORDER);
        Map<OpmonIngest.Bucket, OpmonIngest.Delta> changed = new TreeMap<>(OpmonIngest.Bucket.ORDER);
        int moved = 0;
        for (var r : dsl.deleteFrom(p).returning(COLUMNS).fetch()) {
            var bucket = new OpmonIngest.Bucket(r.get(p.INTERVAL_START), r.get(p.PROVIDER_CODE), r.get(p.CONSUMER_CODE), r.get(p.RESOURCE));
            (r.get(p.CHANGE) ? changed : added).computeIfAbsent(bucket, k -> new OpmonIngest.Delta()).add(r.get(p.CALLS),
                    r.get(p.FAILED_CALLS), r.get(p.BYTES), r.get(p.LATENCY_MS_SUM), r.get(p.LATENCY_MS_MAX), r.get(p.PROVIDER_SYSTEM_CODE),
                    r.get(p.CONSUMER_SYSTEM_CODE));
            moved++;
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
            log.info("Op-monitoring counting: moved {} pending rows into the statistics", moved);
        }
    }
}
