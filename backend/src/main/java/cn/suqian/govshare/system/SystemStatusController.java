package cn.suqian.govshare.system;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.registry.OrganisationRepository;
import cn.suqian.govshare.registry.OrganisationType;
import cn.suqian.govshare.security.Access;
import io.swagger.v3.oas.annotations.Operation;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.AUDIT_EVENT;
import static cn.suqian.govshare.db.schema.Tables.SCHEDULER_HEARTBEAT;

/** Platform status for the overview page; every figure is read from stored records. */
@RestController
class SystemStatusController {

    private final Db db;
    private final TimeSeriesStorage storage;
    private final OrganisationRepository organisations;
    private final String databaseMode;
    private final boolean demo;

    SystemStatusController(Db db, TimeSeriesStorage storage, OrganisationRepository organisations,
                           @Value("${govshare.database.mode:external}") String databaseMode,
                           @Value("${govshare.demo.enabled:false}") boolean demo) {
        this.db = db;
        this.storage = storage;
        this.organisations = organisations;
        this.databaseMode = databaseMode;
        this.demo = demo;
    }

    public record Heartbeat(String job, String node, OffsetDateTime lastTick, int ticksLastHour) {
    }

    public record Status(String timeseriesMode, String database, boolean demo,
                         Map<OrganisationType, Integer> organisationsByType, List<Heartbeat> heartbeats, long auditEvents) {
    }

    @Operation(summary = "Platform status: storage modes, organisations by type, scheduler heartbeats, audit size. Any signed-in person.")
    @GetMapping("/api/v1/system/status")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Status> status() {
        return db.tx(dsl -> {
            // resolved once at start-up; asked here, off the event loop, in case it was not yet
            String mode = storage.mode() == TimeSeriesStorage.Mode.TIMESCALEDB ? "timescaledb" : "partitioned";
            var since = OffsetDateTime.now().minusHours(1);
            List<Heartbeat> beats = dsl.select(SCHEDULER_HEARTBEAT.JOB, SCHEDULER_HEARTBEAT.NODE,
                            DSL.max(SCHEDULER_HEARTBEAT.TICKED_AT),
                            DSL.count().filterWhere(SCHEDULER_HEARTBEAT.TICKED_AT.ge(since)))
                    .from(SCHEDULER_HEARTBEAT)
                    .where(SCHEDULER_HEARTBEAT.TICKED_AT.ge(OffsetDateTime.now().minusDays(1)))
                    .groupBy(SCHEDULER_HEARTBEAT.JOB, SCHEDULER_HEARTBEAT.NODE)
                    .orderBy(DSL.max(SCHEDULER_HEARTBEAT.TICKED_AT).desc())
                    .fetch(r -> new Heartbeat(r.value1(), r.value2(), r.value3(), r.value4()));
            long audit = dsl.fetchCount(AUDIT_EVENT);
            return new Status(mode, databaseMode, demo, organisations.countByType(dsl), beats, audit);
        });
    }
}
