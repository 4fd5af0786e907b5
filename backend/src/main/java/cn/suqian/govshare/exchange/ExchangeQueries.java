package cn.suqian.govshare.exchange;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading side: every figure comes from the rollups (see {@link PeriodPlan}), never from raw rows, so
 * a year's question costs a few thousand rows. {@link #rawFlows} answers the same question from raw rows;
 * tests and the benchmark compare the two.
 */
@Component
public class ExchangeQueries {

    /** Traffic figures of one slice. successRate and avgLatencyMs are null when there were no calls. */
    public record Figures(long calls, long failedCalls, long records, long bytes, Double successRate, Double avgLatencyMs,
                          long maxLatencyMs) {

        static Figures of(long calls, long failed, long records, long bytes, long latencySum, long latencyMax) {
            return new Figures(calls, failed, records, bytes, calls == 0 ? null : (calls - failed) / (double) calls,
                    calls == 0 ? null : latencySum / (double) calls, latencyMax);
        }

        static Figures of(Record r, int offset) {
            return of(n(r, offset), n(r, offset + 1), n(r, offset + 2), n(r, offset + 3), n(r, offset + 4), n(r, offset + 5));
        }
    }

    public record OrganisationFigures(String organisation, Figures provided, Figures consumed) {
    }

    public record Summary(OffsetDateTime from, OffsetDateTime to, Figures total, List<OrganisationFigures> organisations) {
    }

    public record Flow(String provider, String consumer, long calls, long failedCalls, long records, long bytes) {
    }

    public record Point(OffsetDateTime t, long calls, long failedCalls, long records, long bytes, Double avgLatencyMs) {
    }

    public record Series(String granularity, List<Point> points) {
    }

    public record ResourceFigures(String resource, String provider, long calls, long failedCalls, long records, Double successRate) {
    }

    public record MonthComparison(int month, long calls, long previousCalls) {
    }

    public record YearOverYear(int year, List<MonthComparison> months, Map<String, Long> total) {
    }

    private static final String SUMS = "sum(calls), sum(failed_calls), sum(records), sum(bytes), sum(latency_ms_sum), max(latency_ms_max)";

    /** Rows (provider, consumer[, resource], calls, failed, records, bytes, latency sum, latency max) of a plan. */
    static String planRows(PeriodPlan plan, boolean withResource, String organisation, List<Object> binds) {
        String cols = "provider_code, consumer_code" + (withResource ? ", resource" : "")
                + ", calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max";
        String orgFilter = organisation == null ? "" : " AND (provider_code = ? OR consumer_code = ?)";
        List<String> parts = new ArrayList<>();
        for (OffsetDateTime[] h : plan.hours()) {
            parts.add("SELECT " + cols + " FROM exchange_hourly WHERE bucket >= ?::timestamptz AND bucket < ?::timestamptz" + orgFilter);
            binds.add(h[0]);
            binds.add(h[1]);
            addOrg(binds, organisation);
        }
        for (LocalDate[] d : plan.days()) {
            parts.add("SELECT " + cols + " FROM exchange_daily WHERE day >= ?::date AND day < ?::date" + orgFilter);
            binds.add(d[0]);
            binds.add(d[1]);
            addOrg(binds, organisation);
        }
        if (plan.months() != null) {
            parts.add("SELECT " + cols + " FROM exchange_monthly_flow WHERE month >= ?::date AND month < ?::date" + orgFilter);
            binds.add(plan.months()[0]);
            binds.add(plan.months()[1]);
            addOrg(binds, organisation);
        }
        if (parts.isEmpty()) {
            return "SELECT " + cols.replace("provider_code, consumer_code", "''::text AS provider_code, ''::text AS consumer_code")
                    .replace(", resource", ", ''::text AS resource")
                    .replace(", calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max",
                            ", 0::bigint calls, 0::bigint failed_calls, 0::bigint records, 0::bigint bytes, 0::bigint latency_ms_sum, 0 latency_ms_max")
                    + " WHERE false";
        }
        return String.join("\nUNION ALL\n", parts);
    }

    private static void addOrg(List<Object> binds, String organisation) {
        if (organisation != null) {
            binds.add(organisation);
            binds.add(organisation);
        }
    }

    public Summary summary(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        PeriodPlan plan = PeriodPlan.of(from, to, true);
        List<Object> binds = new ArrayList<>();
        String rows = planRows(plan, false, organisation, binds);
        var result = dsl.fetch("""
                WITH f AS (%s)
                SELECT 'TOTAL' AS role, '' AS organisation, %s FROM f
                UNION ALL
                SELECT 'P', provider_code, %s FROM f GROUP BY provider_code
                UNION ALL
                SELECT 'C', consumer_code, %s FROM f GROUP BY consumer_code""".formatted(rows, SUMS, SUMS, SUMS), binds.toArray());
        Figures total = Figures.of(0, 0, 0, 0, 0, 0);
        Map<String, Figures[]> byOrg = new LinkedHashMap<>();
        for (Record r : result) {
            String role = r.get(0, String.class);
            String org = r.get(1, String.class);
            Figures f = Figures.of(r, 2);
            if (role.equals("TOTAL")) {
                total = f;
            } else if (organisation == null || organisation.equals(org)) {
                byOrg.computeIfAbsent(org, k -> new Figures[2])[role.equals("P") ? 0 : 1] = f;
            }
        }
        Figures none = Figures.of(0, 0, 0, 0, 0, 0);
        List<OrganisationFigures> orgs = new ArrayList<>();
        byOrg.forEach((org, f) -> orgs.add(new OrganisationFigures(org, f[0] == null ? none : f[0], f[1] == null ? none : f[1])));
        orgs.sort((a, b) -> Long.compare(b.provided().calls() + b.consumed().calls(), a.provided().calls() + a.consumed().calls()));
        if (organisation != null && orgs.isEmpty()) {
            orgs.add(new OrganisationFigures(organisation, none, none));
        }
        return new Summary(plan.from(), plan.to(), total, orgs);
    }

    public List<Flow> flows(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        PeriodPlan plan = PeriodPlan.of(from, to, true);
        List<Object> binds = new ArrayList<>();
        String rows = planRows(plan, false, organisation, binds);
        return dsl.fetch("""
                SELECT provider_code, consumer_code, sum(calls), sum(failed_calls), sum(records), sum(bytes)
                FROM (%s) f GROUP BY provider_code, consumer_code ORDER BY 3 DESC, 1, 2""".formatted(rows), binds.toArray())
                .map(r -> new Flow(r.get(0, String.class), r.get(1, String.class), n(r, 2), n(r, 3), n(r, 4), n(r, 5)));
    }

    /** The same flows computed from raw rows: the reference the rollups must equal. */
    public List<Flow> rawFlows(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        PeriodPlan plan = PeriodPlan.of(from, to, true);
        List<Object> binds = new ArrayList<>(List.of(plan.from(), plan.to()));
        String orgFilter = "";
        if (organisation != null) {
            orgFilter = " AND (provider_code = ? OR consumer_code = ?)";
            binds.add(organisation);
            binds.add(organisation);
        }
        return dsl.fetch("""
                SELECT provider_code, consumer_code, sum(calls), sum(failed_calls), sum(records), sum(bytes)
                FROM exchange_stat WHERE interval_start >= ?::timestamptz AND interval_start < ?::timestamptz%s
                GROUP BY provider_code, consumer_code ORDER BY 3 DESC, 1, 2""".formatted(orgFilter), binds.toArray())
                .map(r -> new Flow(r.get(0, String.class), r.get(1, String.class), n(r, 2), n(r, 3), n(r, 4), n(r, 5)));
    }

    public Series series(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        PeriodPlan plan = PeriodPlan.of(from, to, false);
        Duration length = Duration.between(plan.from(), plan.to());
        String granularity = length.compareTo(Duration.ofDays(3)) <= 0 ? "HOUR" : length.compareTo(Duration.ofDays(120)) <= 0 ? "DAY" : "MONTH";
        String orgFilter = organisation == null ? "" : " AND (provider_code = ? OR consumer_code = ?)";
        List<Object> binds = new ArrayList<>();
        String sql = switch (granularity) {
            case "HOUR" -> {
                binds.add(plan.from());
                binds.add(plan.to());
                yield "SELECT bucket AS t, " + SUMS + " FROM exchange_hourly WHERE bucket >= ?::timestamptz AND bucket < ?::timestamptz" + orgFilter + " GROUP BY 1 ORDER BY 1";
            }
            case "DAY" -> {
                binds.add(plan.from().atZoneSameInstant(PeriodPlan.ZONE).toLocalDate());
                binds.add(plan.to().minusNanos(1).atZoneSameInstant(PeriodPlan.ZONE).toLocalDate());
                yield "SELECT (day::timestamp AT TIME ZONE '" + ExchangeRollups.ZONE + "') AS t, " + SUMS
                        + " FROM exchange_daily WHERE day >= ?::date AND day <= ?::date" + orgFilter + " GROUP BY 1 ORDER BY 1";
            }
            default -> {
                binds.add(plan.from().atZoneSameInstant(PeriodPlan.ZONE).toLocalDate().withDayOfMonth(1));
                binds.add(plan.to().minusNanos(1).atZoneSameInstant(PeriodPlan.ZONE).toLocalDate());
                yield "SELECT (month::timestamp AT TIME ZONE '" + ExchangeRollups.ZONE + "') AS t, " + SUMS
                        + " FROM exchange_monthly_flow WHERE month >= ?::date AND month <= ?::date" + orgFilter + " GROUP BY 1 ORDER BY 1";
            }
        };
        addOrg(binds, organisation);
        List<Point> points = dsl.fetch(sql, binds.toArray()).map(r -> {
            Figures f = Figures.of(r, 1);
            return new Point(r.get(0, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC), f.calls(), f.failedCalls(),
                    f.records(), f.bytes(), f.avgLatencyMs());
        });
        return new Series(granularity, points);
    }

    public List<ResourceFigures> topResources(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation, int limit) {
        PeriodPlan plan = PeriodPlan.of(from, to, false);
        List<Object> binds = new ArrayList<>();
        String rows = planRows(plan, true, organisation, binds);
        binds.add(limit);
        return dsl.fetch("""
                SELECT resource, provider_code, sum(calls), sum(failed_calls), sum(records)
                FROM (%s) f GROUP BY resource, provider_code ORDER BY 3 DESC, 1 LIMIT ?::int""".formatted(rows), binds.toArray())
                .map(r -> {
                    long calls = n(r, 2);
                    long failed = n(r, 3);
                    return new ResourceFigures(r.get(0, String.class), r.get(1, String.class), calls, failed, n(r, 4),
                            calls == 0 ? null : (calls - failed) / (double) calls);
                });
    }

    public YearOverYear yearOverYear(DSLContext dsl, int year, String organisation) {
        List<Object> binds = new ArrayList<>(List.of(LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 1, 1, 1)));
        String orgFilter = "";
        if (organisation != null) {
            orgFilter = " AND (provider_code = ? OR consumer_code = ?)";
            binds.add(organisation);
            binds.add(organisation);
        }
        long[] current = new long[13];
        long[] previous = new long[13];
        dsl.fetch("SELECT extract(year FROM month)::int, extract(month FROM month)::int, sum(calls) FROM exchange_monthly_flow "
                        + "WHERE month >= ?::date AND month < ?::date" + orgFilter + " GROUP BY 1, 2", binds.toArray())
                .forEach(r -> (r.get(0, Integer.class) == year ? current : previous)[r.get(1, Integer.class)] = n(r, 2));
        List<MonthComparison> months = new ArrayList<>();
        long sum = 0;
        long prevSum = 0;
        for (int m = 1; m <= 12; m++) {
            months.add(new MonthComparison(m, current[m], previous[m]));
            sum += current[m];
            prevSum += previous[m];
        }
        return new YearOverYear(year, months, Map.of("calls", sum, "previousCalls", prevSum));
    }

    static long n(Record r, int i) {
        Number v = (Number) r.get(i);
        return v == null ? 0 : v.longValue();
    }
}
