/**
 * Connection status (网络通, measured): the targets watched (接入监测对象 — front-end processors, interfaces,
 * the provincial link) and what GovShare measures of them — reactive HTTP(S)/TCP probes and pushed heartbeats,
 * the N/M state machine, incidents with causes, maintenance windows, availability rolled up minute → hour →
 * day → month, notifications (webhook, e-mail, WeCom, DingTalk), and "connected" as a published fact.
 * The API: ConnectionTargets and ConnectionTarget (the registry), ConnectionFacts (connected, activity),
 * ConnectionQueries (status, incidents, availability), MaintenanceWindows, HeartbeatIngest, and Notifications.queueMessage
 * for another capability's message (an annual-report reminder) through the subscribed channels.
 */
@ApplicationModule(displayName = "Connection status", allowedDependencies = {"access", "db", "inventory", "organisation", "record", "web"})
@OwnsTables({"connection_target", "connection_setting", "connection_state", "connection_check", "connection_minute", "connection_hourly",
        "connection_daily", "connection_monthly", "connection_incident", "connection_maintenance", "notification_channel",
        "notification_subscription", "notification_delivery", "connection_rollup_revision",
        "connection_target_revision"})
package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
