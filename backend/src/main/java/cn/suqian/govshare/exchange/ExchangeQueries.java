package cn.suqian.govshare.exchange;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_DAILY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_HOURLY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_MONTHLY_FLOW;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;

/**
 * The reading side: every figure comes from the rollups (see {@link PeriodPlan}), so a year's question costs a
 * few thousand rows, and is current the moment a push is answered: buckets still waiting for the rollup job are
 * read from the next finer level, down to raw rows for queued hours (see {@link LiveRows}). {@link #rawFlows} answers the same question from raw rows;
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

    /**
     * A rollup's columns. The hourly, daily and monthly rollups measure the same things (the monthly flows
     * without the resource), so one period is answered from slices of all three, as one set of rows.
     */
    record Rollup(Table<?> table, Field<String> provider, Field<String> consumer, Field<String> resource, Field<Long> calls,
                  Field<Long> failedCalls, Field<Long> records, Field<Long> bytes, Field<Long> latencyMsSum,
                  Field<Integer> latencyMsMax) {

        static final Rollup HOURLY = new Rollup(EXCHANGE_HOURLY, EXCHANGE_HOURLY.PROVIDER_CODE, EXCHANGE_HOURLY.CONSUMER_CODE,
                EXCHANGE_HOURLY.RESOURCE, EXCHANGE_HOURLY.CALLS, EXCHANGE_HOURLY.FAILED_CALLS, EXCHANGE_HOURLY.RECORDS,
                EXCHANGE_HOURLY.BYTES, EXCHANGE_HOURLY.LATENCY_MS_SUM, EXCHANGE_HOURLY.LATENCY_MS_MAX);
        static final Rollup DAILY = new Rollup(EXCHANGE_DAILY, EXCHANGE_DAILY.PROVIDER_CODE, EXCHANGE_DAILY.CONSUMER_CODE,
                EXCHANGE_DAILY.RESOURCE, EXCHANGE_DAILY.CALLS, EXCHANGE_DAILY.FAILED_CALLS, EXCHANGE_DAILY.RECORDS,
                EXCHANGE_DAILY.BYTES, EXCHANGE_DAILY.LATENCY_MS_SUM, EXCHANGE_DAILY.LATENCY_MS_MAX);
        static final Rollup MONTHLY = new Rollup(EXCHANGE_MONTHLY_FLOW, EXCHANGE_MONTHLY_FLOW.PROVIDER_CODE,
                EXCHANGE_MONTHLY_FLOW.CONSUMER_CODE, null, EXCHANGE_MONTHLY_FLOW.CALLS, EXCHANGE_MONTHLY_FLOW.FAILED_CALLS,
                EXCHANGE_MONTHLY_FLOW.RECORDS, EXCHANGE_MONTHLY_FLOW.BYTES, EXCHANGE_MONTHLY_FLOW.LATENCY_MS_SUM,
                EXCHANGE_MONTHLY_FLOW.LATENCY_MS_MAX);

        /** Provider, consumer[, resource] and the measures, in the order every slice of a plan selects them. */
        List<Field<?>> columns(boolean withResource) {
            List<Field<?>> columns = new ArrayList<>(List.of(provider, consumer));
            if (withResource) {
                columns.add(resource);
            }
            columns.addAll(List.of(calls, failedCalls, records, bytes, latencyMsSum, latencyMsMax));
            return columns;
        }

        /** Rows the organisation provides or consumes; all rows when it is null. */
        Condition involving(String organisation) {
            return organisation == null ? DSL.noCondition() : provider.eq(organisation).or(consumer.eq(organisation));
        }

        /** The same columns in a table derived from this rollup's (a union of slices, say). */
        Rollup in(Table<?> derived) {
            return new Rollup(derived, derived.field(provider), derived.field(consumer),
                    resource == null ? null : derived.field(resource), derived.field(calls), derived.field(failedCalls),
                    derived.field(records), derived.field(bytes), derived.field(latencyMsSum), derived.field(latencyMsMax));
        }
    }

    /** The figures of a group of rows: each measure summed (the largest latency kept), named as the column it adds up. */
    record Sums(Field<BigDecimal> calls, Field<BigDecimal> failedCalls, Field<BigDecimal> records, Field<BigDecimal> bytes,
                Field<BigDecimal> latencyMsSum, Field<Integer> latencyMsMax) {

        static Sums of(Rollup r) {
            return new Sums(DSL.sum(r.calls()).as(r.calls()), DSL.sum(r.failedCalls()).as(r.failedCalls()),
                    DSL.sum(r.records()).as(r.records()), DSL.sum(r.bytes()).as(r.bytes()),
                    DSL.sum(r.latencyMsSum()).as(r.latencyMsSum()), DSL.max(r.latencyMsMax()).as(r.latencyMsMax()));
        }

        List<Field<?>> fields() {
            return List.of(calls, failedCalls, records, bytes, latencyMsSum, latencyMsMax);
        }

        Figures of(Record r) {
            return Figures.of(n(r.get(calls)), n(r.get(failedCalls)), n(r.get(records)), n(r.get(bytes)), n(r.get(latencyMsSum)),
                    n(r.get(latencyMsMax)));
        }
    }

    /**
     * The rows of a plan: its hours from the hourly rollup, its days from the daily, its months from the monthly
     * flows (which have no resource, so a plan by resource has no months); buckets the rollups have not caught
     * up with yet from the next finer level, down to raw rows (see {@link LiveRows}).
     */
    static Select<Record> planRows(PeriodPlan plan, boolean withResource, String organisation) {
        return LiveRows.of(plan, LiveRows.Grain.NONE, withResource, organisation);
    }

    public Summary summary(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        PeriodPlan plan = PeriodPlan.of(from, to, true);
        CommonTableExpression<Record> rows = DSL.name("f").as(planRows(plan, false, organisation));
        Rollup rolled = Rollup.HOURLY.in(rows);
        Sums sums = Sums.of(rolled);
        // the whole period, then each organisation as provider (P) and as consumer (C)
        Field<String> side = DSL.inline("TOTAL").as("side");
        Field<String> party = DSL.inline("").as("organisation");
        var result = dsl.with(rows)
                .select(side, party).select(sums.fields()).from(rows)
                .unionAll(DSL.select(DSL.inline("P"), rolled.provider()).select(sums.fields()).from(rows).groupBy(rolled.provider()))
                .unionAll(DSL.select(DSL.inline("C"), rolled.consumer()).select(sums.fields()).from(rows).groupBy(rolled.consumer()))
                .fetch();
        Figures total = Figures.of(0, 0, 0, 0, 0, 0);
        Map<String, Figures[]> byOrg = new LinkedHashMap<>();
        for (Record r : result) {
            String role = r.get(side);
            String org = r.get(party);
            Figures figures = sums.of(r);
            if (role.equals("TOTAL")) {
                total = figures;
            } else if (organisation == null || organisation.equals(org)) {
                byOrg.computeIfAbsent(org, k -> new Figures[2])[role.equals("P") ? 0 : 1] = figures;
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

    /**
     * How regularly each resource delivered data through the platform in {@code [from, to)}: the number of distinct calendar
     * days, weeks (Monday first), months, quarters and half-years in which it served any records, from the daily rollup.
     */
    public record ResourceActivity(String resource, int days, int weeks, int months, int quarters, int halfYears) {
    }

    /** Resource activity of a period and the first day the platform's traffic was observed at all (null: never). */
    public record ResourceActivityReport(LocalDate observedFrom, Map<String, ResourceActivity> resources) {
    }

    /** Per resource, the periods of {@code [from, to)} in which it delivered records (the assessment's refresh indicator). */
    public ResourceActivityReport resourceActivity(DSLContext dsl, LocalDate from, LocalDate to) {
        var d = EXCHANGE_DAILY;
        Field<Integer> days = DSL.countDistinct(d.DAY).as("days");
        // period keys from extracted parts (no date_trunc by week in jOOQ's dialect support): a week is its Monday's day number
        Field<Integer> yearOf = DSL.extract(d.DAY, org.jooq.DatePart.YEAR);
        Field<Integer> monthOf = DSL.extract(d.DAY, org.jooq.DatePart.MONTH);
        Field<Integer> weeks = DSL.countDistinct(DSL.extract(d.DAY, org.jooq.DatePart.EPOCH).div(DSL.inline(86_400))
                .minus(DSL.extract(d.DAY, org.jooq.DatePart.ISO_DAY_OF_WEEK))).as("weeks");
        Field<Integer> months = DSL.countDistinct(yearOf.mul(DSL.inline(12)).plus(monthOf)).as("months");
        Field<Integer> quarters = DSL.countDistinct(yearOf.mul(DSL.inline(4)).plus(DSL.extract(d.DAY, org.jooq.DatePart.QUARTER))).as("quarters");
        Field<Integer> halves = DSL.countDistinct(yearOf.mul(DSL.inline(2)).plus(DSL.when(monthOf.le(DSL.inline(6)), DSL.inline(0))
                .otherwise(DSL.inline(1)))).as("halves");
        Map<String, ResourceActivity> out = new LinkedHashMap<>();
        dsl.select(d.RESOURCE, days, weeks, months, quarters, halves).from(d)
                .where(d.DAY.ge(from).and(d.DAY.lt(to)).and(d.RECORDS.gt(0L)))
                .groupBy(d.RESOURCE)
                .forEach(r -> out.put(r.value1(), new ResourceActivity(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
        LocalDate first = dsl.select(DSL.min(d.DAY)).from(d).fetchOne().value1();
        return new ResourceActivityReport(first, out);
    }

    public List<Flow> flows(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        Table<Record> rows = planRows(PeriodPlan.of(from, to, true), false, organisation).asTable("f");
        return flows(dsl, Rollup.HOURLY.in(rows), DSL.noCondition());
    }

    /** The same flows computed from raw rows: the reference the rollups must equal. */
    public List<Flow> rawFlows(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        PeriodPlan plan = PeriodPlan.of(from, to, true);
        var s = EXCHANGE_STAT;
        Rollup raw = new Rollup(s, s.PROVIDER_CODE, s.CONSUMER_CODE, s.RESOURCE, s.CALLS, s.FAILED_CALLS, s.RECORDS, s.BYTES,
                s.LATENCY_MS_SUM, s.LATENCY_MS_MAX);
        return flows(dsl, raw, s.INTERVAL_START.ge(plan.from()).and(s.INTERVAL_START.lt(plan.to())).and(raw.involving(organisation)));
    }

    private static List<Flow> flows(DSLContext dsl, Rollup rows, Condition where) {
        Sums sums = Sums.of(rows);
        return dsl.select(rows.provider(), rows.consumer(), sums.calls(), sums.failedCalls(), sums.records(), sums.bytes())
                .from(rows.table()).where(where)
                .groupBy(rows.provider(), rows.consumer())
                .orderBy(DSL.sum(rows.calls()).desc(), rows.provider(), rows.consumer())
                .fetch(r -> new Flow(r.get(rows.provider()), r.get(rows.consumer()), n(r.get(sums.calls())),
                        n(r.get(sums.failedCalls())), n(r.get(sums.records())), n(r.get(sums.bytes()))));
    }

    public Series series(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation) {
        PeriodPlan plan = PeriodPlan.of(from, to, false);
        Duration length = Duration.between(plan.from(), plan.to());
        String granularity = length.compareTo(Duration.ofDays(3)) <= 0 ? "HOUR" : length.compareTo(Duration.ofDays(120)) <= 0 ? "DAY" : "MONTH";
        LocalDate firstDay = plan.from().atZoneSameInstant(PeriodPlan.ZONE).toLocalDate();
        LocalDate lastDay = plan.to().minusNanos(1).atZoneSameInstant(PeriodPlan.ZONE).toLocalDate();
        PeriodPlan byBucket = switch (granularity) {
            case "HOUR" -> new PeriodPlan(plan.from(), plan.to(), List.<OffsetDateTime[]>of(new OffsetDateTime[]{plan.from(), plan.to()}),
                    List.of(), null);
            case "DAY" -> new PeriodPlan(startOf(firstDay), startOf(lastDay.plusDays(1)), List.of(),
                    List.<LocalDate[]>of(new LocalDate[]{firstDay, lastDay.plusDays(1)}), null);
            default -> months(firstDay.withDayOfMonth(1), lastDay.withDayOfMonth(1).plusMonths(1));
        };
        LiveRows.Grain grain = LiveRows.Grain.valueOf(granularity);
        Class<?> type = grain == LiveRows.Grain.HOUR ? OffsetDateTime.class : LocalDate.class;
        Table<Record> rows = LiveRows.of(byBucket, grain, false, organisation).asTable("f");
        Rollup f = Rollup.HOURLY.in(rows);
        Field<?> time = rows.field(LiveRows.TIME);
        Sums sums = Sums.of(f);
        List<Point> points = dsl.select(time).select(sums.fields()).from(rows)
                .groupBy(time).orderBy(time)
                .fetch(r -> {
                    Object t = r.get(time, type);
                    OffsetDateTime start = t instanceof LocalDate day ? startOf(day) : (OffsetDateTime) t;
                    Figures figures = sums.of(r);
                    return new Point(start.withOffsetSameInstant(ZoneOffset.UTC), figures.calls(), figures.failedCalls(),
                            figures.records(), figures.bytes(), figures.avgLatencyMs());
                });
        return new Series(granularity, points);
    }

    /** A plan of whole months only, [first, end). */
    private static PeriodPlan months(LocalDate first, LocalDate end) {
        return new PeriodPlan(startOf(first), startOf(end), List.of(), List.of(), new LocalDate[]{first, end});
    }

    /** When a calendar day (or the month starting on it) begins in China Standard Time. */
    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(PeriodPlan.ZONE).toOffsetDateTime();
    }

    public List<ResourceFigures> topResources(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String organisation, int limit) {
        Table<Record> rows = planRows(PeriodPlan.of(from, to, false), true, organisation).asTable("f");
        Rollup f = Rollup.HOURLY.in(rows);
        Sums sums = Sums.of(f);
        return dsl.select(f.resource(), f.provider(), sums.calls(), sums.failedCalls(), sums.records())
                .from(rows)
                .groupBy(f.resource(), f.provider())
                .orderBy(DSL.sum(f.calls()).desc(), f.resource())
                .limit(limit)
                .fetch(r -> {
                    long calls = n(r.get(sums.calls()));
                    long failed = n(r.get(sums.failedCalls()));
                    return new ResourceFigures(r.get(f.resource()), r.get(f.provider()), calls, failed, n(r.get(sums.records())),
                            calls == 0 ? null : (calls - failed) / (double) calls);
                });
    }

    public YearOverYear yearOverYear(DSLContext dsl, int year, String organisation) {
        long[] current = new long[13];
        long[] previous = new long[13];
        Table<Record> rows = LiveRows.of(months(LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 1, 1, 1)), LiveRows.Grain.MONTH,
                false, organisation).asTable("f");
        Field<LocalDate> monthStart = rows.field(LiveRows.TIME, LocalDate.class);
        Field<BigDecimal> calls = DSL.sum(Rollup.HOURLY.in(rows).calls()).as("calls");
        dsl.select(monthStart, calls).from(rows)
                .groupBy(monthStart)
                .forEach(r -> (r.get(monthStart).getYear() == year ? current : previous)[r.get(monthStart).getMonthValue()] += n(r.get(calls)));
        List<MonthComparison> months = new ArrayList<>();
        long sum = 0;
        long prevSum = 0;
        for (int month = 1; month <= 12; month++) {
            months.add(new MonthComparison(month, current[month], previous[month]));
            sum += current[month];
            prevSum += previous[month];
        }
        return new YearOverYear(year, months, Map.of("calls", sum, "previousCalls", prevSum));
    }

    static long n(Number v) {
        return v == null ? 0 : v.longValue();
    }
}
