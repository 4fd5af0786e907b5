package cn.suqian.govshare.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Eligibility benchmark (not a test; run by the command in docs/benchmarks.md). Starts its own PostgreSQL and the
 * real service jar; seeds {@code benchmark.systems} systems (10,000) with {@code benchmark.targets} connection
 * targets (2,000) holding a year of daily availability, and {@code benchmark.filings} filed requests (1,000) of the
 * next budget year naming the systems between them; then asks the service to recompute every verdict of the year
 * through the API and reports the service's own timing and the wall time: the first computation (every verdict
 * written), a recompute with nothing changed (nothing written), and one after a rule change (every verdict
 * rewritten, the cause recorded). Repeated {@code benchmark.rounds} times (5); p50 and max.
 */
public final class EligibilityBenchmark {

    static final int SYSTEMS = Integer.getInteger("benchmark.systems", 10_000);
    static final int FILINGS = Integer.getInteger("benchmark.filings", 1_000);
    static final int TARGETS = Integer.getInteger("benchmark.targets", 2_000);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    public static void main(String[] args) throws Exception {
        try (BenchmarkService service = BenchmarkService.start("768m", "eligibility-benchmark-service.log",
                "--govshare.exchange.simulator=false", "--govshare.scheduling.enabled=false", "--logging.level.root=WARN",
                "--logging.level.cn.suqian.govshare.eligibility=DEBUG")) {
            run(service.pg(), service.port());
        }
    }

    static void run(EmbeddedPostgres pg, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port;
        ExchangeBenchmark.waitForHealth(http, base);
        int year = java.time.LocalDate.now().getYear() + 1;
        long seed0 = System.nanoTime();
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare")); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('govshare.actor', 'benchmark', false)");
            s.execute("""
                    WITH orgs AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM organisation)
                    INSERT INTO information_system (code, organisation_code, name, purpose, funding_type, lifecycle_status, deployment, network,
                                                    must_connect, protection_level, annual_om_cost)
                    SELECT 'bench.s' || lpad(g::text, 5, '0'), o.code, '基准系统' || g, '基准测试', 'GOVERNMENT_INVESTMENT',
                           CASE WHEN g %% 50 = 0 THEN 'ZOMBIE' ELSE 'IN_USE' END, 'GOV_CLOUD', 'EGOV_EXTRANET', g %% 3 <> 0,
                           CASE WHEN g %% 7 = 0 THEN NULL ELSE 1 + g %% 3 END, 100000
                    FROM generate_series(0, %d) g JOIN orgs o ON o.n = g %% o.total""".formatted(SYSTEMS - 1));
            s.execute("""
                    INSERT INTO connection_target (code, system_code, organisation_code, kind, name, probe, interval_seconds, down_after, up_after)
                    SELECT 'bench-t' || g, 'bench.s' || lpad((g * (%d / %d))::text, 5, '0'), '', 'INTERFACE', '基准目标' || g, 'HEARTBEAT', 300, 3, 2
                    FROM generate_series(0, %d) g""".formatted(SYSTEMS, TARGETS, TARGETS - 1));
            s.execute("""
                    INSERT INTO connection_daily (day, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                                  latency_ms_sum, latency_ms_max)
                    SELECT d::date, t.code, 288, 0, CASE WHEN t.code LIKE '%%3' THEN 40000 ELSE 86400 END,
                           CASE WHEN t.code LIKE '%%3' THEN 46400 ELSE 0 END, 0, 288 * 12, 80
                    FROM connection_target t CROSS JOIN generate_series(current_date - 120, current_date - 1, interval '1 day') d""");
            s.execute("UPDATE connection_target SET created_at = now() - interval '400 days' WHERE code LIKE 'bench-%'");
            int per = SYSTEMS / FILINGS;
            s.execute("""
                    WITH sys AS (SELECT code, organisation_code, (row_number() OVER (ORDER BY code) - 1) / %d AS f
                                 FROM information_system WHERE code LIKE 'bench.s%%')
                    INSERT INTO filing (organisation_code, budget_year, project_type, name, construction_amount, om_amount, funding_sources,
                                        system_codes, planned_systems, deployment, network, data_room_work, own_exchange_platform,
                                        connection_plan, protection_level, performance_targets, status, submitted_at, created_by)
                    SELECT min(organisation_code), %d,
                           (ARRAY['OPERATION_MAINTENANCE','CONTINUATION','EXPANSION','PURCHASED_SERVICE'])[1 + f %% 4],
                           '基准申请' || f, 500000, 300000, '[{"source":"财政预算","construction":500000,"om":300000}]',
                           array_agg(code ORDER BY code), '[]', CASE WHEN f %% 10 = 0 THEN 'OWN_DATA_ROOM' ELSE 'GOV_CLOUD' END,
                           CASE WHEN f %% 25 = 0 THEN 'NEW_PRIVATE_NETWORK' ELSE 'EGOV_EXTRANET' END, 'NONE', false,
                           '接入共享平台', 2, '绩效目标', 'SUBMITTED', now(), 'benchmark'
                    FROM sys WHERE f < %d GROUP BY f""".formatted(per, year, FILINGS));
            s.execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "seeded %d systems, %d targets, %d filings of %d in %.1f s%n", SYSTEMS, TARGETS, FILINGS, year,
                (System.nanoTime() - seed0) / 1e9);
        String auth = "Basic " + Base64.getEncoder().encodeToString("admin:benchmark-admin".getBytes(StandardCharsets.UTF_8));
        List<double[]> first = new ArrayList<>();
        List<double[]> unchanged = new ArrayList<>();
        List<double[]> ruleChange = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                // forget the verdicts so that the first computation is measured again
                try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare")); Statement s = c.createStatement()) {
                    s.execute("UPDATE eligibility_verdict SET current = false WHERE current");
                }
            }
            first.add(recompute(http, base, auth, year));
            unchanged.add(recompute(http, base, auth, year));
            String body = "{\"summary\":\"新建业务专网的项目，不予批准（第" + (round + 2) + "版）\",\"changeReason\":\"基准测试改写\"}";
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/eligibility/rules/" + year + "/R3"))
                    .header("Authorization", auth).header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("rule change: " + r.statusCode() + " " + r.body());
            }
            ruleChange.add(new double[]{Double.NaN, (System.nanoTime() - t0) / 1e6, FILINGS});
        }
        report("first computation (all verdicts written)", first);
        report("recompute, nothing changed (none written)", unchanged);
        report("rule change + recompute (all rewritten), wall", ruleChange);
    }

    static double[] recompute(HttpClient http, String base, String auth, int year) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/eligibility/recompute?year=" + year))
                .header("Authorization", auth).timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        double wall = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("recompute: " + r.statusCode() + " " + r.body());
        }
        double millis = Double.parseDouble(r.body().replaceAll(".*\"millis\":(\\d+).*", "$1"));
        double written = Double.parseDouble(r.body().replaceAll(".*\"written\":(\\d+).*", "$1"));
        System.out.printf(Locale.ROOT, "  recompute: %s (wall %.0f ms)%n", r.body(), wall);
        return new double[]{millis, wall, written};
    }

    static void report(String what, List<double[]> runs) {
        List<Double> service = runs.stream().map(r -> r[0]).filter(d -> !d.isNaN()).sorted().toList();
        List<Double> wall = runs.stream().map(r -> r[1]).sorted().toList();
        System.out.printf(Locale.ROOT, "%s: service p50 %s ms max %s ms; wall p50 %.0f ms max %.0f ms; written %.0f (%d runs)%n", what,
                service.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", service.get(service.size() / 2)),
                service.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", service.getLast()),
                wall.get(wall.size() / 2), wall.getLast(), runs.getLast()[2], runs.size());
    }
}
