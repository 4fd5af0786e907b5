package cn.suqian.govshare.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Exchange-metrics configuration ({@code govshare.exchange.*}).
 *
 * @param maxBodyBytes     largest ingest body accepted
 * @param maxBatchRecords  most records per ingest batch
 * @param pairingWindow    how far apart the Client and Producer records of one call may be
 * @param clockSkew        how far ahead of GovShare's clock a sender's may run: later times are refused (statistics) or
 *                         make a record faulty (op-monitoring)
 * The schedules ({@code rollup-interval}, {@code anomaly-cron}, …) and {@code simulator} are read where they are used.
 */
@ConfigurationProperties("govshare.exchange")
public record ExchangeProperties(Integer maxBodyBytes, Integer maxBatchRecords, Duration pairingWindow, Duration clockSkew) {

    public ExchangeProperties {
        maxBodyBytes = maxBodyBytes == null ? 32 * 1024 * 1024 : maxBodyBytes;
        maxBatchRecords = maxBatchRecords == null ? 100_000 : maxBatchRecords;
        pairingWindow = pairingWindow == null ? Duration.ofMinutes(10) : pairingWindow;
        clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
    }
}
