package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ANOMALY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_THRESHOLD;

/**
 * Looks through the traffic for what the e-government office should see: an interface whose hourly
 * failure ratio exceeds the threshold; an hour far from its usual level for that hour of the week; a
 * provider that fell silent; clocks out of sync (negative network durations); duplicate message ids.
 * Thresholds are rows of {@code exchange_threshold}. Each finding is stored once (kind, parties and
 * period), so re-running detection is harmless and a triaged anomaly keeps its status.
 * <p>
 * An hour is judged only once it is complete and settled: it ended at least {@code settle_minutes} ago, so a
 * partly filled hour never reads as "calls 0". Each pass judges its window again, and also the hours of open
 * anomalies whose data arrived since they were judged (late data): an open anomaly whose rule no longer holds
 * is closed as {@code RESOLVED} by {@code LATE_DATA}; a resolved one that holds again is reopened.
 */
@Component
public class AnomalyDetector {

    /** How many earlier hours with late data one pass judges again, at most. */
    static final int LATE_HOURS_PER_PASS = 48;
    static final int LIST_LIMIT = 500;

    /** What one detection pass did: new anomalies, the ones it closed, and the open ones of the period judged. */
    public record Detection(OffsetDateTime from, OffsetDateTime to, OffsetDateTime judgedUntil, int found, int resolved,
                            List<Anomaly> anomalies) {
    }

    private final Db db;
    private final ExchangeRollups rollups;

    AnomalyDetector(Db db, ExchangeRollups rollups) {
        this.db = db;
        this.rollups = rollups;
    }

    @Scheduled(cron = "${govshare.exchange.anomaly-cron:0 20 * * * *}")
    @SchedulerLock(name = "exchange-anomalies", lockAtMostFor = "PT30M")
    public void scheduled() {
        detect(OffsetDateTime.now());
    }

    /** Looks at the 24 hours before {@code now} (late data included); returns how many new anomalies were recorded. */
    public int detect(OffsetDateTime now) {
        return detect(now, 24);
    }

    /** Looks at the given number of hours before {@code now}, e.g. after a back-fill. Blocking. */
    public int detect(OffsetDateTime now, int lookbackHours) {
        rollups.refresh(); // the rules read the hourly rollup: bring it up to date with what has arrived
        OffsetDateTime to = now.truncatedTo(ChronoUnit.HOURS);
        return db.inTransaction(Actor.system("exchange-anomalies"), dsl -> pass(dsl, now, to.minusHours(lookbackHours), to, true)).found();
    }

    /** Detection now, for a period the office names (on top of the hourly pass): what was found, closed and holds. */
    public Mono<Detection> detectNow(OffsetDateTime from, OffsetDateTime to) {
        return rollups.refreshNow().then(db.tx(dsl -> {
            Detection d = pass(dsl, OffsetDateTime.now(), from, to, true);
            var a = EXCHANGE_ANOMALY;
            List<Anomaly> open = dsl.selectFrom(a).where(a.PERIOD_END.gt(from)).and(a.PERIOD_START.lt(d.judgedUntil().isBefore(to) ? d.judgedUntil() : to))
                    .and(a.STATUS.in(Anomaly.Status.NEW, Anomaly.Status.ACKNOWLEDGED))
                    .orderBy(a.PERIOD_START.desc(), a.ID.desc()).limit(LIST_LIMIT).fetch(Anomalies::anomaly);
            return new Detection(d.from(), d.to(), d.judgedUntil(), d.found(), d.resolved(), open);
        }));
    }

    int detect(DSLContext dsl, OffsetDateTime now, int lookbackHours) {
        OffsetDateTime to = now.truncatedTo(ChronoUnit.HOURS);
        return pass(dsl, now, to.minusHours(lookbackHours), to, true).found();
    }

    /** The last hour boundary whose hour has settled at {@code now}. */
    static OffsetDateTime judgedUntil(OffsetDateTime now, double settleMinutes) {
        return now.minusSeconds(Math.round(settleMinutes * 60)).truncatedTo(ChronoUnit.HOURS);
    }

    Detection pass(DSLContext dsl, OffsetDateTime now, OffsetDateTime from, OffsetDateTime to, boolean lateHours) {
        Map<String, Double> t = thresholds(dsl);
        OffsetDateTime settled = judgedUntil(now, t.getOrDefault("settle_minutes", 15.0));
        OffsetDateTime start = from.truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime end = to.isAfter(settled) ? settled : to;
        int found = 0;
        int resolved = 0;
        if (start.isBefore(end)) {
            int[] r = judge(dsl, t, start, end, true);
            found += r[0];
            resolved += r[1];
        }
        if (lateHours) {
            // hours before this window whose open (or resolved) anomalies saw data arrive after they were judged
            List<OffsetDateTime> late = dsl.resultQuery("""
                    SELECT DISTINCT a.period_start FROM exchange_anomaly a
                    WHERE a.status IN ('NEW', 'ACKNOWLEDGED', 'RESOLVED') AND a.kind IN ('FAILURE_RATIO', 'UNUSUAL_TRAFFIC')
                      AND a.period_start < ?::timestamptz
                      AND EXISTS (SELECT 1 FROM exchange_stat s
                                  WHERE s.provider_code = a.provider_code AND s.consumer_code = a.consumer_code
                                    AND s.interval_start >= a.period_start AND s.interval_start < a.period_end
                                    AND s.received_at > a.evaluated_at)
                    ORDER BY 1 DESC LIMIT ?""", start, LATE_HOURS_PER_PASS)
                    .fetch(r -> r.get(0, OffsetDateTime.class));
            for (OffsetDateTime hour : late) {
                int[] r = judge(dsl, t, hour, hour.plusHours(1), false);
                found += r[0];
                resolved += r[1];
            }
            resolved += dsl.execute("""
                    UPDATE exchange_anomaly a SET status = 'RESOLVED', resolved_at = now(), resolution = 'LATE_DATA', evaluated_at = now()
                    WHERE a.kind = 'SILENT_PROVIDER' AND a.status IN ('NEW', 'ACKNOWLEDGED')
                      AND EXISTS (SELECT 1 FROM exchange_hourly h WHERE h.provider_code = a.provider_code
                                  AND h.bucket >= a.period_start AND h.bucket < a.period_end AND h.calls > 0)""");
        }
        return new Detection(start, end.isBefore(start) ? start : end, settled, found, resolved, List.of());
    }

    /**
     * Judges every rule over [start, end): new findings are recorded, changed ones updated (a resolved one that
     * holds again reopens), open anomalies of the window that no longer hold are resolved. Returns {found, resolved}.
     */
    private int[] judge(DSLContext dsl, Map<String, Double> t, OffsetDateTime start, OffsetDateTime end, boolean silent) {
        dsl.execute("""
                CREATE TEMPORARY TABLE IF NOT EXISTS anomaly_finding (
                    kind text, period_start timestamptz, period_end timestamptz, provider_code text, consumer_code text,
                    resource text, detail jsonb) ON COMMIT DROP""");
        dsl.execute("TRUNCATE anomaly_finding");
        String insert = "INSERT INTO anomaly_finding (kind, period_start, period_end, provider_code, consumer_code, resource, detail) ";
        dsl.execute(insert + """
                SELECT 'FAILURE_RATIO', bucket, bucket + interval '1 hour', provider_code, consumer_code, resource,
                       jsonb_build_object('calls', calls, 'failedCalls', failed_calls, 'ratio', round(failed_calls::numeric / calls, 4),
                                          'threshold', ?::numeric)
                FROM exchange_hourly
                WHERE bucket >= ?::timestamptz AND bucket < ?::timestamptz AND calls >= ?::numeric AND failed_calls::numeric / calls > ?::numeric""",
                t.get("failure_ratio"), start, end, t.get("failure_min_calls"), t.get("failure_ratio"));
        dsl.execute(insert + """
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
                SELECT 'UNUSUAL_TRAFFIC', b.bucket, b.bucket + interval '1 hour', b.provider_code, b.consumer_code, '',
                       jsonb_build_object('calls', coalesce(h.calls, 0), 'usual', round(b.usual, 1),
                                          'lowFactor', ?::numeric, 'highFactor', ?::numeric)
                FROM baseline b LEFT JOIN hours h USING (bucket, provider_code, consumer_code)
                WHERE b.usual IS NOT NULL AND b.usual >= ?::numeric AND (coalesce(h.calls, 0) < b.usual * ?::numeric OR coalesce(h.calls, 0) > b.usual * ?::numeric)""",
                start, end, start, t.get("unusual_weeks").intValue(), end, start, end, t.get("unusual_weeks").intValue(), t.get("unusual_weeks").intValue(),
                t.get("unusual_low_factor"), t.get("unusual_high_factor"), t.get("unusual_min_baseline"),
                t.get("unusual_low_factor"), t.get("unusual_high_factor"));
        if (silent) {
            OffsetDateTime silentSince = end.minusHours(t.get("silent_hours").longValue());
            dsl.execute(insert + """
                    SELECT 'SILENT_PROVIDER', max(bucket) + interval '1 hour', ?::timestamptz, provider_code, '', '',
                           jsonb_build_object('lastTraffic', max(bucket) + interval '1 hour', 'silentHours', ?::numeric,
                                              'callsInPreviousWeek', sum(calls))
                    FROM exchange_hourly
                    WHERE bucket >= ?::timestamptz - interval '7 days' AND bucket < ?::timestamptz
                    GROUP BY provider_code
                    HAVING max(bucket) < ?::timestamptz""",
                    end, t.get("silent_hours"), end, end, silentSince);
        }
        dsl.execute(insert + """
                SELECT 'CLOCK_SKEW', date_trunc('hour', started_at, 'UTC'), date_trunc('hour', started_at, 'UTC') + interval '1 hour',
                       provider_org, client_org, resource,
                       jsonb_build_object('calls', count(*), 'minRequestNetworkMs', min(request_network_ms),
                                          'minResponseNetworkMs', min(response_network_ms))
                FROM opmon_call
                WHERE started_at >= ?::timestamptz AND started_at < ?::timestamptz AND (request_network_ms < 0 OR response_network_ms < 0)
                GROUP BY 2, 3, 4, 5, 6""", start, end);
        dsl.execute(insert + """
                SELECT 'DUPLICATE_MESSAGE_ID', date_trunc('hour', min(started_at), 'UTC'),
                       date_trunc('hour', min(started_at), 'UTC') + interval '1 hour', min(provider_org), min(client_org), message_id,
                       jsonb_build_object('messageId', message_id, 'calls', count(*))
                FROM opmon_call
                WHERE started_at >= ?::timestamptz AND started_at < ?::timestamptz
                GROUP BY message_id HAVING count(*) > 1""", start, end);
        var inserted = dsl.resultQuery("""
                INSERT INTO exchange_anomaly AS a (kind, period_start, period_end, provider_code, consumer_code, resource, detail, evaluated_at)
                SELECT kind, period_start, period_end, provider_code, consumer_code, resource, detail, now() FROM anomaly_finding
                ON CONFLICT ON CONSTRAINT exchange_anomaly_once DO UPDATE
                    SET detail = excluded.detail, period_end = excluded.period_end, evaluated_at = now(),
                        status = CASE WHEN a.status = 'RESOLVED' THEN 'NEW' ELSE a.status END,
                        resolved_at = CASE WHEN a.status = 'RESOLVED' THEN NULL ELSE a.resolved_at END,
                        resolution = CASE WHEN a.status = 'RESOLVED' THEN NULL ELSE a.resolution END
                RETURNING (xmax = 0)""").fetch().stream().filter(r -> Boolean.TRUE.equals(r.get(0, Boolean.class))).count();
        int resolved = dsl.execute("""
                UPDATE exchange_anomaly a SET status = 'RESOLVED', resolved_at = now(), resolution = 'LATE_DATA', evaluated_at = now()
                WHERE a.status IN ('NEW', 'ACKNOWLEDGED') AND a.kind <> 'SILENT_PROVIDER'
                  AND a.period_start >= ?::timestamptz AND a.period_start < ?::timestamptz
                  AND NOT EXISTS (SELECT 1 FROM anomaly_finding f WHERE f.kind = a.kind AND f.period_start = a.period_start
                                  AND f.provider_code = a.provider_code AND f.consumer_code = a.consumer_code AND f.resource = a.resource)""",
                start, end);
        // everything of the window has now been judged against its current data (no audit entry: see V11)
        dsl.execute("UPDATE exchange_anomaly SET evaluated_at = now() WHERE period_start >= ?::timestamptz AND period_start < ?::timestamptz "
                + "AND kind <> 'SILENT_PROVIDER' AND evaluated_at < now()", start, end);
        return new int[] {(int) inserted, resolved};
    }

    static Map<String, Double> thresholds(DSLContext dsl) {
        Map<String, Double> t = new LinkedHashMap<>();
        dsl.selectFrom(EXCHANGE_THRESHOLD).forEach(r -> t.put(r.getName(), r.getValue().doubleValue()));
        return t;
    }
}
