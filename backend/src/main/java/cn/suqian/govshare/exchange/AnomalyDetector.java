package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_THRESHOLD;

/**
 * Looks through recent traffic for what the e-government office should see: an interface whose hourly
 * failure ratio exceeds the threshold; an hour far from its usual level for that hour of the week; a
 * provider that fell silent; clocks out of sync (negative network durations); duplicate message ids.
 * Thresholds are rows of {@code exchange_threshold}. Each finding is stored once (kind, parties and
 * period), so re-running detection is harmless and a triaged anomaly keeps its status.
 */
@Component
public class AnomalyDetector {

    private final Db db;

    AnomalyDetector(Db db) {
        this.db = db;
    }

    @Scheduled(cron = "${govshare.exchange.anomaly-cron:0 5 * * * *}")
    @SchedulerLock(name = "exchange-anomalies", lockAtMostFor = "PT30M")
    public void scheduled() {
        detect(OffsetDateTime.now());
    }

    /** Looks at the 24 hours before {@code now} (late data included); returns how many new anomalies were recorded. */
    public int detect(OffsetDateTime now) {
        return detect(now, 24);
    }

    /** Looks at the given number of hours before {@code now}, e.g. after a back-fill. */
    public int detect(OffsetDateTime now, int lookbackHours) {
        return db.inTransaction(Actor.system("exchange-anomalies"), dsl -> detect(dsl, now, lookbackHours));
    }

    int detect(DSLContext dsl, OffsetDateTime now, int lookbackHours) {
        Map<String, Double> t = thresholds(dsl);
        OffsetDateTime end = now.truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime start = end.minusHours(lookbackHours);
        int found = 0;
        found += dsl.execute("""
                INSERT INTO exchange_anomaly (kind, period_start, period_end, provider_code, consumer_code, resource, detail)
                SELECT 'FAILURE_RATIO', bucket, bucket + interval '1 hour', provider_code, consumer_code, resource,
                       jsonb_build_object('calls', calls, 'failedCalls', failed_calls, 'ratio', round(failed_calls::numeric / calls, 4),
                                          'threshold', ?::numeric)
                FROM exchange_hourly
                WHERE bucket >= ?::timestamptz AND bucket < ?::timestamptz AND calls >= ?::numeric AND failed_calls::numeric / calls > ?::numeric
                ON CONFLICT ON CONSTRAINT exchange_anomaly_once DO NOTHING""",
                t.get("failure_ratio"), start, end, t.get("failure_min_calls"), t.get("failure_ratio"));
        found += dsl.execute("""
                WITH hours AS (
                    SELECT bucket, provider_code, consumer_code, sum(calls) AS calls
                    FROM exchange_hourly WHERE bucket >= ?::timestamptz AND bucket < ?::timestamptz
                    GROUP BY 1, 2, 3),
                pairs AS (SELECT DISTINCT provider_code, consumer_code FROM exchange_hourly WHERE bucket >= ?::timestamptz - (?::int * interval '7 days') AND bucket < ?::timestamptz),
                grid AS (SELECT g.bucket, p.provider_code, p.consumer_code
                         FROM generate_series(?::timestamptz, ?::timestamptz - interval '1 hour', interval '1 hour') AS g(bucket)
                         CROSS JOIN pairs p),
                observed AS (SELECT min(bucket) AS first_bucket FROM exchange_hourly),
                baseline AS (
                    -- the usual level: the mean of the same hour of the week over the previous weeks GovShare has data for
                    SELECT g.bucket, g.provider_code, g.consumer_code,
                           (SELECT coalesce(sum(h.calls), 0) FROM exchange_hourly h
                            WHERE h.provider_code = g.provider_code AND h.consumer_code = g.consumer_code
                              AND h.bucket IN (SELECT g.bucket - (w * interval '7 days') FROM generate_series(1, ?::int) AS w))
                           / nullif((SELECT count(*) FROM generate_series(1, ?::int) AS w, observed o
                                     WHERE g.bucket - (w * interval '7 days') >= o.first_bucket), 0)::numeric AS usual
                    FROM grid g)
                INSERT INTO exchange_anomaly (kind, period_start, period_end, provider_code, consumer_code, detail)
                SELECT 'UNUSUAL_TRAFFIC', b.bucket, b.bucket + interval '1 hour', b.provider_code, b.consumer_code,
                       jsonb_build_object('calls', coalesce(h.calls, 0), 'usual', round(b.usual, 1),
                                          'lowFactor', ?::numeric, 'highFactor', ?::numeric)
                FROM baseline b LEFT JOIN hours h USING (bucket, provider_code, consumer_code)
                WHERE b.usual IS NOT NULL AND b.usual >= ?::numeric AND (coalesce(h.calls, 0) < b.usual * ?::numeric OR coalesce(h.calls, 0) > b.usual * ?::numeric)
                ON CONFLICT ON CONSTRAINT exchange_anomaly_once DO NOTHING""",
                start, end, start, t.get("unusual_weeks"), end, start, end, t.get("unusual_weeks").intValue(), t.get("unusual_weeks").intValue(),
                t.get("unusual_low_factor"), t.get("unusual_high_factor"), t.get("unusual_min_baseline"),
                t.get("unusual_low_factor"), t.get("unusual_high_factor"));
        OffsetDateTime silentSince = end.minusHours(t.get("silent_hours").longValue());
        found += dsl.execute("""
                INSERT INTO exchange_anomaly (kind, period_start, period_end, provider_code, detail)
                SELECT 'SILENT_PROVIDER', max(bucket) + interval '1 hour', ?::timestamptz, provider_code,
                       jsonb_build_object('lastTraffic', max(bucket) + interval '1 hour', 'silentHours', ?::numeric,
                                          'callsInPreviousWeek', sum(calls))
                FROM exchange_hourly
                WHERE bucket >= ?::timestamptz - interval '7 days' AND bucket < ?::timestamptz
                GROUP BY provider_code
                HAVING max(bucket) < ?::timestamptz
                ON CONFLICT ON CONSTRAINT exchange_anomaly_once DO NOTHING""",
                end, t.get("silent_hours"), end, end, silentSince);
        found += dsl.execute("""
                INSERT INTO exchange_anomaly (kind, period_start, period_end, provider_code, consumer_code, resource, detail)
                SELECT 'CLOCK_SKEW', date_trunc('hour', started_at, 'UTC'), date_trunc('hour', started_at, 'UTC') + interval '1 hour',
                       provider_org, client_org, resource,
                       jsonb_build_object('calls', count(*), 'minRequestNetworkMs', min(request_network_ms),
                                          'minResponseNetworkMs', min(response_network_ms))
                FROM opmon_call
                WHERE started_at >= ?::timestamptz AND started_at < ?::timestamptz AND (request_network_ms < 0 OR response_network_ms < 0)
                GROUP BY 2, 3, 4, 5, 6
                ON CONFLICT ON CONSTRAINT exchange_anomaly_once DO NOTHING""", start, end);
        found += dsl.execute("""
                INSERT INTO exchange_anomaly (kind, period_start, period_end, provider_code, consumer_code, resource, detail)
                SELECT 'DUPLICATE_MESSAGE_ID', date_trunc('hour', min(started_at), 'UTC'),
                       date_trunc('hour', min(started_at), 'UTC') + interval '1 hour', min(provider_org), min(client_org), message_id,
                       jsonb_build_object('messageId', message_id, 'calls', count(*))
                FROM opmon_call
                WHERE started_at >= ?::timestamptz AND started_at < ?::timestamptz
                GROUP BY message_id HAVING count(*) > 1
                ON CONFLICT ON CONSTRAINT exchange_anomaly_once DO NOTHING""", start, end);
        return found;
    }

    static Map<String, Double> thresholds(DSLContext dsl) {
        Map<String, Double> t = new LinkedHashMap<>();
        dsl.selectFrom(EXCHANGE_THRESHOLD).forEach(r -> t.put(r.getName(), r.getValue().doubleValue()));
        return t;
    }
}
