package cn.suqian.govshare.exchange;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_DAILY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_HOURLY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_MONTHLY_FLOW;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ROLLUP_DIRTY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ROLLUP_DIRTY_DAY;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ROLLUP_DIRTY_MONTH;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;

/**
 * The rows of a {@link PeriodPlan} as they are now, not as the rollups last saw them (real-time aggregation).
 * A rollup row is current unless its bucket is stale: an hour still in the rollup queue, a day that is queued or
 * has a queued hour, a month that is queued or has a stale day. Ingest queues an hour in the transaction that
 * writes its raw rows, and each rollup stage recomputes a bucket and queues its parent in one transaction, so
 * within one statement's snapshot that rule is exact. A stale bucket is answered from the next finer level
 * (month from its days, day from its hours, hour from its raw rows), everything else from the rollups: a read
 * touches raw rows only for the hours waiting in the queue. One statement, so one snapshot; plain PostgreSQL.
 */
final class LiveRows {

    /** The time column each row carries: none, or the bucket it falls in at the series' granularity. */
    enum Grain { NONE, HOUR, DAY, MONTH }

    static final String TIME = "t";

    private static final String ZONE = ExchangeRollups.ZONE;

    private LiveRows() {
    }

    /** A stale set kept as a common table expression, with the key columns named as in the rollups. */
    private record Stale(CommonTableExpression<?> cte, Field<OffsetDateTime> bucket, Field<LocalDate> day, Field<LocalDate> month,
                         Field<String> provider, Field<String> consumer, Field<String> resource) {

        static Stale of(CommonTableExpression<?> cte) {
            return new Stale(cte, cte.field("bucket", OffsetDateTime.class), cte.field("day", LocalDate.class),
                    cte.field("month", LocalDate.class), cte.field("provider_code", String.class),
                    cte.field("consumer_code", String.class), cte.field("resource", String.class));
        }

        Condition matches(Field<String> p, Field<String> c, Field<String> r) {
            Condition same = provider.eq(p).and(consumer.eq(c));
            return r == null ? same : same.and(resource.eq(r));
        }
    }

    /**
     * Provider, consumer[, resource], the measures named as the hourly rollup's columns[, and {@link #TIME}]:
     * the rollup rows of the plan that are current, and for stale buckets the finer rows that replace them.
     */
    static Select<Record> of(PeriodPlan plan, Grain grain, boolean withResource, String organisation) {
        if (withResource && plan.months() != null) {
            throw new IllegalArgumentException("the monthly flows have no resource: plan without months");
        }
        LocalDate firstDay = plan.from().atZoneSameInstant(PeriodPlan.ZONE).toLocalDate();
        LocalDate lastDay = plan.to().atZoneSameInstant(PeriodPlan.ZONE).toLocalDate();

        var q = EXCHANGE_ROLLUP_DIRTY;
        var staleHourCte = DSL.name("stale_hour").fields("bucket", "provider_code", "consumer_code", "resource")
                .as(DSL.selectDistinct(q.BUCKET, q.PROVIDER_CODE, q.CONSUMER_CODE, q.RESOURCE).from(q)
                        .where(q.BUCKET.ge(plan.from()).and(q.BUCKET.lt(plan.to()))));
        Stale hour = Stale.of(staleHourCte);
        var qd = EXCHANGE_ROLLUP_DIRTY_DAY;
        var staleDayCte = DSL.name("stale_day").fields("day", "provider_code", "consumer_code", "resource")
                .as(DSL.select(qd.DAY, qd.PROVIDER_CODE, qd.CONSUMER_CODE, qd.RESOURCE).from(qd).where(qd.DAY.between(firstDay, lastDay))
                        .union(DSL.select(dayOf(hour.bucket()), hour.provider(), hour.consumer(), hour.resource()).from(staleHourCte)));
        Stale day = Stale.of(staleDayCte);
        var qm = EXCHANGE_ROLLUP_DIRTY_MONTH;
        var staleMonthCte = DSL.name("stale_month").fields("month", "provider_code", "consumer_code")
                .as(DSL.select(qm.MONTH, qm.PROVIDER_CODE, qm.CONSUMER_CODE).from(qm)
                        .where(qm.MONTH.between(firstDay.withDayOfMonth(1), lastDay))
                        .union(DSL.select(monthOf(day.day()), day.provider(), day.consumer()).from(staleDayCte)));
        Stale month = Stale.of(staleMonthCte);

        var h = EXCHANGE_HOURLY;
        var d = EXCHANGE_DAILY;
        var m = EXCHANGE_MONTHLY_FLOW;
        var s = EXCHANGE_STAT;
        ExchangeQueries.Rollup hourly = ExchangeQueries.Rollup.HOURLY;
        ExchangeQueries.Rollup daily = ExchangeQueries.Rollup.DAILY;
        ExchangeQueries.Rollup monthly = ExchangeQueries.Rollup.MONTHLY;
        ExchangeQueries.Rollup raw = new ExchangeQueries.Rollup(s, s.PROVIDER_CODE, s.CONSUMER_CODE, s.RESOURCE, s.CALLS,
                s.FAILED_CALLS, s.RECORDS, s.BYTES, s.LATENCY_MS_SUM, s.LATENCY_MS_MAX);
        Condition hourIsStale = DSL.exists(DSL.selectOne().from(staleHourCte)
                .where(hour.bucket().eq(h.BUCKET)).and(hour.matches(h.PROVIDER_CODE, h.CONSUMER_CODE, h.RESOURCE)));
        Condition dayIsStale = DSL.exists(DSL.selectOne().from(staleDayCte)
                .where(day.day().eq(d.DAY)).and(day.matches(d.PROVIDER_CODE, d.CONSUMER_CODE, d.RESOURCE)));
        Condition monthIsStale = DSL.exists(DSL.selectOne().from(staleMonthCte)
                .where(month.month().eq(m.MONTH)).and(month.matches(m.PROVIDER_CODE, m.CONSUMER_CODE, null)));

        List<Select<Record>> parts = new ArrayList<>();
        // hours the plan reads from the hourly rollup: current ones as they are
        for (OffsetDateTime[] range : plan.hours()) {
            parts.add(DSL.select(columns(hourly, withResource, timeOfHour(grain, h.BUCKET))).from(h)
                    .where(h.BUCKET.ge(range[0]).and(h.BUCKET.lt(range[1]))).and(hourly.involving(organisation)).andNot(hourIsStale));
        }
        // days the plan reads from the daily rollup (or from months): current hours of their stale days
        Condition staleDayInPlan = DSL.falseCondition();
        for (LocalDate[] range : plan.days()) {
            staleDayInPlan = staleDayInPlan.or(day.day().ge(range[0]).and(day.day().lt(range[1])));
        }
        if (plan.months() != null) {
            staleDayInPlan = staleDayInPlan.or(day.day().ge(plan.months()[0]).and(day.day().lt(plan.months()[1])));
        }
        if (!plan.days().isEmpty() || plan.months() != null) {
            parts.add(DSL.select(columns(hourly, withResource, timeOfHour(grain, h.BUCKET))).from(staleDayCte)
                    .join(h).on(day.matches(h.PROVIDER_CODE, h.CONSUMER_CODE, h.RESOURCE))
                    .and(h.BUCKET.ge(startOf(day.day())).and(h.BUCKET.lt(startOf(DSL.field("({0} + 1)", SQLDataType.LOCALDATE, day.day())))))
                    .where(staleDayInPlan).and(hourly.involving(organisation)).andNot(hourIsStale));
        }
        // days the plan reads from the daily rollup: current ones as they are
        for (LocalDate[] range : plan.days()) {
            parts.add(DSL.select(columns(daily, withResource, timeOfDay(grain, d.DAY))).from(d)
                    .where(d.DAY.ge(range[0]).and(d.DAY.lt(range[1]))).and(daily.involving(organisation)).andNot(dayIsStale));
        }
        if (plan.months() != null) {
            // current days of stale months, then current months
            parts.add(DSL.select(columns(daily, false, timeOfDay(grain, d.DAY))).from(staleMonthCte)
                    .join(d).on(month.matches(d.PROVIDER_CODE, d.CONSUMER_CODE, null))
                    .and(d.DAY.ge(month.month()).and(d.DAY.lt(DSL.field("({0} + interval '1 month')::date", SQLDataType.LOCALDATE, month.month()))))
                    .where(month.month().ge(plan.months()[0]).and(month.month().lt(plan.months()[1])))
                    .and(daily.involving(organisation)).andNot(dayIsStale));
            parts.add(DSL.select(columns(monthly, false, grain == Grain.NONE ? null : m.MONTH)).from(m)
                    .where(m.MONTH.ge(plan.months()[0]).and(m.MONTH.lt(plan.months()[1]))).and(monthly.involving(organisation))
                    .andNot(monthIsStale));
        }
        // stale hours from raw rows, whatever level the plan reads them at
        parts.add(DSL.select(columns(raw, withResource, timeOfHour(grain, hour.bucket()))).from(staleHourCte)
                .join(s).on(hour.matches(s.PROVIDER_CODE, s.CONSUMER_CODE, s.RESOURCE))
                .and(s.INTERVAL_START.ge(hour.bucket()))
                .and(s.INTERVAL_START.lt(DSL.field("{0} + interval '1 hour'", SQLDataType.TIMESTAMPWITHTIMEZONE, hour.bucket())))
                .where(s.INTERVAL_START.ge(plan.from()).and(s.INTERVAL_START.lt(plan.to()))) // bounds the scan to the plan's partitions
                .and(raw.involving(organisation)));

        Table<Record> live = parts.stream().reduce(Select::unionAll).orElseThrow().asTable("live");
        return DSL.with(staleHourCte, staleDayCte, staleMonthCte).select(live.fields()).from(live);
    }

    /** A part's columns under the hourly rollup's names, so that every part lines up. */
    private static List<Field<?>> columns(ExchangeQueries.Rollup rollup, boolean withResource, Field<?> time) {
        List<Field<?>> names = ExchangeQueries.Rollup.HOURLY.columns(withResource);
        List<Field<?>> own = rollup.columns(withResource);
        List<Field<?>> columns = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            columns.add(own.get(i).as(names.get(i).getUnqualifiedName()));
        }
        if (time != null) {
            columns.add(time.as(TIME));
        }
        return columns;
    }

    private static Field<?> timeOfHour(Grain grain, Field<OffsetDateTime> bucket) {
        return switch (grain) {
            case NONE -> null;
            case HOUR -> bucket;
            case DAY -> dayOf(bucket);
            case MONTH -> monthOf(dayOf(bucket));
        };
    }

    private static Field<?> timeOfDay(Grain grain, Field<LocalDate> day) {
        return switch (grain) {
            case NONE -> null;
            case HOUR -> throw new IllegalArgumentException("an hourly series is planned in hours only");
            case DAY -> day;
            case MONTH -> monthOf(day);
        };
    }

    /** The China Standard Time calendar day an instant falls on, as the rollups count it. */
    private static Field<LocalDate> dayOf(Field<OffsetDateTime> instant) {
        return DSL.field("({0} AT TIME ZONE '" + ZONE + "')::date", SQLDataType.LOCALDATE, instant);
    }

    private static Field<LocalDate> monthOf(Field<LocalDate> day) {
        return DSL.field("date_trunc('month', {0})::date", SQLDataType.LOCALDATE, day);
    }

    private static Field<OffsetDateTime> startOf(Field<LocalDate> day) {
        return DSL.field("({0}::timestamp AT TIME ZONE '" + ZONE + "')", SQLDataType.TIMESTAMPWITHTIMEZONE, day);
    }
}
