package cn.suqian.govshare.db;

import cn.suqian.govshare.db.schema.Tables;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.TS_APPLY_RETENTION;
import static cn.suqian.govshare.db.schema.Tables.TS_TABLE;

/**
 * Which time-series mode the database is in, and the plain-PostgreSQL upkeep (partitions ahead of time,
 * retention by dropping whole partitions). Under TimescaleDB the same calls are no-ops: its policies do
 * the work. All TimescaleDB-specific SQL lives in the foundation migration's {@code ts_*} functions.
 */
@Component
public class TimeSeriesStorage {

    public enum Mode { TIMESCALEDB, PARTITIONED }

    private static final Logger log = LoggerFactory.getLogger(TimeSeriesStorage.class);

    private final Db db;
    private volatile Mode mode;

    public TimeSeriesStorage(Db db) {
        this.db = db;
    }

    public Mode mode() {
        Mode m = mode;
        if (m == null) {
            m = db.inTransaction(Actor.system("timeseries"), dsl ->
                    dsl.select(DSL.function("ts_timescaledb_enabled", Boolean.class)).fetchOne().value1())
                    ? Mode.TIMESCALEDB : Mode.PARTITIONED;
            mode = m;
            log.info("Time-series storage mode: {}", m == Mode.TIMESCALEDB
                    ? "TimescaleDB hypertables (compression and retention policies)"
                    : "native PostgreSQL range partitioning (partitions and retention maintained by GovShare)");
        }
        return m;
    }

    /** How long a registered time-series table keeps its rows (its retention), or null when it keeps them for ever. */
    public java.time.Duration retention(DSLContext dsl, Table<?> table) {
        var keep = dsl.select(TS_TABLE.RETENTION).from(TS_TABLE).where(TS_TABLE.TABLE_NAME.eq(table.getName())).fetchOne(TS_TABLE.RETENTION);
        return keep == null ? null : keep.toDuration();
    }

    /**
     * Creates partitions covering [from, to) for a time-series table; call before writing rows whose
     * time may fall outside the partitions made ahead (late or back-filled data).
     */
    public int ensurePartitions(DSLContext dsl, Table<?> table, OffsetDateTime from, OffsetDateTime to) {
        return ensurePartitions(dsl, table.getName(), from, to);
    }

    /** The same, for a table named in {@code ts_table}. */
    public int ensurePartitions(DSLContext dsl, String table, OffsetDateTime from, OffsetDateTime to) {
        return dsl.select(DSL.function("ts_ensure_partitions", Integer.class, DSL.val(table), DSL.val(from), DSL.val(to)))
                .fetchOne().value1();
    }

    /**
     * Partitions ahead for every registered table, then retention; returns the dropped partitions. Each
     * table is kept in its own short transaction, and every attempt is recorded with the table (success,
     * or the failure and its message), so that one table's trouble neither hides nor blocks the others
     * and {@link #jobHealth(DSLContext)} can say whether upkeep keeps failing.
     */
    public List<String> maintain(OffsetDateTime now) {
        Actor actor = Actor.system("timeseries-maintenance");
        List<String> tables = db.inTransaction(actor, dsl -> dsl.select(TS_TABLE.TABLE_NAME).from(TS_TABLE)
                .orderBy(TS_TABLE.TABLE_NAME).fetch(TS_TABLE.TABLE_NAME));
        List<String> dropped = new java.util.ArrayList<>();
        for (String table : tables) {
            try {
                dropped.addAll(db.inTransaction(actor, dsl -> maintain(dsl, table, now)));
                db.inTransaction(actor, dsl -> dsl.update(TS_TABLE)
                        .set(TS_TABLE.UPKEEP_ATTEMPTED_AT, now).set(TS_TABLE.UPKEEP_SUCCEEDED_AT, now)
                        .set(TS_TABLE.UPKEEP_FAILURES, 0).setNull(TS_TABLE.UPKEEP_ERROR)
                        .where(TS_TABLE.TABLE_NAME.eq(table)).execute());
            } catch (RuntimeException e) {
                log.error("Time-series upkeep of {} failed", table, e);
                String message = String.valueOf(e.getMessage());
                db.inTransaction(actor, dsl -> dsl.update(TS_TABLE)
                        .set(TS_TABLE.UPKEEP_ATTEMPTED_AT, now)
                        .set(TS_TABLE.UPKEEP_FAILURES, TS_TABLE.UPKEEP_FAILURES.plus(1))
                        .set(TS_TABLE.UPKEEP_TOTAL_FAILURES, TS_TABLE.UPKEEP_TOTAL_FAILURES.plus(1))
                        .set(TS_TABLE.UPKEEP_ERROR, message.length() > 1000 ? message.substring(0, 1000) : message)
                        .where(TS_TABLE.TABLE_NAME.eq(table)).execute());
            }
        }
        if (!dropped.isEmpty()) {
            log.info("Retention dropped partitions {}", dropped);
        }
        return dropped;
    }

    private List<String> maintain(DSLContext dsl, String table, OffsetDateTime now) {
        var interval = dsl.select(TS_TABLE.PARTITION_INTERVAL).from(TS_TABLE).where(TS_TABLE.TABLE_NAME.eq(table))
                .fetchSingle(TS_TABLE.PARTITION_INTERVAL);
        long seconds = interval.toDuration().getSeconds();
        ensurePartitions(dsl, table, now.minusSeconds(seconds), now.plusSeconds(4L * seconds));
        return dsl.selectFrom(Tables.TS_APPLY_RETENTION(table, now)).fetch(Tables.TS_APPLY_RETENTION.TS_APPLY_RETENTION_);
    }

    /** One upkeep job: a TimescaleDB policy job, or GovShare's partition upkeep of one table in plain mode. */
    public record JobHealth(String job, String table, String kind, OffsetDateTime lastRun, OffsetDateTime lastSuccess,
                            boolean failing, Integer consecutiveFailures, Long totalRuns, Long totalFailures,
                            String lastError) {
    }

    /** The health of every upkeep job of the active mode, read inside the caller's transaction. */
    public List<JobHealth> jobHealth(DSLContext dsl) {
        var h = Tables.TS_JOB_HEALTH;
        return dsl.selectFrom(Tables.TS_JOB_HEALTH()).fetch(r -> new JobHealth(r.get(h.JOB), r.get(h.TABLE_NAME),
                r.get(h.KIND), r.get(h.LAST_RUN), r.get(h.LAST_SUCCESS), Boolean.TRUE.equals(r.get(h.FAILING)),
                r.get(h.CONSECUTIVE_FAILURES), r.get(h.TOTAL_RUNS), r.get(h.TOTAL_FAILURES), r.get(h.LAST_ERROR)));
    }
}
