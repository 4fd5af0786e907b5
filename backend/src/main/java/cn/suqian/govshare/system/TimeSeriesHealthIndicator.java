package cn.suqian.govshare.system;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.db.TimeSeriesStorage.JobHealth;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/health} component {@code timeSeries}: DOWN when an upkeep job keeps failing —
 * a TimescaleDB policy job (compression, retention) or, in plain PostgreSQL, GovShare's partition upkeep
 * of a table. "Keeps failing": its last run failed, nothing succeeded since, and either it failed
 * {@code failures-before-down} times in a row (plain mode counts them) or, where the count is not
 * known, it has failed more than once and not succeeded within {@code failure-grace}. A single failed
 * run is reported in the details but does not take the service down.
 */
@Component("timeSeries")
class TimeSeriesHealthIndicator implements ReactiveHealthIndicator {

    private final Db db;
    private final TimeSeriesStorage storage;
    private final int failuresBeforeDown;
    private final Duration failureGrace;

    TimeSeriesHealthIndicator(Db db, TimeSeriesStorage storage,
                              @Value("${govshare.timeseries.failures-before-down:2}") int failuresBeforeDown,
                              @Value("${govshare.timeseries.failure-grace:PT6H}") Duration failureGrace) {
        this.db = db;
        this.storage = storage;
        this.failuresBeforeDown = failuresBeforeDown;
        this.failureGrace = failureGrace;
    }

    @Override
    public Mono<Health> health() {
        return db.tx(dsl -> assess(storage.mode(), storage.jobHealth(dsl), OffsetDateTime.now()));
    }

    Health assess(TimeSeriesStorage.Mode mode, List<JobHealth> jobs, OffsetDateTime now) {
        List<String> keepFailing = jobs.stream().filter(j -> keepsFailing(j, now)).map(JobHealth::job).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode == TimeSeriesStorage.Mode.TIMESCALEDB ? "timescaledb" : "partitioned");
        details.put("jobs", jobs);
        details.put("failingJobs", jobs.stream().filter(JobHealth::failing).map(JobHealth::job).toList());
        details.put("keepFailing", keepFailing);
        return (keepFailing.isEmpty() ? Health.up() : Health.down()).withDetails(details).build();
    }

    boolean keepsFailing(JobHealth job, OffsetDateTime now) {
        if (!job.failing()) {
            return false;
        }
        if (job.consecutiveFailures() != null) {
            return job.consecutiveFailures() >= failuresBeforeDown;
        }
        boolean repeated = job.totalFailures() != null && job.totalFailures() >= failuresBeforeDown;
        boolean stale = job.lastSuccess() == null || job.lastSuccess().isBefore(now.minus(failureGrace));
        return repeated && stale;
    }
}
