package cn.suqian.govshare.system;

import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.scheduling.Heartbeats;
import cn.suqian.govshare.scheduling.Heartbeats.Heartbeat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/** Platform status, every figure read from stored records through the owning modules' APIs. */
@Service
class SystemStatus {

    record Status(String timeseriesMode, String database, boolean demo,
                  Map<OrganisationType, Integer> organisationsByType, List<Heartbeat> heartbeats, long auditEvents,
                  List<TimeSeriesStorage.JobHealth> timeseriesJobs) {
    }

    private final Db db;
    private final TimeSeriesStorage storage;
    private final Organisations organisations;
    private final Heartbeats heartbeats;
    private final AuditTrail audit;
    private final String databaseMode;
    private final boolean demo;

    SystemStatus(Db db, TimeSeriesStorage storage, Organisations organisations, Heartbeats heartbeats, AuditTrail audit,
                 @Value("${govshare.database.mode:external}") String databaseMode,
                 @Value("${govshare.demo.enabled:false}") boolean demo) {
        this.db = db;
        this.storage = storage;
        this.organisations = organisations;
        this.heartbeats = heartbeats;
        this.audit = audit;
        this.databaseMode = databaseMode;
        this.demo = demo;
    }

    Mono<Status> read() {
        return db.tx(dsl -> {
            // resolved once at start-up; asked here, off the event loop, in case it was not yet
            String mode = storage.mode() == TimeSeriesStorage.Mode.TIMESCALEDB ? "timescaledb" : "partitioned";
            return new Status(mode, databaseMode, demo, organisations.countByType(dsl), heartbeats.recent(dsl),
                    audit.count(dsl), storage.jobHealth(dsl));
        });
    }
}
