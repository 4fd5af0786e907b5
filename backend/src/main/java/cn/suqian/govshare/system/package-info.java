/**
 * The platform's own state for its operators: database and time-series mode, demo mode, scheduler
 * heartbeats, audit size; also contributed to /actuator/info.
 */
@ApplicationModule(displayName = "Platform status", allowedDependencies = {"audit", "db", "organisation", "scheduling"})
package cn.suqian.govshare.system;

import org.springframework.modulith.ApplicationModule;
