package cn.suqian.govshare.scheduling;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.SCHEDULER_HEARTBEAT;

/** Which scheduled jobs ticked where, read inside the caller's transaction. */
@Component
public class Heartbeats {

    /** One job on one node: its last tick and how many ticks it made in the last hour. */
    public record Heartbeat(String job, String node, OffsetDateTime lastTick, int ticksLastHour) {
    }

    /** Jobs that ticked in the last day, most recent first. */
    public List<Heartbeat> recent(DSLContext dsl) {
        var now = OffsetDateTime.now();
        var lastTick = DSL.max(SCHEDULER_HEARTBEAT.TICKED_AT);
        return dsl.select(SCHEDULER_HEARTBEAT.JOB, SCHEDULER_HEARTBEAT.NODE, lastTick,
                        DSL.count().filterWhere(SCHEDULER_HEARTBEAT.TICKED_AT.ge(now.minusHours(1))))
                .from(SCHEDULER_HEARTBEAT)
                .where(SCHEDULER_HEARTBEAT.TICKED_AT.ge(now.minusDays(1)))
                .groupBy(SCHEDULER_HEARTBEAT.JOB, SCHEDULER_HEARTBEAT.NODE)
                .orderBy(lastTick.desc())
                .fetch(r -> new Heartbeat(r.value1(), r.value2(), r.value3(), r.value4()));
    }
}
