package cn.suqian.govshare.exchange;

/** How a batch of exchange records came in ({@code exchange_batch.kind}). */
public enum BatchKind {
    /** Interval statistics, pushed or pulled by the collector. */
    STATS,
    /** X-Road operational-monitoring records. */
    OPMON,
    /** Allowed by the schema for collector batches; the collector records its pages as STATS batches of client {@code collector:<source>}. */
    COLLECTOR,
    /** Quarantined records re-attributed once the registry knew their parties. */
    REPROCESS
}
