package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;

import static cn.suqian.govshare.db.schema.Tables.OPMON_CALL;
import static cn.suqian.govshare.db.schema.Tables.OPMON_FAULTY;
import static cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;

/**
 * One retention for everything op-monitoring keeps, that of the raw records ({@code opmon_record}, 90 days): a
 * record older than that is refused as faulty at ingest ({@code beforeRetention}); the records' partitions are
 * dropped by the time-series upkeep; and here the calls paired from them and the faulty records received are
 * deleted once they are as old. A call is kept one longest call (a day) beyond, so that every record still within
 * the retention finds the call it belongs to. The 5-minute statistics counted from the calls are interval
 * statistics and keep theirs ({@code exchange_stat}, 400 days).
 */
@Component
public class OpmonRetention {

    private static final Logger log = LoggerFactory.getLogger(OpmonRetention.class);

    /** Rows deleted per statement: short transactions, no long lock on a busy table. */
    static final int CHUNK = 10_000;

    private final Db db;
    private final TimeSeriesStorage storage;

    OpmonRetention(Db db, TimeSeriesStorage storage) {
        this.db = db;
        this.storage = storage;
    }

    @Scheduled(cron = "${govshare.scheduling.maintenance-cron:0 7 * * * *}")
    @SchedulerLock(name = "opmon-retention", lockAtMostFor = "PT10M")
    public void scheduled() {
        Deleted d = apply(OffsetDateTime.now());
        if (d.calls() + d.faulty() > 0) {
            log.info("Op-monitoring retention: deleted {} calls and {} faulty records older than the raw records' retention",
                    d.calls(), d.faulty());
        }
    }

    /** What one pass deleted. */
    public record Deleted(long calls, long faulty) {
    }

    /** Deletes what is older than the retention as of {@code now}, in short transactions. Blocking. */
    public Deleted apply(OffsetDateTime now) {
        Duration keep = db.inTransaction(Actor.system("opmon-retention"), dsl -> storage.retention(dsl, OPMON_RECORD));
        if (keep == null) {
            return new Deleted(0, 0);
        }
        OffsetDateTime oldestCall = now.minus(keep).minus(Duration.ofMillis(IngestBounds.MAX_DURATION_MS));
        OffsetDateTime oldestFaulty = now.minus(keep);
        long calls = 0;
        long faulty = 0;
        int n;
        do {
            n = db.inTransaction(Actor.system("opmon-retention"), dsl -> deleteCalls(dsl, oldestCall));
            calls += n;
        } while (n == CHUNK);
        do {
            n = db.inTransaction(Actor.system("opmon-retention"), dsl -> deleteFaulty(dsl, oldestFaulty));
            faulty += n;
        } while (n == CHUNK);
        return new Deleted(calls, faulty);
    }

    private static int deleteCalls(DSLContext dsl, OffsetDateTime before) {
        return dsl.deleteFrom(OPMON_CALL).where(OPMON_CALL.ID.in(
                dsl.select(OPMON_CALL.ID).from(OPMON_CALL).where(OPMON_CALL.STARTED_AT.lt(before)).limit(CHUNK))).execute();
    }

    private static int deleteFaulty(DSLContext dsl, OffsetDateTime before) {
        return dsl.deleteFrom(OPMON_FAULTY).where(OPMON_FAULTY.ID.in(
                dsl.select(OPMON_FAULTY.ID).from(OPMON_FAULTY).where(OPMON_FAULTY.RECEIVED_AT.lt(before)).limit(CHUNK))).execute();
    }
}
