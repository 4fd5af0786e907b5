package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.TimeSeriesStorage;
import org.jooq.Table;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Objects;

/**
 * Creates the partitions a batch will write into in a short transaction of its own, before the batch's
 * transaction opens: creating a partition takes an ACCESS EXCLUSIVE lock on the parent table, which
 * inside a long ingest transaction (a back-fill streaming in) would stall rollups and dashboards until it
 * commits. The times have passed the ingest bounds already (retention, clock skew), so no partition is
 * made for a time no platform can produce. The call inside the ingest transaction stays as a safety net
 * and finds nothing left to create. Under TimescaleDB both are no-ops.
 */
@Component
class PartitionsAhead {

    private final Db db;
    private final TimeSeriesStorage storage;

    PartitionsAhead(Db db, TimeSeriesStorage storage) {
        this.db = db;
        this.storage = storage;
    }

    Mono<Void> ensure(Table<?> table, Collection<OffsetDateTime> times) {
        OffsetDateTime[] span = span(times);
        return span == null ? Mono.empty() : db.tx(dsl -> storage.ensurePartitions(dsl, table, span[0], span[1])).then();
    }

    /** The same for a caller already off the event loop (the collector, between pages). Blocking. */
    void ensureNow(Actor actor, Table<?> table, Collection<OffsetDateTime> times) {
        OffsetDateTime[] span = span(times);
        if (span != null) {
            db.inTransaction(actor, dsl -> storage.ensurePartitions(dsl, table, span[0], span[1]));
        }
    }

    /** From the earliest time to just after the latest, or null when there is none. */
    private static OffsetDateTime[] span(Collection<OffsetDateTime> times) {
        OffsetDateTime min = times.stream().filter(Objects::nonNull).min(OffsetDateTime::compareTo).orElse(null);
        OffsetDateTime max = times.stream().filter(Objects::nonNull).max(OffsetDateTime::compareTo).orElse(null);
        return min == null ? null : new OffsetDateTime[]{min, max.plusSeconds(1)};
    }
}
