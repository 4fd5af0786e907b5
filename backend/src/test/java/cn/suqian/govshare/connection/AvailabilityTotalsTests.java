package cn.suqian.govshare.connection;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast totals path (closed months from memory, the open month and the odd days from the rollups) gives the
 * same figures as summing the daily rollup directly, for day, month and year granularity, by target, system
 * and organisation, for periods that start and end mid-month; a change to a closed month is seen at the next
 * read (revision trigger), and the open month is current at once.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvailabilityTotalsTests {

    static final String ORG = "housing-fund";

    @LocalServerPort
    int port;
    @Autowired
    ConnectionQueries queries;
    @Autowired
    ClosedMonths closedMonths;
    @Autowired
    DSLContext dsl;

    LocalDate today;

    @BeforeAll
    void history() {
        for (String code : List.of("housing-fund.fast-a", "housing-fund.fast-b")) {
            Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(aSystem().code(code).organisation(ORG).name("可用率汇总测试系统" + code).mustConnect(true).json())
                    .exchange().expectStatus().isCreated();
        }
        int n = 0;
        for (String system : List.of("housing-fund.fast-a", "housing-fund.fast-a", "housing-fund.fast-b", "housing-fund.fast-b")) {
            String code = "fast-" + n++;
            Api.as(port, "admin").post().uri("/api/v1/connection-targets").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("code", code, "systemCode", system, "kind", "INTERFACE", "name", "汇总测试接口" + code,
                            "probe", "HEARTBEAT", "intervalSeconds", 60, "downAfter", 3, "upAfter", 2))
                    .exchange().expectStatus().isCreated();
        }
        today = LocalDate.now(ConnectionMonitor.ZONE);
        dsl.execute("SELECT set_config('govshare.actor', 'test', false)");
        // 430 days of daily rollups up to today (the third target only from 200 days ago), months summed from them
        dsl.execute("""
                INSERT INTO connection_daily (day, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                              latency_ms_sum, latency_ms_max)
                SELECT d::date, t.code, 1440, (random() * 3)::int, 80000 + (random() * 6000)::int, (random() * 400)::int,
                       CASE WHEN random() < 0.1 THEN 3600 ELSE 0 END, 1440 * 12, 80
                FROM connection_target t CROSS JOIN generate_series(?::date - 430, ?::date, interval '1 day') d
                WHERE t.code LIKE 'fast-%' AND (t.code <> 'fast-2' OR d >= ?::date - 200)""", today, today, today);
        dsl.execute("DELETE FROM connection_daily WHERE target_code = 'fast-3' AND day > ?::date - 100", today);
        dsl.execute("""
                INSERT INTO connection_monthly (month, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                                latency_ms_sum, latency_ms_max)
                SELECT date_trunc('month', day)::date, target_code, sum(checks), sum(failures), sum(up_seconds), sum(down_seconds),
                       sum(maintenance_seconds), sum(latency_ms_sum), max(latency_ms_max)
                FROM connection_daily WHERE target_code LIKE 'fast-%' GROUP BY 1, 2""");
        dsl.execute("UPDATE connection_target SET created_at = now() - interval '500 days' WHERE code IN ('fast-0', 'fast-1')");
        dsl.execute("UPDATE connection_target SET created_at = now() - interval '200 days 5 hours 17.123456 seconds' WHERE code = 'fast-2'");
        // a target retired 100 days ago: counted until then, and not at all in periods after
        dsl.execute("UPDATE connection_target SET created_at = now() - interval '500 days', enabled = false, "
                + "retired_at = now() - interval '100 days 3 hours 0.5 seconds' WHERE code = 'fast-3'");

    }

    @Test
    void fast_totals_equal_the_daily_rollup_summed() {
        for (LocalDate[] period : periods()) {
            for (ConnectionQueries.Granularity g : ConnectionQueries.Granularity.values()) {
                for (ConnectionQueries.GroupBy by : ConnectionQueries.GroupBy.values()) {
                    List<List<String>> both = both(by, g, period[0], period[1]);
                    assertThat(both.get(0)).as("%s by %s, %s .. %s", g, by, period[0], period[1]).isNotEmpty().isEqualTo(both.get(1));
                }
            }
        }
        assertThat(closedMonths.cachedMonths()).as("closed months served from memory").isNotEmpty();
    }

    @Test
    void a_change_to_a_closed_month_is_read_at_once_and_so_is_today() {
        LocalDate from = today.minusDays(365).withDayOfMonth(1);
        LocalDate to = today.plusDays(1);
        List<String> before = both(ConnectionQueries.GroupBy.TARGET, ConnectionQueries.Granularity.MONTH, from, to).get(0);
        LocalDate closedDay = today.withDayOfMonth(1).minusMonths(2).plusDays(3);
        // a maintenance window entered after the fact, say: an hour moves from up to maintenance in a closed month
        dsl.execute("UPDATE connection_daily SET up_seconds = up_seconds - 3600, maintenance_seconds = maintenance_seconds + 3600 "
                + "WHERE target_code = 'fast-1' AND day = ?", closedDay);
        dsl.execute("UPDATE connection_monthly SET up_seconds = up_seconds - 3600, maintenance_seconds = maintenance_seconds + 3600 "
                + "WHERE target_code = 'fast-1' AND month = ?", closedDay.withDayOfMonth(1));
        // and today's checks land in the open month
        dsl.execute("UPDATE connection_daily SET down_seconds = down_seconds + 60 WHERE target_code = 'fast-0' AND day = ?", today);
        dsl.execute("UPDATE connection_monthly SET down_seconds = down_seconds + 60 WHERE target_code = 'fast-0' AND month = ?", today.withDayOfMonth(1));
        List<List<String>> both = both(ConnectionQueries.GroupBy.TARGET, ConnectionQueries.Granularity.MONTH, from, to);
        List<String> after = both.get(0);
        assertThat(after).isEqualTo(both.get(1));
        assertThat(after).isNotEqualTo(before);
        assertThat(after.stream().filter(s -> s.startsWith("fast-1 ")).findFirst().orElseThrow())
                .isNotEqualTo(before.stream().filter(s -> s.startsWith("fast-1 ")).findFirst().orElseThrow());
        assertThat(after.stream().filter(s -> s.startsWith("fast-0 ")).findFirst().orElseThrow())
                .isNotEqualTo(before.stream().filter(s -> s.startsWith("fast-0 ")).findFirst().orElseThrow());
    }

    List<LocalDate[]> periods() {
        LocalDate m = today.withDayOfMonth(1);
        return List.of(
                new LocalDate[]{today.minusDays(365), today.plusDays(1)},          // the benchmark's year, to tomorrow
                new LocalDate[]{m.minusMonths(12), m.plusMonths(1)},               // whole months, the open one included
                new LocalDate[]{m.minusMonths(13).plusDays(9), m.minusMonths(1).plusDays(17)}, // mid-month to mid-month
                new LocalDate[]{m.minusMonths(3).plusDays(2), m.minusMonths(3).plusDays(20)},  // inside one closed month
                new LocalDate[]{today, today.plusDays(1)},                         // today only
                new LocalDate[]{m.minusYears(1).withDayOfYear(1), m.withDayOfYear(1)}); // last calendar year
    }

    /** The fast path and the reference, in one transaction (one {@code now()}). */
    List<List<String>> both(ConnectionQueries.GroupBy by, ConnectionQueries.Granularity g, LocalDate from, LocalDate to) {
        return dsl.transactionResult(c -> List.of(fast(DSL.using(c), by, g, from, to), fromDaily(DSL.using(c), by, g, from, to)));
    }

    List<String> fast(DSLContext dsl, ConnectionQueries.GroupBy by, ConnectionQueries.Granularity g, LocalDate from, LocalDate to) {
        var report = queries.availability(dsl, by, g, from, to, ORG, null, null, null, true);
        List<String> out = new ArrayList<>();
        report.totals().forEach(t -> out.add(t.key() + " " + t.upSeconds() + " " + t.downSeconds() + " " + t.maintenanceSeconds() + " "
                + t.unknownSeconds() + " " + t.availability()));
        return out;
    }

    /** The reference: the daily rollup summed over the days the granularity covers, each target's measured time its overlap. */
    List<String> fromDaily(DSLContext dsl, ConnectionQueries.GroupBy by, ConnectionQueries.Granularity g, LocalDate from, LocalDate to) {
        LocalDate daysFrom = g == ConnectionQueries.Granularity.DAY ? from : from.withDayOfMonth(1);
        LocalDate daysTo = g == ConnectionQueries.Granularity.DAY || to.getDayOfMonth() == 1 ? to : to.withDayOfMonth(1).plusMonths(1);
        String key = switch (by) {
            case TARGET -> "t.code";
            case SYSTEM -> "t.system_code";
            case ORGANISATION -> "t.organisation_code";
        };
        List<String> out = new ArrayList<>();
        dsl.fetch("""
                WITH s AS (SELECT target_code, sum(up_seconds) AS up, sum(down_seconds) AS down, sum(maintenance_seconds) AS maint
                           FROM connection_daily WHERE day >= ?::date AND day < ?::date GROUP BY 1),
                t AS (SELECT * FROM connection_target t WHERE (t.retired_at IS NULL OR t.retired_at > ?::date) AND t.organisation_code = ?)
                SELECT %s AS key, coalesce(sum(s.up), 0) AS up, coalesce(sum(s.down), 0) AS down, coalesce(sum(s.maint), 0) AS maint,
                       sum(greatest(0, extract(epoch FROM least(?::date::timestamp AT TIME ZONE 'Asia/Shanghai', now(), coalesce(t.retired_at, 'infinity'))
                                                       - greatest(?::date::timestamp AT TIME ZONE 'Asia/Shanghai', t.created_at))))::bigint AS measured
                FROM t LEFT JOIN s ON s.target_code = t.code GROUP BY 1 ORDER BY 1""".formatted(key),
                daysFrom.toString(), daysTo.toString(), from.toString(), ORG, to.toString(), from.toString()).forEach(r -> {
            long up = r.get("up", Long.class);
            long down = r.get("down", Long.class);
            long maint = r.get("maint", Long.class);
            long unknown = Math.max(0, r.get("measured", Long.class) - up - down - maint);
            out.add(r.get("key", String.class) + " " + up + " " + down + " " + maint + " " + unknown + " " + ConnectionQueries.ratio(up, down));
        });
        return out;
    }
}
