package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollups answer exactly what raw rows answer: random traffic over three months (several interval
 * sizes, late corrections), compared for random periods, whole organisation and per organisation.
 */
@IntegrationTest
class RollupCorrectnessTests {

    @Autowired
    Db db;

    @Autowired
    ExchangeIngest ingest;

    @Autowired
    ExchangeRollups rollups;

    @Autowired
    ExchangeQueries queries;

    static final List<String> ORGS = List.of("statistics", "planning", "agriculture", "food-drug");

    @Test
    void rollups_equal_raw_aggregation_on_random_data() {
        Random r = new Random(42);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusDays(95);
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            int seconds = List.of(300, 900, 3600).get(r.nextInt(3));
            OffsetDateTime t = start.plusSeconds((long) r.nextInt(94 * 24 * 12) * 300).truncatedTo(ChronoUnit.HOURS)
                    .plusSeconds(r.nextInt(3600 / seconds) * (long) seconds);
            String p = ORGS.get(r.nextInt(ORGS.size()));
            String c = ORGS.get(r.nextInt(ORGS.size()));
            String res = "rnd-" + r.nextInt(6);
            long calls = r.nextInt(500);
            batch.append(StatsIngestTests.line(t, p, c, res, calls, calls == 0 ? 0 : r.nextInt((int) calls + 1))
                    .replace("\"intervalSeconds\":300", "\"intervalSeconds\":" + seconds)).append('\n');
        }
        String body = batch.toString();
        // identical keys may repeat in random data; keep the last one, as a platform re-sending would
        java.util.LinkedHashMap<String, String> unique = new java.util.LinkedHashMap<>();
        for (String line : body.split("\n")) {
            String key = line.replaceAll("\"calls\".*", "").replaceAll("\"intervalSeconds\":\\d+,", "");
            unique.remove(key);
            unique.put(key, line);
        }
        db.inTransaction(Actor.system("test"), dsl -> ingest.ingestStats(dsl, "test", null,
                String.join("\n", unique.values()).getBytes(StandardCharsets.UTF_8), "application/x-ndjson"));
        // new intervals went into the hourly and daily rollups with their batch: none of them is queued, and each rollup
        // row already equals its intervals summed (no rollup pass has run for them)
        int queued = db.inTransaction(Actor.system("test"), dsl -> dsl.fetchCount(cn.suqian.govshare.db.schema.Tables.EXCHANGE_ROLLUP_DIRTY,
                cn.suqian.govshare.db.schema.Tables.EXCHANGE_ROLLUP_DIRTY.RESOURCE.like("rnd-%")));
        assertThat(queued).isZero();
        for (String[] level : new String[][]{
                {"exchange_hourly", "bucket", "date_bin('1 hour', interval_start, timestamptz '2000-01-01 00:00:00+00')"},
                {"exchange_daily", "day", "(interval_start AT TIME ZONE 'Asia/Shanghai')::date"}}) {
            String rolled = "SELECT " + level[1] + " AS t, provider_code, consumer_code, resource, calls::numeric, failed_calls::numeric, "
                    + "records::numeric, bytes::numeric, latency_ms_sum::numeric, latency_ms_max FROM " + level[0] + " WHERE resource LIKE 'rnd-%'";
            String summed = "SELECT " + level[2] + " AS t, provider_code, consumer_code, resource, sum(calls), sum(failed_calls), sum(records), "
                    + "sum(bytes), sum(latency_ms_sum), max(latency_ms_max) FROM exchange_stat WHERE resource LIKE 'rnd-%' GROUP BY 1, 2, 3, 4";
            long rows = db.inTransaction(Actor.system("test"), dsl -> ((Number) dsl.fetchValue("SELECT count(*) FROM (" + rolled + ") r")).longValue());
            long sums = db.inTransaction(Actor.system("test"), dsl -> ((Number) dsl.fetchValue("SELECT count(*) FROM (" + summed + ") r")).longValue());
            int differing = db.inTransaction(Actor.system("test"), dsl -> dsl.fetch("(" + rolled + " EXCEPT " + summed + ") UNION ALL ("
                    + summed + " EXCEPT " + rolled + ")").size());
            assertThat(rows).as(level[0]).isEqualTo(sums).isPositive();
            assertThat(differing).as(level[0]).isZero();
        }
        rollups.refresh();
        // late corrections: some intervals re-sent with other figures, weeks later
        StringBuilder late = new StringBuilder();
        int n = 0;
        for (String line : unique.values()) {
            if (n++ % 10 == 0) {
                late.append(line.replaceFirst("\"calls\":\\d+", "\"calls\":777").replaceFirst("\"failedCalls\":\\d+", "\"failedCalls\":7")
                        .replaceFirst("\"latencyMsSum\":\\d+", "\"latencyMsSum\":777")).append('\n');
            }
        }
        db.inTransaction(Actor.system("test"), dsl -> ingest.ingestStats(dsl, "test", null,
                late.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson"));
        rollups.refresh();

        for (int i = 0; i < 25; i++) {
            OffsetDateTime from = start.plusHours(r.nextInt(90 * 24)).plusMinutes(r.nextInt(60));
            OffsetDateTime to = from.plusHours(1 + r.nextInt(60 * 24)).plusMinutes(r.nextInt(60));
            String org = i % 3 == 0 ? ORGS.get(r.nextInt(ORGS.size())) : null;
            var fromRollups = db.inTransaction(Actor.system("test"), dsl -> queries.flows(dsl, from, to, org));
            var fromRaw = db.inTransaction(Actor.system("test"), dsl -> queries.rawFlows(dsl, from, to, org));
            assertThat(fromRollups).as("period %s .. %s org %s", from, to, org).isEqualTo(fromRaw);
        }
        // and a whole-period total, which spans month, day and hour rollups
        var all = db.inTransaction(Actor.system("test"), dsl -> queries.summary(dsl, start.minusDays(1), start.plusDays(96), null));
        long raw = db.inTransaction(Actor.system("test"), dsl -> queries.rawFlows(dsl, start.minusDays(1), start.plusDays(96), null))
                .stream().filter(f -> ORGS.contains(f.provider())).mapToLong(ExchangeQueries.Flow::calls).sum();
        long rolled = db.inTransaction(Actor.system("test"), dsl -> queries.flows(dsl, start.minusDays(1), start.plusDays(96), null))
                .stream().filter(f -> ORGS.contains(f.provider())).mapToLong(ExchangeQueries.Flow::calls).sum();
        assertThat(rolled).isEqualTo(raw).isPositive();
        assertThat(all.total().calls()).isGreaterThanOrEqualTo(rolled);
    }

    @Test
    void exchange_stat_is_time_partitioned_with_retention_in_the_active_mode() {
        db.inTransaction(Actor.system("test"), dsl -> {
            if (dsl.fetchExists(org.jooq.impl.DSL.selectOne().from("pg_extension").where("extname = 'timescaledb'"))) {
                assertThat(dsl.fetchValue("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'exchange_stat'"))
                        .isEqualTo(1L);
            } else {
                assertThat(dsl.fetchValue("SELECT relkind::text FROM pg_class WHERE relname = 'exchange_stat'")).isEqualTo("p");
            }
            assertThat(dsl.fetchValue("SELECT retention::text FROM ts_table WHERE table_name = 'exchange_stat'")).isEqualTo("400 days");
            return null;
        });
    }
}
