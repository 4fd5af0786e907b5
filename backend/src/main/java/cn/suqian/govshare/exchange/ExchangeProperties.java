package cn.suqian.govshare.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Exchange-metrics configuration ({@code govshare.exchange.*}).
 *
 * @param maxBodyBytes     largest ingest body accepted
 * @param maxBatchRecords  most records per ingest batch
 * @param pairingWindow    how far apart the Client and Producer records of one call may be
 * @param rollupInterval   how often the rollups catch up with changed buckets
 * @param simulator        demo mode: run the simulated exchange platform
 */
@ConfigurationProperties("govshare.exchange")
public record ExchangeProperties(Integer maxBodyBytes, Integer maxBatchRecords, Duration pairingWindow, Duration rollupInterval,
                                 Boolean simulator) {

    public ExchangeProperties {
        maxBodyBytes = maxBodyBytes == null ? 32 * 1024 * 1024 : maxBodyBytes;
        maxBatchRecords = maxBatchRecords == null ? 100_000 : maxBatchRecords;
        pairingWindow = pairingWindow == null ? Duration.ofMinutes(10) : pairingWindow;
        rollupInterval = rollupInterval == null ? Duration.ofSeconds(5) : rollupInterval;
        simulator = simulator == null || simulator;
    }
}
