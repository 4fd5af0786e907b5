package cn.suqian.govshare.connection;

/** Where a check came from: our own probe, a pushed heartbeat, or the watchdog noting a missed heartbeat. */
public enum CheckSource {
    PROBE, HEARTBEAT, WATCHDOG
}
