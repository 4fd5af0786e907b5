package cn.suqian.govshare.exchange;

/**
 * Where an interval statistic comes from ({@code exchange_stat.source}), and so what kind of record waits in
 * quarantine ({@code exchange_quarantine.kind}).
 */
public enum StatSource {
    /** Interval statistics as the exchange platform reports them. */
    STATS,
    /** Counted from X-Road operational-monitoring records. */
    OPMON
}
