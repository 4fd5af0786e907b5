package cn.suqian.govshare.benchmark;

import cn.suqian.govshare.assessment.AssessmentBenchmarkAccess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Assessment benchmark (not a test; run by the command in docs/benchmarks.md). Starts its own PostgreSQL and the real
 * service jar, seeds a year — {@code benchmark.organisations} assessed organisations (0: the city's own; 550: a province's
 * worth), {@code benchmark.systems} systems spread over them, {@code benchmark.targets} connection targets with the year's
 * daily availability and its monthly rollup, {@code benchmark.resources} catalogued resources mounted on the platform (cycles daily, weekly,
 * monthly, quarterly) each with its daily exchange traffic on the days its cycle asks for and the year's monthly flows —
 * then starts the official run of that year over the API ({@code POST /api/v1/assessments/{year}/runs}) and waits for it:
 * the run's own time (started → finished: every fact read from the capabilities' APIs, every organisation scored, every
 * result written) and the wall time. {@code benchmark.rounds} rounds (5); p50 and max. Then the pure scoring of the same
 * number of organisations and systems in memory ({@link AssessmentScoringBenchmark}'s figure).
 */
public final class AssessmentBenchmark {

    static final int ORGANISATIONS = Integer.getInteger("benchmark.organisations", 0);
    static final int SYSTEMS = Integer.getInteger("benchmark.systems", 2_000);
    static final int TARGETS = Integer.getInteger("benchmark.targets", 2_000);
    static final int RESOURCES = Integer.getInteger("benchmark.resources", 2_400);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    public static void main(String[] args) throws Exception {
        try (BenchmarkService service = BenchmarkService.start("768m", "assessment-benchmark-service.log",
                "--govshare.exchange.simulator=false", "--govshare.scheduling.enabled=false", "--logging.level.root=WARN")) {
            run(service.pg(), service.port());
        }
    }

    static void run(EmbeddedPostgres pg, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port;
        ExchangeBenchmark.waitForHealth(http, base);
        int year = java.time.LocalDate.now().getYear() - 1; // a whole year of facts
        long seed0 = System.nanoTime();
        int organisations;
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare")); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('govshare.actor', 'benchmark', false)");
            int existing = count(s, "SELECT count(*) FROM organisation WHERE type <> 'CITY' AND retired_at IS NULL");
            if (ORGANISATIONS > existing) {
                s.execute("""
                        INSERT INTO organisation (code, name, type, parent_code)
                        SELECT 'bench-o' || g, '基准单位' || g, CASE WHEN g %% 3 = 0 THEN 'COUNTY_DISTRICT' ELSE 'CITY_DEPARTMENT' END, 'suqian'
                        FROM generate_series(1, %d) g""".formatted(ORGANISATIONS - existing));
            }
            organisations = count(s, "SELECT count(*) FROM organisation WHERE type <> 'CITY' AND retired_at IS NULL");
            s.execute("""
                    WITH orgs AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total
                                  FROM organisation WHERE type <> 'CITY')
                    INSERT INTO information_system (code, organisation_code, name, purpose, funding_type, lifecycle_status, deployment, network,
                                                    must_connect, protection_level, protection_assessed_on, annual_om_cost)
                    SELECT 'bench.s' || lpad(g::text, 5, '0'), o.code, '基准系统' || g, '基准测试', 'GOVERNMENT_INVESTMENT',
                           CASE WHEN g %% 50 = 0 THEN 'ZOMBIE' ELSE 'IN_USE' END,
                           CASE WHEN g %% 4 = 0 THEN 'OTHER' ELSE 'GOV_CLOUD' END,
                           CASE WHEN g %% 9 = 0 THEN 'INTERNET' ELSE 'EGOV_EXTRANET' END, g %% 3 <> 0,
                           CASE WHEN g %% 7 = 0 THEN NULL ELSE 1 + g %% 3 END,
                           CASE WHEN g %% 5 = 0 THEN NULL ELSE DATE '%d-03-01' END, 100000
                    FROM generate_series(0, %d) g JOIN orgs o ON o.n = g %% o.total""".formatted(year, SYSTEMS - 1));
            s.execute("""
                    INSERT INTO connection_target (code, system_code, organisation_code, kind, name, probe, interval_seconds, down_after, up_after)
                    SELECT 'bench-t' || g, 'bench.s' || lpad((g * (%d / %d))::text, 5, '0'), '', 'INTERFACE', '基准目标' || g, 'HEARTBEAT', 300, 3, 2
                    FROM generate_series(0, %d) g""".formatted(SYSTEMS, TARGETS, TARGETS - 1));
            s.execute("UPDATE connection_target SET created_at = now() - interval '800 days' WHERE code LIKE 'bench-%'");
            // a year of daily availability per target (every 10th with outages), and the monthly rollup of it
            s.execute("""
                    INSERT INTO connection_daily (day, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                                  latency_ms_sum, latency_ms_max)
                    SELECT d::date, t.code, 288, 0, CASE WHEN t.code LIKE '%%3' THEN 80000 ELSE 86400 END,
                           CASE WHEN t.code LIKE '%%3' THEN 6400 ELSE 0 END, 0, 288 * 12, 80
                    FROM connection_target t CROSS JOIN generate_series(DATE '%d-01-01', DATE '%d-12-31', interval '1 day') d"""
                    .formatted(year, year));
            s.execute("""
                    INSERT INTO connection_monthly (month, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                                    latency_ms_sum, latency_ms_max)
                    SELECT date_trunc('month', day)::date, target_code, sum(checks), sum(failures), sum(up_seconds), sum(down_seconds),
                           sum(maintenance_seconds), sum(latency_ms_sum), max(latency_ms_max)
                    FROM connection_daily WHERE target_code LIKE 'bench-%%' GROUP BY 1, 2""");
            // resources: provider by round robin, mounted (every 10th not), cycles daily / weekly / monthly / quarterly
            s.execute("""
                    WITH orgs AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total
                                  FROM organisation WHERE type <> 'CITY')
                    INSERT INTO catalogue_resource (code, category, name, provider_organisation_code, format, sharing_type, open_attribute,
                                                    update_cycle, mounted, mounted_since)
                    SELECT '201001/' || lpad(g::text, 6, '0'), 2, '基准资源' || g, o.code, 'DATABASE', 'UNCONDITIONAL', 'NOT_OPEN',
                           (ARRAY['DAILY','WEEKLY','MONTHLY','QUARTERLY'])[1 + g %% 4], g %% 10 <> 0,
                           CASE WHEN g %% 10 <> 0 THEN DATE '%d-01-01' END
                    FROM generate_series(0, %d) g JOIN orgs o ON o.n = g %% o.total""".formatted(year - 1, RESOURCES - 1));
            // each mounted resource served to the next organisation on the days its cycle asks for (every 11th misses some)
            s.execute("""
                    WITH orgs AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total
                                  FROM organisation WHERE type <> 'CITY'),
                         res AS (SELECT r.code, r.provider_organisation_code AS provider, r.update_cycle,
                                        row_number() OVER (ORDER BY r.code) AS g
                                 FROM catalogue_resource r WHERE r.code LIKE '201001/%%' AND r.mounted)
                    INSERT INTO exchange_daily (day, provider_code, consumer_code, resource, calls, failed_calls, records, bytes,
                                                latency_ms_sum, latency_ms_max)
                    SELECT d::date, r.provider, c.code, r.code, 200, CASE WHEN r.g %% 13 = 0 THEN 9 ELSE 0 END, 5000, 2000000, 200 * 40, 300
                    FROM res r JOIN orgs c ON c.n = (r.g + 1) %% c.total
                    CROSS JOIN generate_series(DATE '%d-01-01', DATE '%d-12-31', interval '1 day') d
                    WHERE (r.g %% 11 <> 0 OR extract(month FROM d) > 3)
                      AND CASE r.update_cycle WHEN 'DAILY' THEN true
                                              WHEN 'WEEKLY' THEN extract(isodow FROM d) = 1
                                              WHEN 'MONTHLY' THEN extract(day FROM d) = 1
                                              ELSE extract(day FROM d) = 1 AND extract(month FROM d) IN (1, 4, 7, 10) END""".formatted(year, year));
            s.execute("""
                    INSERT INTO exchange_monthly_flow (month, provider_code, consumer_code, calls, failed_calls, records, bytes, latency_ms_sum,
                                                       latency_ms_max)
                    SELECT date_trunc('month', day)::date, provider_code, consumer_code, sum(calls), sum(failed_calls), sum(records), sum(bytes),
                           sum(latency_ms_sum), max(latency_ms_max)
                    FROM exchange_daily GROUP BY 1, 2, 3""");
            s.execute("ANALYZE");
            System.out.printf(Locale.ROOT, "seeded %d organisations, %d systems, %d targets, %d resources, %d daily exchange rows of %d in %.1f s%n",
                    organisations, SYSTEMS, TARGETS, RESOURCES, count(s, "SELECT count(*) FROM exchange_daily"), year, (System.nanoTime() - seed0) / 1e9);
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString("admin:benchmark-admin".getBytes(StandardCharsets.UTF_8));
        List<double[]> runs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            runs.add(runOnce(http, base, auth, year));
        }
        List<Double> service = runs.stream().map(r -> r[0]).sorted().toList();
        List<Double> wall = runs.stream().map(r -> r[1]).sorted().toList();
        System.out.printf(Locale.ROOT, "assessment run of %d: %d organisations, %d systems: run p50 %.0f ms max %.0f ms; wall p50 %.0f ms max %.0f ms"
                        + " (%d runs)%n", year, organisations, SYSTEMS, service.get(service.size() / 2), service.getLast(), wall.get(wall.size() / 2),
                wall.getLast(), runs.size());
        AssessmentBenchmarkAccess.run(organisations, SYSTEMS, ROUNDS);
    }

    /** One official run over the API, waited for: [run's own ms, wall ms]. */
    static double[] runOnce(HttpClient http, String base, String auth, int year) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/assessments/" + year + "/runs"))
                .header("Authorization", auth).timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("run: " + r.statusCode() + " " + r.body());
        }
        String id = r.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
        while (true) {
            HttpResponse<String> runs = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/assessments/" + year + "/runs"))
                    .header("Authorization", auth).timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = runs.body();
            int at = body.indexOf("{\"id\":" + id + ",");
            if (at < 0) {
                throw new IllegalStateException("run " + id + " not listed: " + body.substring(0, Math.min(300, body.length())));
            }
            String run = body.substring(at, body.indexOf('}', at) + 1);
            if (run.contains("\"status\":\"FAILED\"")) {
                throw new IllegalStateException("run failed: " + run);
            }
            if (run.contains("\"status\":\"DONE\"")) {
                double wall = (System.nanoTime() - t0) / 1e6;
                OffsetDateTime started = OffsetDateTime.parse(run.replaceAll(".*\"startedAt\":\"([^\"]+)\".*", "$1"));
                OffsetDateTime finished = OffsetDateTime.parse(run.replaceAll(".*\"finishedAt\":\"([^\"]+)\".*", "$1"));
                double own = Duration.between(started, finished).toNanos() / 1e6;
                System.out.printf(Locale.ROOT, "  run %s: %s organisations, run %.0f ms, wall %.0f ms%n", id,
                        run.replaceAll(".*\"organisations\":(\\d+).*", "$1"), own, wall);
                return new double[]{own, wall};
            }
            Thread.sleep(25);
        }
    }

    static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private AssessmentBenchmark() {
    }
}
