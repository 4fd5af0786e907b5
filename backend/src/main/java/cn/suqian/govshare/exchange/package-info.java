/**
 * Exchange metrics (数据通): ingest of interval statistics (JSON, NDJSON, CSV) and X-Road
 * operational-monitoring records (paired, with derived durations), quarantine of records the registry
 * cannot attribute, the pull collector, incremental hour/day/month rollups, the reading API (summary,
 * series, flows, top resources, year over year), anomaly detection, zombie candidates and the demo
 * exchange-platform simulator. Days and months are Asia/Shanghai calendar days and months.
 */
@ApplicationModule(displayName = "Exchange metrics", allowedDependencies = {"access", "catalogue", "connection", "db", "inventory", "organisation", "security", "spreadsheet", "web"})
@OwnsTables({"exchange_stat", "exchange_hourly", "exchange_daily", "exchange_monthly_flow", "exchange_rollup_dirty", "exchange_rollup_dirty_day", "exchange_rollup_dirty_month", "exchange_batch", "exchange_quarantine", "exchange_source", "exchange_collector_run", "exchange_refused_page", "exchange_refused_record", "exchange_anomaly", "exchange_threshold", "exchange_system_activity", "opmon_record", "opmon_call", "opmon_faulty", "opmon_stat_pending", "exchange_zombie_decision", "exchange_infrastructure_keyword"})
package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
