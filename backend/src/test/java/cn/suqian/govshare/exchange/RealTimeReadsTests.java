package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static cn.suqian.govshare.support.IntervalStats.anInterval;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads are current the moment a push is answered: before the rollup job has run, after it, and after a late
 * correction of an hour that was already rolled up, summary, flows, series and top resources equal what the raw
 * rows say. The scheduler is off in tests, so rollups run only where this test runs them.
 */
@IntegrationTest
class RealTimeReadsTests {

    static final String PROVIDER = "planning";
    static final String CONSUMER = "food-drug";
    static final String RESOURCE = "realtime/000001";

    @LocalServerPort
    int port;

    @Autowired
    Db db;

    @Autowired
    ExchangeQueries queries;

    @Autowired
    ExchangeRollups rollups;

    /** The first day of the month before last, so periods span hours, days and a whole month. */
    final LocalDate month = LocalDate.now(PeriodPlan.ZONE).withDayOfMonth(1).minusMonths(2);
    final OffsetDateTime from = at(month.minusDays(2)).plusHours(5);
    final OffsetDateTime to = at(month.plusMonths(1).plusDays(3)).plusHours(7);

    static OffsetDateTime at(LocalDate day) {
        return day.atStartOfDay(PeriodPlan.ZONE).toOffsetDateTime();
    }

    void push(String body) {
        Api.as(port, "admin").post().uri("/api/v1/exchange/stats").contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(body).exchange().expectStatus().isOk();
    }

    static String line(OffsetDateTime start, String provider, String consumer, long calls, long failed, long latencyMax) {
        return anInterval().start(start).provider(provider).consumer(consumer).resource(RESOURCE).calls(calls, failed)
                .latencyMsMax(latencyMax).json() + "\n";
    }

    @Test
    void reads_equal_raw_aggregation_before_and_after_the_rollups_and_after_a_late_correction() {
        OffsetDateTime late = at(month.plusDays(3)).plusHours(9).plusMinutes(5);
        StringBuilder batch = new StringBuilder();
        batch.append(line(from.plusMinutes(30), PROVIDER, CONSUMER, 11, 1, 90)); // hours before the first whole day
        batch.append(line(at(month.minusDays(1)).plusHours(10), CONSUMER, PROVIDER, 23, 0, 120)); // a whole day
        batch.append(line(late, PROVIDER, CONSUMER, 40, 4, 300)); // the whole month
        batch.append(line(late.plusMinutes(5), PROVIDER, CONSUMER, 41, 0, 310));
        batch.append(line(at(month.plusDays(20)).plusHours(23).plusMinutes(55), PROVIDER, CONSUMER, 17, 2, 80));
        batch.append(line(at(month.plusMonths(1).plusDays(1)).plusHours(1), CONSUMER, PROVIDER, 29, 3, 150)); // days after the month
        batch.append(line(to.minusMinutes(20), PROVIDER, CONSUMER, 13, 0, 70)); // hours after the last whole day
        push(batch.toString());

        // new intervals are added to the rollups with their batch: nothing waits for the rollup job
        assertThat(queued()).as("new intervals are not queued").isZero();
        assertReadsEqualRaw("right after the push");

        rollups.refresh();
        assertThat(queued()).isZero();
        assertReadsEqualRaw("after the rollups");

        // a late correction of an hour whose hour, day and month are already rolled up: it replaces an interval, so its
        // hour waits in the rollup queue and reads take that hour from raw rows
        push(line(late, PROVIDER, CONSUMER, 400, 40, 900));
        assertThat(queued()).isPositive();
        assertReadsEqualRaw("right after a late correction");
        long monthCalls = db.inTransaction(Actor.system("test"), dsl -> topCalls(dsl, at(month), at(month.plusMonths(1))));
        assertThat(monthCalls).isEqualTo(400 + 41 + 17);

        rollups.refresh();
        assertReadsEqualRaw("after the correction is rolled up");
    }

    long queued() {
        return db.inTransaction(Actor.system("test"), dsl -> dsl.fetchOne(
                "SELECT count(*) FROM exchange_rollup_dirty WHERE resource = ?", RESOURCE).get(0, Long.class));
    }

    void assertReadsEqualRaw(String when) {
        db.inTransaction(Actor.system("test"), dsl -> {
            for (String org : new String[]{null, PROVIDER}) {
                assertThat(queries.flows(dsl, from, to, org)).as("flows %s, %s", when, org).isEqualTo(queries.rawFlows(dsl, from, to, org));
                assertThat(queries.summary(dsl, from, to, org).total()).as("summary %s, %s", when, org)
                        .isEqualTo(rawTotal(dsl, from, to, org));
                assertThat(queries.series(dsl, at(month), at(month.plusMonths(1)), org).points()).as("daily series %s", when)
                        .isEqualTo(rawSeries(dsl, at(month), at(month.plusMonths(1)), org, "(interval_start AT TIME ZONE 'Asia/Shanghai')::date",
                                t -> at(t.get(0, LocalDate.class))));
                OffsetDateTime dayStart = at(month.plusDays(3));
                assertThat(queries.series(dsl, dayStart, dayStart.plusDays(1), org).points()).as("hourly series %s", when)
                        .isEqualTo(rawSeries(dsl, dayStart, dayStart.plusDays(1), org, "date_trunc('hour', interval_start)",
                                t -> t.get(0, OffsetDateTime.class)));
                OffsetDateTime yearFrom = at(month.minusMonths(3));
                OffsetDateTime yearTo = at(month.plusMonths(2));
                assertThat(queries.series(dsl, yearFrom, yearTo, org).points()).as("monthly series %s", when)
                        .isEqualTo(rawSeries(dsl, yearFrom, yearTo, org,
                                "date_trunc('month', (interval_start AT TIME ZONE 'Asia/Shanghai'))::date", t -> at(t.get(0, LocalDate.class))));
            }
            assertThat(topCalls(dsl, from, to)).as("top resources %s", when).isEqualTo(dsl.fetchOne(
                    "SELECT sum(calls) FROM exchange_stat WHERE resource = ? AND provider_code = ? AND interval_start >= ?::timestamptz AND interval_start < ?::timestamptz",
                    RESOURCE, PROVIDER, from, to).get(0, Long.class));
            return null;
        });
    }

    long topCalls(DSLContext dsl, OffsetDateTime from, OffsetDateTime to) {
        return queries.topResources(dsl, from, to, PROVIDER, 1000).stream()
                .filter(r -> r.resource().equals(RESOURCE) && r.provider().equals(PROVIDER))
                .mapToLong(ExchangeQueries.ResourceFigures::calls).sum();
    }

    static final String MEASURES = "sum(calls), sum(failed_calls), sum(records), sum(bytes), sum(latency_ms_sum), max(latency_ms_max)";

    static String involving(String org) {
        return org == null ? "" : " AND (provider_code = '" + org + "' OR consumer_code = '" + org + "')";
    }

    static ExchangeQueries.Figures rawTotal(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String org) {
        Record r = dsl.fetchOne("SELECT " + MEASURES + " FROM exchange_stat WHERE interval_start >= ?::timestamptz AND interval_start < ?::timestamptz"
                + involving(org), from, to);
        return ExchangeQueries.Figures.of(n(r, 0), n(r, 1), n(r, 2), n(r, 3), n(r, 4), n(r, 5));
    }

    static List<ExchangeQueries.Point> rawSeries(DSLContext dsl, OffsetDateTime from, OffsetDateTime to, String org, String bucket,
                                                 Function<Record, OffsetDateTime> start) {
        List<ExchangeQueries.Point> points = new ArrayList<>();
        for (Record r : dsl.fetch("SELECT " + bucket + ", " + MEASURES + " FROM exchange_stat WHERE interval_start >= ?::timestamptz AND interval_start < ?::timestamptz"
                + involving(org) + " GROUP BY 1 ORDER BY 1", from, to)) {
            var f = ExchangeQueries.Figures.of(n(r, 1), n(r, 2), n(r, 3), n(r, 4), n(r, 5), n(r, 6));
            points.add(new ExchangeQueries.Point(start.apply(r).withOffsetSameInstant(ZoneOffset.UTC), f.calls(), f.failedCalls(),
                    f.records(), f.bytes(), f.avgLatencyMs()));
        }
        return points;
    }

    static long n(Record r, int i) {
        Number v = r.get(i, Long.class);
        return v == null ? 0 : v.longValue();
    }
}
