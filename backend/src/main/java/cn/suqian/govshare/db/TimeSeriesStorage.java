package cn.suqian.govshare.db;

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

    /** Partitions ahead for every registered table, then retention; returns the dropped partitions. */
    public List<String> maintain(OffsetDateTime now) {
        return db.inTransaction(Actor.system("timeseries-maintenance"), dsl -> {
            var tables = dsl.selectFrom(TS_TABLE).fetch();
            List<String> dropped = new java.util.ArrayList<>();
            for (var t : tables) {
                var interval = t.getPartitionInterval();
                ensurePartitions(dsl, t.getTableName(),
                        now.minusSeconds((long) interval.toDuration().getSeconds()),
                        now.plusSeconds(4L * (long) interval.toDuration().getSeconds()));
                var retention = TS_APPLY_RETENTION.call(t.getTableName(), now);
                dropped.addAll(dsl.selectFrom(retention).fetch(retention.TS_APPLY_RETENTION_));
            }
            if (!dropped.isEmpty()) {
                log.info("Retention dropped partitions {}", dropped);
            }
            return dropped;
        });
    }
}
