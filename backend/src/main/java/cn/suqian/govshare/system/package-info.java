/**
 * The platform's own state for its operators and the overview page: database and time-series mode,
 * demo mode, scheduler heartbeats; also contributed to {@code /actuator/info}.
 */
package cn.suqian.govshare.system;
