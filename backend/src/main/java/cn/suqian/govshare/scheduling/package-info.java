/**
 * Cluster-wide scheduling: jobs annotated with @Scheduled and @SchedulerLock run once per tick even when
 * several replicas share one database (ShedLock, JDBC provider, database time). The heartbeat job proves
 * it; Heartbeats reads what ticked where; time-series upkeep (partitions ahead, retention) runs here too.
 */
@ApplicationModule(displayName = "Scheduling", allowedDependencies = {"db"})
@OwnsTables({"shedlock", "scheduler_heartbeat"})
package cn.suqian.govshare.scheduling;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
