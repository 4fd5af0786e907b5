package cn.suqian.govshare.connection;

import cn.suqian.govshare.connection.ConnectionTarget.Probe;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_CHECK;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_INCIDENT;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_STATE;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;

/**
 * Where every check lands: the N/M state machine per target, the raw check, the minute/hour/day/month
 * rollups (additive upserts in the same transaction, so reads are current at once), incidents opened and
 * closed on transitions, and the notification outbox. Also claims the targets that are due, so that several
 * replicas never probe one target twice. State lives in connection_state: a restart resumes it.
 */
@Component
class ConnectionMonitor {

    static final ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;
    static final Actor ACTOR = Actor.system("connection-monitor");

    private final Db db;
    private final TimeSeriesStorage storage;
    private final Notifications notifications;

    ConnectionMonitor(Db db, TimeSeriesStorage storage, Notifications notifications) {
        this.db = db;
        this.storage = storage;
        this.notifications = notifications;
    }

    /** A target that is due: a probe to run, or a heartbeat target whose heartbeat is overdue. */
    record Due(ProbeSpec spec, boolean missedHeartbeat, int intervalSeconds) {
    }

    /**
     * Takes the targets due at {@code now} (new ones get a state first, at a random point of their first
     * interval so that targets do not probe in step) and moves each one's next due time a jittered interval
     * ahead, in one transaction: another replica's tick will not take them again. Blocking.
     */
    List<Due> claim(OffsetDateTime now, String node, int limit) {
        return claim(now, node, limit, null);
    }

    /** The same, among the given targets only (null: all). */
    List<Due> claim(OffsetDateTime now, String node, int limit, java.util.Collection<String> only) {
        return db.inTransaction(ACTOR, dsl -> {
            ConnectionSettings settings = ConnectionSettings.read(dsl);
            dsl.execute("""
                    INSERT INTO connection_state (target_code, status_since, next_due_at)
                    SELECT t.code, ?::timestamptz, least(?::timestamptz, now()) + make_interval(secs => random() * t.interval_seconds
                                                   * CASE WHEN t.probe = 'HEARTBEAT' THEN ? ELSE 1 END)
                    FROM connection_target t
                    WHERE t.retired_at IS NULL AND t.enabled
                      AND NOT EXISTS (SELECT 1 FROM connection_state s WHERE s.target_code = t.code)
                    ON CONFLICT DO NOTHING""", now, now, settings.heartbeatTolerance());
            double jitter = settings.jitterPercent() / 100.0;
            var due = dsl.select(CONNECTION_TARGET.CODE, CONNECTION_TARGET.PROBE, CONNECTION_TARGET.ADDRESS, CONNECTION_TARGET.TIMEOUT_MS,
                            CONNECTION_TARGET.EXPECTED_STATUS, CONNECTION_TARGET.EXPECTED_TEXT, CONNECTION_TARGET.CERT_WARNING_DAYS,
                            CONNECTION_TARGET.INTERVAL_SECONDS)
                    .from(CONNECTION_STATE).join(CONNECTION_TARGET).on(CONNECTION_TARGET.CODE.eq(CONNECTION_STATE.TARGET_CODE))
                    .where(CONNECTION_STATE.NEXT_DUE_AT.le(now))
                    .and(CONNECTION_TARGET.RETIRED_AT.isNull()).and(CONNECTION_TARGET.ENABLED.isTrue())
                    .and(CONNECTION_TARGET.PROBE.eq(Probe.HEARTBEAT).or(CONNECTION_TARGET.ADDRESS.isNotNull()))
                    .and(only == null ? org.jooq.impl.DSL.noCondition() : CONNECTION_TARGET.CODE.in(only))
                    .orderBy(CONNECTION_STATE.NEXT_DUE_AT)
                    .limit(limit)
                    .forUpdate().of(CONNECTION_STATE).skipLocked()
                    .fetch(r -> new Due(new ProbeSpec(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()),
                            r.value2() == Probe.HEARTBEAT, r.value8()));
            List<Query> moves = new ArrayList<>();
            for (Due d : due) {
                double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
                long seconds = Math.max(1, Math.round(d.intervalSeconds() * (d.missedHeartbeat() ? 1 : factor)));
                moves.add(dsl.update(CONNECTION_STATE).set(CONNECTION_STATE.NEXT_DUE_AT, now.plusSeconds(seconds))
                        .set(CONNECTION_STATE.CLAIMED_BY, node).where(CONNECTION_STATE.TARGET_CODE.eq(d.spec().targetCode())));
            }
            if (!moves.isEmpty()) {
                dsl.batch(moves).execute();
            }
            return due;
        });
    }

    /** A target as the state machine needs it. */
    private record Target(String code, String organisation, String system, int interval, int downAfter, int upAfter,
                          StateMachine.State state, Long openIncident, OffsetDateTime lastNotified) {
    }

    /** What recording a batch did, for tests and logs. */
    record Outcome(int checks, int wentDown, int wentUp) {
    }

    /** Stores a batch of results in one transaction. Blocking. */
    Outcome record(List<CheckResult> results) {
        if (results.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        return db.inTransaction(ACTOR, dsl -> record(dsl, results));
    }

    Outcome record(DSLContext dsl, List<CheckResult> unsorted) {
        List<CheckResult> results = new ArrayList<>(unsorted);
        results.sort(Comparator.comparing(CheckResult::at));
        ConnectionSettings settings = ConnectionSettings.read(dsl);
        OffsetDateTime first = results.getFirst().at();
        OffsetDateTime last = results.getLast().at();
        storage.ensurePartitions(dsl, CONNECTION_CHECK, first, last.plusMinutes(1));
        storage.ensurePartitions(dsl, "connection_minute", first, last.plusMinutes(1));

        List<String> codes = results.stream().map(CheckResult::targetCode).distinct().sorted().toList();
        dsl.execute("INSERT INTO connection_state (target_code, status_since, next_due_at) SELECT unnest(?::text[]), ?::timestamptz, ?::timestamptz "
                + "ON CONFLICT DO NOTHING", codes.toArray(String[]::new), first, first);
        Map<String, Target> targets = new HashMap<>();
        dsl.select(CONNECTION_TARGET.CODE, CONNECTION_TARGET.ORGANISATION_CODE, CONNECTION_TARGET.SYSTEM_CODE, CONNECTION_TARGET.INTERVAL_SECONDS,
                        CONNECTION_TARGET.DOWN_AFTER, CONNECTION_TARGET.UP_AFTER, CONNECTION_STATE.STATUS, CONNECTION_STATE.STATUS_SINCE,
                        CONNECTION_STATE.CONSECUTIVE_FAILURES, CONNECTION_STATE.CONSECUTIVE_SUCCESSES, CONNECTION_STATE.FAILING_SINCE,
                        CONNECTION_STATE.OPEN_INCIDENT_ID, CONNECTION_STATE.LAST_NOTIFIED_AT)
                .from(CONNECTION_STATE).join(CONNECTION_TARGET).on(CONNECTION_TARGET.CODE.eq(CONNECTION_STATE.TARGET_CODE))
                .where(CONNECTION_STATE.TARGET_CODE.in(codes))
                .orderBy(CONNECTION_STATE.TARGET_CODE)
                .forUpdate().of(CONNECTION_STATE)
                .forEach(r -> targets.put(r.value1(), new Target(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        new StateMachine.State(r.value7(), r.value8(), r.value9(), r.value10(), r.value11()), r.value12(), r.value13())));
        List<MaintenanceWindow> windows = MaintenanceWindows.active(dsl, first, last);

        var checks = dsl.insertInto(CONNECTION_CHECK, CONNECTION_CHECK.CHECKED_AT, CONNECTION_CHECK.TARGET_CODE, CONNECTION_CHECK.OK,
                CONNECTION_CHECK.CAUSE, CONNECTION_CHECK.DETAIL, CONNECTION_CHECK.LATENCY_MS, CONNECTION_CHECK.HTTP_STATUS,
                CONNECTION_CHECK.COUNTED_AS, CONNECTION_CHECK.COVERS_SECONDS, CONNECTION_CHECK.SOURCE);
        Map<String, Rollup> minutes = new LinkedHashMap<>();
        int down = 0;
        int up = 0;
        int stored = 0;
        Map<String, CheckResult> lastOf = new HashMap<>();
        List<Query> updates = new ArrayList<>();
        for (CheckResult r : results) {
            Target t = targets.get(r.targetCode());
            if (t == null) {
                continue; // retired meanwhile, or unknown: not counted
            }
            boolean maintenance = MaintenanceWindow.anyCovers(windows, t.code(), t.organisation(), r.at().toInstant());
            StateMachine.Step step = StateMachine.apply(t.state(), r.ok(), r.at(), t.downAfter(), t.upAfter(), maintenance);
            Long incident = t.openIncident();
            OffsetDateTime notified = t.lastNotified();
            switch (step.transition()) {
                case WENT_DOWN -> {
                    down++;
                    incident = dsl.insertInto(CONNECTION_INCIDENT)
                            .set(CONNECTION_INCIDENT.TARGET_CODE, t.code()).set(CONNECTION_INCIDENT.ORGANISATION_CODE, t.organisation())
                            .set(CONNECTION_INCIDENT.SYSTEM_CODE, t.system()).set(CONNECTION_INCIDENT.CAUSE, r.cause())
                            .set(CONNECTION_INCIDENT.DETAIL, r.detail()).set(CONNECTION_INCIDENT.STARTED_AT, step.next().failingSince())
                            .set(CONNECTION_INCIDENT.DETECTED_AT, r.at()).set(CONNECTION_INCIDENT.FAILURES, step.next().failures())
                            .set(CONNECTION_INCIDENT.IN_MAINTENANCE, maintenance)
                            .returning(CONNECTION_INCIDENT.ID).fetchOne().getId();
                    if (!maintenance) {
                        notifications.enqueue(dsl, incident, NotificationEvent.DOWN);
                        notified = r.at();
                    }
                }
                case WENT_UP -> {
                    up++;
                    if (incident != null) {
                        dsl.update(CONNECTION_INCIDENT).set(CONNECTION_INCIDENT.ENDED_AT, r.at())
                                .where(CONNECTION_INCIDENT.ID.eq(incident)).execute();
                        if (notified != null) {
                            notifications.enqueue(dsl, incident, NotificationEvent.UP);
                        }
                    }
                    incident = null;
                    notified = null;
                }
                default -> {
                    if (incident != null && !r.ok()) {
                        dsl.update(CONNECTION_INCIDENT).set(CONNECTION_INCIDENT.FAILURES, CONNECTION_INCIDENT.FAILURES.plus(1))
                                .where(CONNECTION_INCIDENT.ID.eq(incident)).execute();
                        if (!maintenance && settings.resendMinutes() > 0 && notified != null
                                && !notified.plusMinutes(settings.resendMinutes()).isAfter(r.at())) {
                            notifications.enqueue(dsl, incident, NotificationEvent.STILL_DOWN);
                            notified = r.at();
                        }
                    }
                }
            }
            targets.put(t.code(), new Target(t.code(), t.organisation(), t.system(), t.interval(), t.downAfter(), t.upAfter(), step.next(),
                    incident, notified));
            int covers = Math.min(86_400, t.interval());
            checks = checks.values(r.at(), t.code(), r.ok(), r.cause(), r.detail(), r.latencyMs(), r.httpStatus(), step.countedAs(), covers, r.source());
            stored++;
            minutes.computeIfAbsent(t.code() + "|" + r.at().truncatedTo(ChronoUnit.MINUTES).toInstant(),
                    k -> new Rollup(t.code(), r.at().truncatedTo(ChronoUnit.MINUTES))).add(r, step.countedAs(), covers);
            lastOf.put(t.code(), r);
        }
        if (stored == 0) {
            return new Outcome(0, 0, 0);
        }
        checks.execute();
        for (Map.Entry<String, CheckResult> e : lastOf.entrySet()) {
            Target t = targets.get(e.getKey());
            CheckResult r = e.getValue();
            StateMachine.State s = t.state();
            var update = dsl.update(CONNECTION_STATE)
                    .set(CONNECTION_STATE.STATUS, s.status()).set(CONNECTION_STATE.STATUS_SINCE, s.statusSince())
                    .set(CONNECTION_STATE.CONSECUTIVE_FAILURES, s.failures()).set(CONNECTION_STATE.CONSECUTIVE_SUCCESSES, s.successes())
                    .set(CONNECTION_STATE.FAILING_SINCE, s.failingSince()).set(CONNECTION_STATE.LAST_CHECK_AT, r.at())
                    .set(CONNECTION_STATE.LAST_CAUSE, r.cause() == null ? null : r.cause().name()).set(CONNECTION_STATE.LAST_DETAIL, r.detail())
                    .set(CONNECTION_STATE.LAST_LATENCY_MS, r.latencyMs())
                    .set(CONNECTION_STATE.OPEN_INCIDENT_ID, t.openIncident()).set(CONNECTION_STATE.LAST_NOTIFIED_AT, t.lastNotified());
            if (r.ok()) {
                update = update.set(CONNECTION_STATE.LAST_SUCCESS_AT, r.at());
            } else {
                update = update.set(CONNECTION_STATE.LAST_FAILURE_AT, r.at());
            }
            if (r.certExpiresAt() != null) {
                update = update.set(CONNECTION_STATE.CERT_EXPIRES_AT, r.certExpiresAt());
            }
            updates.add(update.where(CONNECTION_STATE.TARGET_CODE.eq(t.code())));
        }
        dsl.batch(updates).execute();
        rollUp(dsl, minutes.values());
        return new Outcome(stored, down, up);
    }

    /** One bucket's sums for one target. */
    static final class Rollup {
        final String target;
        final OffsetDateTime minute;
        int checks;
        int failures;
        int upSeconds;
        int downSeconds;
        int maintenanceSeconds;
        long latencySum;
        int latencyMax;

        Rollup(String target, OffsetDateTime minute) {
            this.target = target;
            this.minute = minute;
        }

        void add(CheckResult r, CountedAs counted, int covers) {
            checks++;
            failures += r.ok() ? 0 : 1;
            switch (counted) {
                case UP -> upSeconds += covers;
                case DOWN -> downSeconds += covers;
                case MAINTENANCE -> maintenanceSeconds += covers;
                case UNKNOWN -> { }
            }
            if (r.latencyMs() != null) {
                latencySum += r.latencyMs();
                latencyMax = Math.max(latencyMax, r.latencyMs());
            }
        }
    }

    /**
     * A maintenance window entered after the fact: the stored checks it covers (within raw retention) are
     * counted as maintenance from now on, and their covered time moves from up or down (or unknown) to
     * maintenance in the minute, hour, day and month rollups — the same delta the checks' own transaction would
     * have added had the window been known then, so stored availability for those days is as if recomputed
     * from the raw checks. Incidents that started inside the window are marked as in maintenance. Checks older
     * than the raw retention are gone and keep their classification. Returns the checks reclassified.
     */
    static int reclassify(DSLContext dsl, MaintenanceWindow w, OffsetDateTime now) {
        OffsetDateTime to = w.endsAt().isBefore(now) ? w.endsAt() : now;
        if (!w.startsAt().isBefore(to)) {
            return 0;
        }
        org.jooq.Condition targets = w.targetCode() != null ? CONNECTION_CHECK.TARGET_CODE.eq(w.targetCode())
                : CONNECTION_CHECK.TARGET_CODE.in(dsl.select(CONNECTION_TARGET.CODE).from(CONNECTION_TARGET)
                        .where(CONNECTION_TARGET.ORGANISATION_CODE.eq(w.organisationCode())));
        Map<String, String> organisationOf = new HashMap<>();
        dsl.select(CONNECTION_TARGET.CODE, CONNECTION_TARGET.ORGANISATION_CODE).from(CONNECTION_TARGET)
                .where(w.targetCode() != null ? CONNECTION_TARGET.CODE.eq(w.targetCode()) : CONNECTION_TARGET.ORGANISATION_CODE.eq(w.organisationCode()))
                .forEach(r -> organisationOf.put(r.value1(), r.value2()));
        // the same lock, in the same order, as storing checks takes: a batch being stored either commits before
        // (and is reclassified here) or waits and then sees the window
        dsl.select(CONNECTION_STATE.TARGET_CODE).from(CONNECTION_STATE).where(CONNECTION_STATE.TARGET_CODE.in(organisationOf.keySet()))
                .orderBy(CONNECTION_STATE.TARGET_CODE).forUpdate().execute();
        Map<String, Rollup> minutes = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>();
        List<OffsetDateTime> ats = new ArrayList<>();
        dsl.select(CONNECTION_CHECK.TARGET_CODE, CONNECTION_CHECK.CHECKED_AT, CONNECTION_CHECK.COUNTED_AS, CONNECTION_CHECK.COVERS_SECONDS)
                .from(CONNECTION_CHECK)
                .where(targets).and(CONNECTION_CHECK.CHECKED_AT.ge(w.startsAt())).and(CONNECTION_CHECK.CHECKED_AT.lt(to))
                .and(CONNECTION_CHECK.COUNTED_AS.ne(CountedAs.MAINTENANCE))
                .orderBy(CONNECTION_CHECK.TARGET_CODE, CONNECTION_CHECK.CHECKED_AT)
                .forEach(r -> {
                    if (!w.covers(r.value1(), organisationOf.get(r.value1()), r.value2().toInstant())) {
                        return; // a recurring window: only its occurrences
                    }
                    codes.add(r.value1());
                    ats.add(r.value2());
                    Rollup m = minutes.computeIfAbsent(r.value1() + "|" + r.value2().truncatedTo(ChronoUnit.MINUTES).toInstant(),
                            k -> new Rollup(r.value1(), r.value2().truncatedTo(ChronoUnit.MINUTES)));
                    int covers = r.value4();
                    switch (r.value3()) {
                        case UP -> m.upSeconds -= covers;
                        case DOWN -> m.downSeconds -= covers;
                        default -> { }
                    }
                    m.maintenanceSeconds += covers;
                });
        if (codes.isEmpty()) {
            return 0;
        }
        dsl.execute("UPDATE connection_check c SET counted_as = 'MAINTENANCE' FROM unnest(?::text[], ?::timestamptz[]) AS x(target, at) "
                + "WHERE c.target_code = x.target AND c.checked_at = x.at", codes.toArray(String[]::new), ats.toArray(OffsetDateTime[]::new));
        rollUp(dsl, minutes.values());
        List<Long> incidents = new ArrayList<>();
        dsl.select(CONNECTION_INCIDENT.ID, CONNECTION_INCIDENT.TARGET_CODE, CONNECTION_INCIDENT.ORGANISATION_CODE, CONNECTION_INCIDENT.STARTED_AT)
                .from(CONNECTION_INCIDENT)
                .where(CONNECTION_INCIDENT.TARGET_CODE.in(organisationOf.keySet())).and(CONNECTION_INCIDENT.IN_MAINTENANCE.isFalse())
                .and(CONNECTION_INCIDENT.STARTED_AT.ge(w.startsAt())).and(CONNECTION_INCIDENT.STARTED_AT.lt(to))
                .forEach(r -> {
                    if (w.covers(r.value2(), r.value3(), r.value4().toInstant())) {
                        incidents.add(r.value1());
                    }
                });
        if (!incidents.isEmpty()) {
            dsl.update(CONNECTION_INCIDENT).set(CONNECTION_INCIDENT.IN_MAINTENANCE, true).where(CONNECTION_INCIDENT.ID.in(incidents)).execute();
        }
        return codes.size();
    }

    /** Adds the minute sums into the minute, hour, day and month rollups (days and months in China Standard Time). */
    private static void rollUp(DSLContext dsl, java.util.Collection<Rollup> minutes) {
        upsert(dsl, "connection_minute", "bucket", "timestamptz", minutes, r -> r.minute);
        upsert(dsl, "connection_hourly", "bucket", "timestamptz", minutes, r -> r.minute.truncatedTo(ChronoUnit.HOURS));
        upsert(dsl, "connection_daily", "day", "date", minutes, r -> r.minute.atZoneSameInstant(ZONE).toLocalDate());
        upsert(dsl, "connection_monthly", "month", "date", minutes, r -> r.minute.atZoneSameInstant(ZONE).toLocalDate().withDayOfMonth(1));
    }

    private static void upsert(DSLContext dsl, String table, String bucketColumn, String bucketType, java.util.Collection<Rollup> rows,
                               java.util.function.Function<Rollup, Object> bucket) {
        // one statement per level: the rows, unnested from arrays, summed per key, added to what is stored
        List<Object> buckets = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<Integer> checks = new ArrayList<>();
        List<Integer> failures = new ArrayList<>();
        List<Integer> ups = new ArrayList<>();
        List<Integer> downs = new ArrayList<>();
        List<Integer> maint = new ArrayList<>();
        List<Long> sums = new ArrayList<>();
        List<Integer> maxes = new ArrayList<>();
        for (Rollup r : rows) {
            Object b = bucket.apply(r);
            buckets.add(b instanceof LocalDate d ? d.toString() : ((OffsetDateTime) b).toString());
            targets.add(r.target);
            checks.add(r.checks);
            failures.add(r.failures);
            ups.add(r.upSeconds);
            downs.add(r.downSeconds);
            maint.add(r.maintenanceSeconds);
            sums.add(r.latencySum);
            maxes.add(r.latencyMax);
        }
        dsl.execute("""
                INSERT INTO %1$s AS t (%2$s, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds, latency_ms_sum, latency_ms_max)
                SELECT b::%3$s, target, sum(c), sum(f), sum(u), sum(d), sum(m), sum(ls), max(lm)
                FROM unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::bigint[], ?::int[])
                     AS x(b, target, c, f, u, d, m, ls, lm)
                GROUP BY 1, 2
                ORDER BY 2, 1 -- one lock order for every writer: concurrent batches queue instead of deadlocking
                ON CONFLICT (target_code, %2$s) DO UPDATE SET
                    checks = t.checks + excluded.checks, failures = t.failures + excluded.failures,
                    up_seconds = t.up_seconds + excluded.up_seconds, down_seconds = t.down_seconds + excluded.down_seconds,
                    maintenance_seconds = t.maintenance_seconds + excluded.maintenance_seconds,
                    latency_ms_sum = t.latency_ms_sum + excluded.latency_ms_sum,
                    latency_ms_max = greatest(t.latency_ms_max, excluded.latency_ms_max)""".formatted(table, bucketColumn, bucketType),
                buckets.toArray(String[]::new), targets.toArray(String[]::new), checks.toArray(Integer[]::new),
                failures.toArray(Integer[]::new), ups.toArray(Integer[]::new), downs.toArray(Integer[]::new), maint.toArray(Integer[]::new),
                sums.toArray(Long[]::new), maxes.toArray(Integer[]::new));
    }
}
