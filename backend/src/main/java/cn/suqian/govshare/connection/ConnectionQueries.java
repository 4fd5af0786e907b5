package cn.suqian.govshare.connection;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_INCIDENT;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_MINUTE;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_STATE;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;

/**
 * Reading connection status: the current state of every target, incidents, availability per target, system
 * or organisation per day, month or year (with MTTR), and one target's detail. Departments see their own
 * organisation's targets only. Every read is one transaction.
 */
@Service
public class ConnectionQueries {

    private final Db db;
    private final Inventory inventory;
    private final ClosedMonths closedMonths;
    private final TargetSpans targetSpans;

    ConnectionQueries(Db db, Inventory inventory, ClosedMonths closedMonths, TargetSpans targetSpans) {
        this.db = db;
        this.inventory = inventory;
        this.closedMonths = closedMonths;
        this.targetSpans = targetSpans;
    }

    /** One target now. {@code inMaintenance}: a planned window covers this moment. */
    public record TargetStatus(String code, String name, ConnectionTarget.Kind kind, ConnectionTarget.Probe probe, String address,
                               String organisationCode, String systemCode, String systemName, boolean enabled, ConnectionStatus status,
                               OffsetDateTime statusSince, OffsetDateTime lastCheckAt, OffsetDateTime lastSuccessAt, String lastCause,
                               String lastDetail, Integer lastLatencyMs, OffsetDateTime lastHeartbeatAt, OffsetDateTime certExpiresAt,
                               Long openIncidentId, boolean inMaintenance, int intervalSeconds, int downAfter, int upAfter,
                               String expectedStatus, String expectedText, int timeoutMs, int certWarningDays, OffsetDateTime createdAt) {
    }

    public record StatusReport(OffsetDateTime at, Map<ConnectionStatus, Integer> counts, int inMaintenance, List<TargetStatus> items) {
    }

    public record Incident(long id, String targetCode, String targetName, ConnectionTarget.Kind kind, String organisationCode, String systemCode,
                           CheckCause cause, String detail, OffsetDateTime startedAt, OffsetDateTime detectedAt, OffsetDateTime endedAt,
                           Long durationSeconds, int failures, boolean inMaintenance) {
    }

    public Mono<StatusReport> status(CurrentUser user, String organisation, ConnectionTarget.Kind kind) {
        String org = scope(user, organisation);
        return db.tx(dsl -> status(dsl, org, kind, null));
    }

    StatusReport status(DSLContext dsl, String org, ConnectionTarget.Kind kind, String code) {
        OffsetDateTime now = OffsetDateTime.now();
        Map<String, String> systemNames = new HashMap<>();
        inventory.active(dsl).forEach(s -> systemNames.put(s.code(), s.name()));
        List<MaintenanceWindow> windows = MaintenanceWindows.active(dsl, now, now);
        Condition c = CONNECTION_TARGET.RETIRED_AT.isNull();
        if (org != null) {
            c = c.and(CONNECTION_TARGET.ORGANISATION_CODE.eq(org));
        }
        if (kind != null) {
            c = c.and(CONNECTION_TARGET.KIND.eq(kind));
        }
        if (code != null) {
            c = c.and(CONNECTION_TARGET.CODE.eq(code));
        }
        List<TargetStatus> items = dsl.select(CONNECTION_TARGET.asterisk(), CONNECTION_STATE.asterisk())
                .from(CONNECTION_TARGET).leftJoin(CONNECTION_STATE).on(CONNECTION_STATE.TARGET_CODE.eq(CONNECTION_TARGET.CODE))
                .where(c).orderBy(CONNECTION_TARGET.ORGANISATION_CODE, CONNECTION_TARGET.CODE)
                .fetch(r -> status(r, systemNames, MaintenanceWindow.anyCovers(windows, r.get(CONNECTION_TARGET.CODE),
                        r.get(CONNECTION_TARGET.ORGANISATION_CODE), now.toInstant())));
        Map<ConnectionStatus, Integer> counts = new LinkedHashMap<>();
        for (ConnectionStatus s : ConnectionStatus.values()) {
            counts.put(s, 0);
        }
        items.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        return new StatusReport(now, counts, (int) items.stream().filter(TargetStatus::inMaintenance).count(), items);
    }

    private static TargetStatus status(Record r, Map<String, String> systemNames, boolean maintenance) {
        ConnectionStatus status = r.get(CONNECTION_STATE.STATUS);
        return new TargetStatus(r.get(CONNECTION_TARGET.CODE), r.get(CONNECTION_TARGET.NAME), r.get(CONNECTION_TARGET.KIND),
                r.get(CONNECTION_TARGET.PROBE), r.get(CONNECTION_TARGET.ADDRESS), r.get(CONNECTION_TARGET.ORGANISATION_CODE),
                r.get(CONNECTION_TARGET.SYSTEM_CODE), systemNames.get(r.get(CONNECTION_TARGET.SYSTEM_CODE)),
                Boolean.TRUE.equals(r.get(CONNECTION_TARGET.ENABLED)), status == null ? ConnectionStatus.UNKNOWN : status,
                r.get(CONNECTION_STATE.STATUS_SINCE), r.get(CONNECTION_STATE.LAST_CHECK_AT), r.get(CONNECTION_STATE.LAST_SUCCESS_AT),
                r.get(CONNECTION_STATE.LAST_CAUSE), r.get(CONNECTION_STATE.LAST_DETAIL), r.get(CONNECTION_STATE.LAST_LATENCY_MS),
                r.get(CONNECTION_STATE.LAST_HEARTBEAT_AT), r.get(CONNECTION_STATE.CERT_EXPIRES_AT), r.get(CONNECTION_STATE.OPEN_INCIDENT_ID),
                maintenance, r.get(CONNECTION_TARGET.INTERVAL_SECONDS), r.get(CONNECTION_TARGET.DOWN_AFTER), r.get(CONNECTION_TARGET.UP_AFTER),
                r.get(CONNECTION_TARGET.EXPECTED_STATUS), r.get(CONNECTION_TARGET.EXPECTED_TEXT), r.get(CONNECTION_TARGET.TIMEOUT_MS),
                r.get(CONNECTION_TARGET.CERT_WARNING_DAYS), r.get(CONNECTION_TARGET.CREATED_AT));
    }

    /** Incidents, newest first, of the organisation (departments: own), optionally one target, open ones only, or a period. */
    public Mono<PageResult<Incident>> incidents(CurrentUser user, String organisation, String target, ConnectionTarget.Kind kind,
                                                Boolean open, OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        String org = scope(user, organisation);
        return db.tx(dsl -> {
            Condition c = DSL.noCondition();
            if (org != null) {
                c = c.and(CONNECTION_INCIDENT.ORGANISATION_CODE.eq(org));
            }
            if (target != null && !target.isBlank()) {
                c = c.and(CONNECTION_INCIDENT.TARGET_CODE.eq(target));
            }
            if (kind != null) {
                c = c.and(CONNECTION_TARGET.KIND.eq(kind));
            }
            if (open != null) {
                c = c.and(open ? CONNECTION_INCIDENT.ENDED_AT.isNull() : CONNECTION_INCIDENT.ENDED_AT.isNotNull());
            }
            if (from != null) {
                c = c.and(CONNECTION_INCIDENT.ENDED_AT.isNull().or(CONNECTION_INCIDENT.ENDED_AT.gt(from)));
            }
            if (to != null) {
                c = c.and(CONNECTION_INCIDENT.STARTED_AT.lt(to));
            }
            long total = dsl.selectCount().from(CONNECTION_INCIDENT).join(CONNECTION_TARGET).on(CONNECTION_TARGET.CODE.eq(CONNECTION_INCIDENT.TARGET_CODE))
                    .where(c).fetchOne(0, Long.class);
            List<Incident> items = dsl.select(CONNECTION_INCIDENT.asterisk(), CONNECTION_TARGET.NAME, CONNECTION_TARGET.KIND)
                    .from(CONNECTION_INCIDENT).join(CONNECTION_TARGET).on(CONNECTION_TARGET.CODE.eq(CONNECTION_INCIDENT.TARGET_CODE))
                    .where(c).orderBy(CONNECTION_INCIDENT.STARTED_AT.desc(), CONNECTION_INCIDENT.ID.desc())
                    .limit(page.size()).offset(page.offset())
                    .fetch(ConnectionQueries::incident);
            return new PageResult<>(items, total, page.page(), page.size());
        });
    }

    static Incident incident(Record r) {
        OffsetDateTime start = r.get(CONNECTION_INCIDENT.STARTED_AT);
        OffsetDateTime end = r.get(CONNECTION_INCIDENT.ENDED_AT);
        return new Incident(r.get(CONNECTION_INCIDENT.ID), r.get(CONNECTION_INCIDENT.TARGET_CODE), r.get(CONNECTION_TARGET.NAME),
                r.get(CONNECTION_TARGET.KIND), r.get(CONNECTION_INCIDENT.ORGANISATION_CODE), r.get(CONNECTION_INCIDENT.SYSTEM_CODE),
                r.get(CONNECTION_INCIDENT.CAUSE), r.get(CONNECTION_INCIDENT.DETAIL), start, r.get(CONNECTION_INCIDENT.DETECTED_AT), end,
                ChronoUnit.SECONDS.between(start, end == null ? OffsetDateTime.now() : end), r.get(CONNECTION_INCIDENT.FAILURES),
                Boolean.TRUE.equals(r.get(CONNECTION_INCIDENT.IN_MAINTENANCE)));
    }

    public enum GroupBy { TARGET, SYSTEM, ORGANISATION }

    public enum Granularity { DAY, MONTH, YEAR }

    /** One key's figures in one bucket. {@code availability} is null when nothing was measured up or down. */
    public record AvailabilityRow(String key, LocalDate bucket, long upSeconds, long downSeconds, long maintenanceSeconds, long unknownSeconds,
                                  Double availability, long checks, long failures) {
    }

    /** Per key over the whole period: availability, incidents and MTTR (mean time to recovery of closed incidents). */
    public record AvailabilityTotal(String key, long upSeconds, long downSeconds, long maintenanceSeconds, long unknownSeconds,
                                    Double availability, int incidents, Long mttrSeconds) {
    }

    public record AvailabilityReport(GroupBy by, Granularity granularity, LocalDate from, LocalDate to, List<AvailabilityTotal> totals,
                                     List<AvailabilityRow> rows) {
    }

    public Mono<AvailabilityReport> availability(CurrentUser user, GroupBy by, Granularity granularity, LocalDate from, LocalDate to,
                                                 String organisation, String system, String target, ConnectionTarget.Kind kind,
                                                 boolean totalsOnly) {
        if (!to.isAfter(from)) {
            return Mono.error(new InvalidInputException(List.of(FieldProblem.of("to", to, ProblemCode.AFTER_FROM, from))));
        }
        if (ChronoUnit.DAYS.between(from, to) > 3 * 366 + 1) {
            return Mono.error(new InvalidInputException(List.of(FieldProblem.of("to", to, ProblemCode.PERIOD_TOO_LONG, 3))));
        }
        String org = scope(user, organisation);
        return db.tx(dsl -> availability(dsl, by, granularity, from, to, org, system, target, kind, totalsOnly));
    }

    AvailabilityReport availability(DSLContext dsl, GroupBy by, Granularity granularity, LocalDate from, LocalDate to, String org,
                                    String system, String target, ConnectionTarget.Kind kind, boolean totalsOnly) {
        String key = switch (by) {
            case TARGET -> "t.code";
            case SYSTEM -> "t.system_code";
            case ORGANISATION -> "t.organisation_code";
        };
        String step = switch (granularity) {
            case DAY -> "1 day";
            case MONTH -> "1 month";
            case YEAR -> "1 year";
        };
        String unit = switch (granularity) {
            case DAY -> "day";
            case MONTH -> "month";
            case YEAR -> "year";
        };
        // day buckets read the daily rollup, month and year buckets the monthly one: a year for thousands of targets stays small
        String source = granularity == Granularity.DAY
                ? "SELECT target_code, day AS at, up_seconds, down_seconds, maintenance_seconds, checks, failures FROM connection_daily WHERE day >= ?::date AND day < ?::date"
                : "SELECT target_code, month AS at, up_seconds, down_seconds, maintenance_seconds, checks, failures FROM connection_monthly WHERE month >= date_trunc('month', ?::date)::date AND month < ?::date";
        List<Object> args = new ArrayList<>(List.of(from.toString(), to.toString(), from.toString(), to.toString(), from.toString()));
        StringBuilder where = new StringBuilder("WHERE (t.retired_at IS NULL OR t.retired_at > ?::date)");
        args.add(from.toString());
        if (org != null) {
            where.append(" AND t.organisation_code = ?");
            args.add(org);
        }
        if (system != null && !system.isBlank()) {
            where.append(" AND t.system_code = ?");
            args.add(system);
        }
        if (target != null && !target.isBlank()) {
            where.append(" AND t.code = ?");
            args.add(target);
        }
        if (kind != null) {
            where.append(" AND t.kind = ?");
            args.add(kind.name());
        }
        if (totalsOnly) {
            return totals(dsl, by, granularity, from, to, org, system, target, kind, where.toString(), args.subList(5, args.size()));
        }
        String sql = """
                WITH r AS (%s),
                buckets AS (
                    SELECT b::date AS bucket,
                           (greatest(b::date, ?::date)::timestamp AT TIME ZONE 'Asia/Shanghai') AS b_start,
                           (least((b + interval '%s')::date, ?::date)::timestamp AT TIME ZONE 'Asia/Shanghai') AS b_end
                    FROM generate_series(date_trunc('%s', ?::date), ?::date - 1, interval '%s') AS b),
                t AS (SELECT * FROM connection_target t %s),
                sums AS (
                    SELECT r.target_code, date_trunc('%s', r.at)::date AS bucket, sum(up_seconds) AS up, sum(down_seconds) AS down,
                           sum(maintenance_seconds) AS maint, sum(checks) AS checks, sum(failures) AS failures
                    FROM r GROUP BY 1, 2)
                SELECT %s AS key, buckets.bucket, coalesce(sum(s.up), 0) AS up, coalesce(sum(s.down), 0) AS down,
                       coalesce(sum(s.maint), 0) AS maint, coalesce(sum(s.checks), 0) AS checks, coalesce(sum(s.failures), 0) AS failures,
                       sum(greatest(0, extract(epoch FROM least(buckets.b_end, now(), coalesce(t.retired_at, 'infinity'))
                                                       - greatest(buckets.b_start, t.created_at))))::bigint AS measured
                FROM t CROSS JOIN buckets
                LEFT JOIN sums s ON s.target_code = t.code AND s.bucket = buckets.bucket
                GROUP BY 1, 2 ORDER BY 1, 2""".formatted(source, step, unit, step, where, unit, key);
        List<Object> all = new ArrayList<>();
        all.add(from.toString()); // the rollup read
        all.add(to.toString());
        all.add(from.toString()); // first bucket starts at from, last ends at to
        all.add(to.toString());
        all.add(from.toString()); // the buckets
        all.add(to.toString());
        all.addAll(args.subList(5, args.size()));
        List<AvailabilityRow> rows = new ArrayList<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        dsl.fetch(sql, all.toArray()).forEach(r -> {
            long up = r.get("up", Long.class);
            long down = r.get("down", Long.class);
            long maint = r.get("maint", Long.class);
            long measured = r.get("measured", Long.class);
            long unknown = Math.max(0, measured - up - down - maint);
            String k = r.get("key", String.class);
            if (!totalsOnly) {
                rows.add(new AvailabilityRow(k, r.get("bucket", LocalDate.class), up, down, maint, unknown, ratio(up, down),
                        r.get("checks", Long.class), r.get("failures", Long.class)));
            }
            long[] tot = totals.computeIfAbsent(k, x -> new long[4]);
            tot[0] += up;
            tot[1] += down;
            tot[2] += maint;
            tot[3] += unknown;
        });
        Map<String, long[]> mttr = new HashMap<>();
        String incidentKey = switch (by) {
            case TARGET -> "i.target_code";
            case SYSTEM -> "i.system_code";
            case ORGANISATION -> "i.organisation_code";
        };
        List<Object> iargs = new ArrayList<>(List.of(from.toString(), to.toString()));
        iargs.addAll(args.subList(5, args.size()));
        dsl.fetch("""
                SELECT %s AS key, count(*) AS n,
                       avg(extract(epoch FROM i.ended_at - i.started_at)) FILTER (WHERE i.ended_at IS NOT NULL) AS mttr
                FROM connection_incident i JOIN connection_target t ON t.code = i.target_code
                WHERE NOT i.in_maintenance
                  AND i.started_at < (?::date::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '0'
                  AND coalesce(i.ended_at, 'infinity') > (?::date::timestamp AT TIME ZONE 'Asia/Shanghai')
                  AND (%s)
                GROUP BY 1""".formatted(incidentKey, where.substring("WHERE ".length())), swapFirstTwo(iargs).toArray())
                .forEach(r -> mttr.put(r.get("key", String.class), new long[]{r.get("n", Long.class),
                        r.get("mttr") == null ? -1 : Math.round(r.get("mttr", Double.class))}));
        List<AvailabilityTotal> list = new ArrayList<>();
        totals.forEach((k, t) -> {
            long[] m = mttr.getOrDefault(k, new long[]{0, -1});
            list.add(new AvailabilityTotal(k, t[0], t[1], t[2], t[3], ratio(t[0], t[1]), (int) m[0], m[1] < 0 ? null : m[1]));
        });
        return new AvailabilityReport(by, granularity, from, to, list, rows);
    }

    /**
     * Totals only, without a target × bucket grid. The rollup period is split into whole months and the days at
     * either end (day granularity; month and year granularity read whole months, as the grid does). Months that
     * have ended come from {@link ClosedMonths} and the targets' spans from {@link TargetSpans} (in memory, each
     * revision-checked in this transaction); the open month and the odd days are read from the monthly and
     * daily rollups, which the checks' own transaction keeps current. Each target's measured time is its overlap
     * with the period. The figures equal the grid's and the daily rollup's, to the second.
     */
    private AvailabilityReport totals(DSLContext dsl, GroupBy by, Granularity granularity, LocalDate from, LocalDate to, String org,
                                      String system, String target, ConnectionTarget.Kind kind, String where, List<Object> whereArgs) {
        LocalDate monthsFrom;
        LocalDate monthsTo;
        List<LocalDate[]> days = new ArrayList<>(); // [from, to) ranges of the daily rollup
        if (granularity == Granularity.DAY) {
            monthsFrom = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            monthsTo = to.withDayOfMonth(1);
            if (!monthsFrom.isBefore(monthsTo)) {
                monthsFrom = monthsTo = from;
                days.add(new LocalDate[]{from, to});
            } else {
                days.add(new LocalDate[]{from, monthsFrom});
                days.add(new LocalDate[]{monthsTo, to});
            }
        } else {
            monthsFrom = from.withDayOfMonth(1);
            monthsTo = to.getDayOfMonth() == 1 ? to : to.withDayOfMonth(1).plusMonths(1);
        }
        days.removeIf(d -> !d[0].isBefore(d[1]));
        LocalDate open = ClosedMonths.firstOpenMonth(OffsetDateTime.now());
        LocalDate closedTo = monthsTo.isBefore(open) ? monthsTo : (monthsFrom.isAfter(open) ? monthsFrom : open);
        // one transaction: now() and the period's start as PostgreSQL sees them, as the grid query compares them
        Record clock = dsl.fetchOne("SELECT now() AS now, ?::date::timestamptz AS retired_after", from.toString());
        Instant now = clock.get("now", OffsetDateTime.class).toInstant();
        Instant retiredAfter = clock.get("retired_after", OffsetDateTime.class).toInstant();
        List<TargetSpans.Span> spans = targetSpans.all(dsl, by).stream()
                .filter(t -> t.retiredAt() == null || t.retiredAt().toInstant().isAfter(retiredAfter))
                .filter(t -> org == null || org.equals(t.organisationCode()))
                .filter(t -> system == null || system.isBlank() || system.equals(t.systemCode()))
                .filter(t -> target == null || target.isBlank() || target.equals(t.code()))
                .filter(t -> kind == null || kind == t.kind())
                .toList();
        Map<String, long[]> closed = closedMonths.sums(dsl, monthsFrom, closedTo);
        Map<String, long[]> live = live(dsl, closedTo, monthsTo, days,
                org == null && (system == null || system.isBlank()) && (target == null || target.isBlank()) && kind == null ? null
                        : spans.stream().map(TargetSpans.Span::code).toArray(String[]::new));
        Instant periodStart = from.atStartOfDay(ConnectionMonitor.ZONE).toInstant();
        Instant periodEnd = to.atStartOfDay(ConnectionMonitor.ZONE).toInstant();
        Map<String, long[]> sums = new LinkedHashMap<>(); // up, down, maintenance seconds, measured microseconds
        long[] none = new long[5];
        for (TargetSpans.Span t : spans) {
            long[] sum = sums.computeIfAbsent(t.key(by), x -> new long[4]);
            long[] c = closed.getOrDefault(t.code(), none);
            long[] l = live.getOrDefault(t.code(), none);
            sum[0] += c[0] + l[0];
            sum[1] += c[1] + l[1];
            sum[2] += c[2] + l[2];
            Instant end = periodEnd.isBefore(now) ? periodEnd : now;
            if (t.retiredAt() != null && t.retiredAt().toInstant().isBefore(end)) {
                end = t.retiredAt().toInstant();
            }
            Instant start = t.createdAt().toInstant().isAfter(periodStart) ? t.createdAt().toInstant() : periodStart;
            sum[3] += Math.max(0, ChronoUnit.MICROS.between(start, end));
        }
        Map<String, long[]> mttr = incidents(dsl, by, from, to, where, whereArgs);
        List<AvailabilityTotal> list = new ArrayList<>();
        sums.forEach((k, t) -> {
            // as PostgreSQL casts the summed seconds to bigint: rounded half away from zero
            long measured = (t[3] + 500_000) / 1_000_000;
            long unknown = Math.max(0, measured - t[0] - t[1] - t[2]);
            long[] i = mttr.getOrDefault(k, new long[]{0, -1});
            list.add(new AvailabilityTotal(k, t[0], t[1], t[2], unknown, ratio(t[0], t[1]), (int) i[0], i[1] < 0 ? null : i[1]));
        });
        return new AvailabilityReport(by, granularity, from, to, list, List.of());
    }

    /** The open months [from, to) of the monthly rollup and the given day ranges of the daily one, summed per target (null: all targets). */
    private static Map<String, long[]> live(DSLContext dsl, LocalDate from, LocalDate to, List<LocalDate[]> days, String[] targets) {
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        String only = targets == null ? "" : " AND target_code = ANY(?::text[])";
        if (from.isBefore(to)) {
            parts.add("SELECT target_code, up_seconds, down_seconds, maintenance_seconds FROM connection_monthly WHERE month >= ?::date AND month < ?::date" + only);
            args.add(from.toString());
            args.add(to.toString());
            if (targets != null) {
                args.add(targets);
            }
        }
        for (LocalDate[] d : days) {
            parts.add("SELECT target_code, up_seconds, down_seconds, maintenance_seconds FROM connection_daily WHERE day >= ?::date AND day < ?::date" + only);
            args.add(d[0].toString());
            args.add(d[1].toString());
            if (targets != null) {
                args.add(targets);
            }
        }
        Map<String, long[]> live = new HashMap<>();
        if (parts.isEmpty()) {
            return live;
        }
        // one month of the monthly rollup has one row per target: no grouping needed
        boolean oneRowPerTarget = parts.size() == 1 && days.isEmpty() && from.plusMonths(1).equals(to);
        String sql = oneRowPerTarget ? parts.getFirst()
                : "SELECT target_code, sum(up_seconds) AS up_seconds, sum(down_seconds) AS down_seconds, "
                  + "sum(maintenance_seconds) AS maintenance_seconds FROM (" + String.join(" UNION ALL ", parts) + ") x GROUP BY 1";
        try (var cursor = dsl.fetchLazy(sql, args.toArray())) {
            for (Record r : cursor) {
                live.put(r.get("target_code", String.class), new long[]{r.get("up_seconds", Long.class), r.get("down_seconds", Long.class),
                        r.get("maintenance_seconds", Long.class)});
            }
        }
        return live;
    }

    /** Per key: incidents overlapping [from, to) outside maintenance, and the mean time to recovery of the closed ones. */
    private static Map<String, long[]> incidents(DSLContext dsl, GroupBy by, LocalDate from, LocalDate to, String where, List<Object> whereArgs) {
        String incidentKey = switch (by) {
            case TARGET -> "i.target_code";
            case SYSTEM -> "i.system_code";
            case ORGANISATION -> "i.organisation_code";
        };
        List<Object> args = new ArrayList<>(List.of(to.toString(), from.toString()));
        args.addAll(whereArgs);
        Map<String, long[]> mttr = new HashMap<>();
        dsl.fetch("""
                SELECT %s AS key, count(*) AS n,
                       avg(extract(epoch FROM i.ended_at - i.started_at)) FILTER (WHERE i.ended_at IS NOT NULL) AS mttr
                FROM connection_incident i JOIN connection_target t ON t.code = i.target_code
                WHERE NOT i.in_maintenance
                  AND i.started_at < (?::date::timestamp AT TIME ZONE 'Asia/Shanghai')
                  AND coalesce(i.ended_at, 'infinity') > (?::date::timestamp AT TIME ZONE 'Asia/Shanghai')
                  AND (%s)
                GROUP BY 1""".formatted(incidentKey, where.substring("WHERE ".length())), args.toArray())
                .forEach(r -> mttr.put(r.get("key", String.class), new long[]{r.get("n", Long.class),
                        r.get("mttr") == null ? -1 : Math.round(r.get("mttr", Double.class))}));
        return mttr;
    }

    /** The incident window is [from, to): started before {@code to}, not ended before {@code from}. */
    private static List<Object> swapFirstTwo(List<Object> args) {
        List<Object> a = new ArrayList<>(args);
        Object first = a.get(0);
        a.set(0, a.get(1));
        a.set(1, first);
        return a;
    }

    static Double ratio(long up, long down) {
        return up + down == 0 ? null : (double) up / (up + down);
    }

    /** One target: its state, settings, the last day's latency per minute, availability today, this month and this year, incidents. */
    public record TargetDetail(TargetStatus target, List<LatencyPoint> latency, AvailabilityTotal today, AvailabilityTotal month,
                               AvailabilityTotal year, List<Incident> incidents, List<MaintenanceWindow> maintenance) {
    }

    public record LatencyPoint(OffsetDateTime at, Integer avgMs, int maxMs, int checks, int failures) {
    }

    public Mono<TargetDetail> detail(CurrentUser user, String code) {
        return db.tx(dsl -> {
            StatusReport one = status(dsl, null, null, code);
            if (one.items().isEmpty() || !user.mayRead(one.items().getFirst().organisationCode())) {
                throw new NotFoundException("connection target", code);
            }
            TargetStatus t = one.items().getFirst();
            OffsetDateTime now = OffsetDateTime.now();
            List<LatencyPoint> latency = dsl.selectFrom(CONNECTION_MINUTE)
                    .where(CONNECTION_MINUTE.TARGET_CODE.eq(code)).and(CONNECTION_MINUTE.BUCKET.ge(now.minusHours(24)))
                    .orderBy(CONNECTION_MINUTE.BUCKET)
                    .fetch(r -> new LatencyPoint(r.getBucket(), r.getChecks() == 0 ? null : (int) (r.getLatencyMsSum() / r.getChecks()),
                            r.getLatencyMsMax(), r.getChecks(), r.getFailures()));
            LocalDate today = now.atZoneSameInstant(ConnectionMonitor.ZONE).toLocalDate();
            AvailabilityTotal d = first(availability(dsl, GroupBy.TARGET, Granularity.DAY, today, today.plusDays(1), null, null, code, null, true));
            AvailabilityTotal m = first(availability(dsl, GroupBy.TARGET, Granularity.MONTH, today.withDayOfMonth(1),
                    today.withDayOfMonth(1).plusMonths(1), null, null, code, null, true));
            AvailabilityTotal y = first(availability(dsl, GroupBy.TARGET, Granularity.YEAR, today.withDayOfYear(1),
                    today.withDayOfYear(1).plusYears(1), null, null, code, null, true));
            List<Incident> incidents = dsl.select(CONNECTION_INCIDENT.asterisk(), CONNECTION_TARGET.NAME, CONNECTION_TARGET.KIND)
                    .from(CONNECTION_INCIDENT).join(CONNECTION_TARGET).on(CONNECTION_TARGET.CODE.eq(CONNECTION_INCIDENT.TARGET_CODE))
                    .where(CONNECTION_INCIDENT.TARGET_CODE.eq(code)).orderBy(CONNECTION_INCIDENT.STARTED_AT.desc()).limit(100)
                    .fetch(ConnectionQueries::incident);
            List<MaintenanceWindow> windows = MaintenanceWindows.active(dsl, now.minusDays(30), now.plusYears(1)).stream()
                    .filter(w -> code.equals(w.targetCode()) || w.targetCode() == null && w.organisationCode().equals(t.organisationCode()))
                    .toList();
            return new TargetDetail(t, latency, d, m, y, incidents, windows);
        });
    }

    private static AvailabilityTotal first(AvailabilityReport r) {
        return r.totals().isEmpty() ? null : r.totals().getFirst();
    }

    /** The organisation a caller may read: departments their own whatever they asked, others what they asked (null: all). */
    static String scope(CurrentUser user, String organisation) {
        String org = user.organisationScope().orElse(organisation);
        return org == null || org.isBlank() ? null : org;
    }
}
