/**
 * Exchange metrics (数据通): ingest of interval statistics (JSON, NDJSON, CSV) and X-Road
 * operational-monitoring records (paired, with derived durations), quarantine of records the registry
 * cannot attribute, the pull collector, incremental hour/day/month rollups, the reading API (summary,
 * series, flows, top resources, year over year), anomaly detection, zombie candidates and the demo
 * exchange-platform simulator. Days and months are Asia/Shanghai calendar days and months.
 */
package cn.suqian.govshare.exchange;
