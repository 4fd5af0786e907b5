package cn.suqian.govshare.scheduling;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.impl.DSL;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

import static cn.suqian.govshare.db.schema.Tables.SCHEDULER_HEARTBEAT;

/**
 * Writes one heartbeat row per tick across all replicas. The lock is held at least most of an interval
 * so that a replica whose clock or schedule is slightly off cannot tick the same period again.
 */
@Component
public class HeartbeatJob {

    static final String NODE = nodeName();

    private final Db db;

    HeartbeatJob(Db db) {
        this.db = db;
    }

    @Scheduled(fixedRateString = "${govshare.scheduling.heartbeat-interval:PT30S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "heartbeat", lockAtLeastFor = "PT20S", lockAtMostFor = "PT1M")
    public void tick() {
        db.inTransaction(Actor.system("heartbeat"), dsl -> dsl.insertInto(SCHEDULER_HEARTBEAT)
                .set(SCHEDULER_HEARTBEAT.TICKED_AT, DSL.currentOffsetDateTime())
                .set(SCHEDULER_HEARTBEAT.JOB, "heartbeat")
                .set(SCHEDULER_HEARTBEAT.NODE, NODE)
                .execute());
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ManagementFactory.getRuntimeMXBean().getPid();
        } catch (Exception e) {
            return "node/" + ProcessHandle.current().pid();
        }
    }
}
