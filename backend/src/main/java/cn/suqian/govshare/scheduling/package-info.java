/**
 * Cluster-wide scheduling: jobs annotated with {@code @Scheduled} and {@code @SchedulerLock} run once
 * per tick even when several replicas share one database (ShedLock, JDBC provider, database time).
 * The heartbeat job proves it; time-series upkeep (partitions ahead, retention) runs here too.
 */
package cn.suqian.govshare.scheduling;
