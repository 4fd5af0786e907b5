package cn.suqian.govshare.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Connection-probing benchmark (not a test; run by the command in docs/benchmarks.md). Starts its own
 * PostgreSQL, local HTTP targets (healthy, and hanging ones that never answer) and the real service jar as a
 * separate process; registers {@code benchmark.targets} targets (2,000) probed every 30 s, 10 % of them
 * hanging until their 5 s timeout, and lets the service probe them for {@code benchmark.minutes} (10).
 * Reports: whether every cycle finished inside its interval (per-target gaps between consecutive checks,
 * and the backlog of overdue targets sampled every 10 s), the service's CPU share (of one core) and peak RSS,
 * then, with a year of daily and monthly availability rolled up for every target, the p50/p95 of reading a
 * year of availability for all targets through the API.
 */
public final class ConnectionBenchmark {

    static final int TARGETS = Integer.getInteger("benchmark.targets", 2000);
    static final int MINUTES = Integer.getInteger("benchmark.minutes", 10);
    static final int INTERVAL = 30;
    /** Untimed requests before each read figure's 50 timed ones (3; a long-running service is warmer). */
    static final int WARMUPS = Integer.getInteger("benchmark.warmups", 3);
    static final int SAMPLES = Integer.getInteger("benchmark.samples", 50);

    public static void main(String[] args) throws Exception {
        DisposableServer targets = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/ok", (req, res) -> res.sendString(Mono.just("OK")))
                        .get("/hang", (req, res) -> res.sendString(Mono.never())))
                .bindNow();
        try (BenchmarkService service = BenchmarkService.start("384m", "connection-benchmark-service.log",
                "--govshare.exchange.simulator=false", "--logging.level.root=WARN")) {
            try {
                run(service.pg(), service.port(), service.process(), targets.port());
            } finally {
                targets.disposeNow();
            }
        }
    }

    static void run(EmbeddedPostgres pg, int port, Process service, int targetPort) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port;
        ExchangeBenchmark.waitForHealth(http, base);
        long pid = service.pid();
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare")); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('govshare.actor', 'benchmark', false)");
            s.execute("""
                    INSERT INTO information_system (code, organisation_code, name, purpose, funding_type, lifecycle_status, deployment, network,
                                                    must_connect)
                    SELECT o.code || '.bench', o.code, o.name || '基准测试系统', '基准测试', 'GOVERNMENT_INVESTMENT', 'IN_USE', 'GOV_CLOUD',
                           'EGOV_EXTRANET', true
                    FROM organisation o""");
            s.execute("""
                    WITH systems AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM information_system
                                     WHERE code LIKE '%%.bench')
                    INSERT INTO connection_target (code, system_code, organisation_code, kind, name, probe, address, interval_seconds,
                                                   down_after, up_after, timeout_ms)
                    SELECT 'bench-' || g, s.code, '', 'INTERFACE', '基准目标 ' || g, 'HTTP',
                           'http://127.0.0.1:%d/' || CASE WHEN g %% 10 = 0 THEN 'hang' ELSE 'ok' END || '?t=' || g,
                           %d, 3, 2, 5000
                    FROM generate_series(0, %d) g JOIN systems s ON s.n = g %% s.total""".formatted(targetPort, INTERVAL, TARGETS - 1));
            // a year of rolled-up availability for every target, as a service running for a year would hold
            s.execute("""
                    INSERT INTO connection_daily (day, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                                  latency_ms_sum, latency_ms_max)
                    SELECT d::date, t.code, 2880, (random() * 3)::int, 86400 - (random() * 300)::int, (random() * 300)::int, 0, 2880 * 12, 80
                    FROM connection_target t CROSS JOIN generate_series(current_date - 365, current_date - 1, interval '1 day') d""");
            s.execute("""
                    INSERT INTO connection_monthly (month, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                                    latency_ms_sum, latency_ms_max)
                    SELECT date_trunc('month', day)::date, target_code, sum(checks), sum(failures), sum(up_seconds), sum(down_seconds),
                           sum(maintenance_seconds), sum(latency_ms_sum), max(latency_ms_max)
                    FROM connection_daily GROUP BY 1, 2
                    ON CONFLICT (target_code, month) DO UPDATE SET checks = connection_monthly.checks + excluded.checks,
                        failures = connection_monthly.failures + excluded.failures,
                        up_seconds = connection_monthly.up_seconds + excluded.up_seconds,
                        down_seconds = connection_monthly.down_seconds + excluded.down_seconds""");
            s.execute("UPDATE connection_target SET created_at = now() - interval '400 days' WHERE code LIKE 'bench-%'");
            s.execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "registered %d targets (%d hanging), probing for %d minutes%n", TARGETS, TARGETS / 10, MINUTES);
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        long started = System.currentTimeMillis();
        int maxBacklog = 0;
        List<Integer> backlogs = new ArrayList<>();
        long rssPeak = 0;
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare"))) {
            while (System.currentTimeMillis() - started < MINUTES * 60_000L) {
                Thread.sleep(10_000);
                // overdue = due more than 5 s ago and not yet taken: the probing has fallen behind
                int backlog = (int) ExchangeBenchmark.count(c, "SELECT count(*) FROM connection_state WHERE next_due_at < now() - interval '5 seconds'");
                backlogs.add(backlog);
                maxBacklog = Math.max(maxBacklog, backlog);
                rssPeak = Math.max(rssPeak, rss(pid));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuShare = (cpuTicks(pid) - cpu0) / 100.0 / seconds;
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare")); Statement s = c.createStatement()) {
            // after the first (random) cycle: gaps between consecutive checks of each target
            try (ResultSet rs = s.executeQuery("""
                    WITH g AS (
                        SELECT target_code, ok, extract(epoch FROM checked_at - lag(checked_at) OVER (PARTITION BY target_code ORDER BY checked_at)) AS gap
                        FROM connection_check WHERE target_code LIKE 'bench-%%')
                    SELECT count(*), count(*) FILTER (WHERE gap > %d * 1.1 + 2), max(gap), percentile_cont(0.99) WITHIN GROUP (ORDER BY gap),
                           avg(gap), (SELECT count(*) FROM connection_check WHERE target_code LIKE 'bench-%%'),
                           (SELECT count(*) FROM connection_check WHERE target_code LIKE 'bench-%%' AND cause = 'TIMEOUT')
                    FROM g WHERE gap IS NOT NULL""".formatted(INTERVAL))) {
                rs.next();
                System.out.printf(Locale.ROOT, "checks: %d (%d timeouts); consecutive-check gaps: %d, late (> interval + 10%% + 2 s): %d, "
                                + "mean %.1f s, p99 %.1f s, max %.1f s%n", rs.getLong(6), rs.getLong(7), rs.getLong(1), rs.getLong(2),
                        rs.getDouble(5), rs.getDouble(4), rs.getDouble(3));
            }
            System.out.printf(Locale.ROOT, "overdue targets (sampled every 10 s): max %d, samples %s%n", maxBacklog, backlogs);
            System.out.printf(Locale.ROOT, "service CPU: %.1f %% of one core over %.0f s; RSS peak sampled %d kB; VmHWM %s%n",
                    cpuShare * 100, seconds, rssPeak, ExchangeBenchmark.peakRss(pid));
            System.out.printf(Locale.ROOT, "incidents opened: %d%n", ExchangeBenchmark.count(c, "SELECT count(*) FROM connection_incident"));
        }
        ExchangeBenchmark.login(http, base);
        int year = java.time.LocalDate.now().getYear();
        String yearUrl = base + "/api/v1/connections/availability?by=target&granularity=year&totalsOnly=true&from=" + (year - 1)
                + "-01-01&to=" + (year + 1) + "-01-01";
        String lastYear = base + "/api/v1/connections/availability?by=target&granularity=month&totalsOnly=true&from="
                + java.time.LocalDate.now().minusDays(365).withDayOfMonth(1) + "&to=" + java.time.LocalDate.now().plusDays(1);
        String lastYearDaily = base + "/api/v1/connections/availability?by=target&granularity=day&totalsOnly=true&from="
                + java.time.LocalDate.now().minusDays(365) + "&to=" + java.time.LocalDate.now().plusDays(1);
        String wall = base + "/api/v1/connections/availability?by=organisation&granularity=day&from="
                + java.time.LocalDate.now().minusDays(365) + "&to=" + java.time.LocalDate.now().plusDays(1);
        for (String[] q : new String[][]{{"the floor: /api/v1/me (session, no data) under the same load", base + "/api/v1/me"},
                {"a year of availability, every target (totals, monthly rollup)", lastYear},
                {"the last 365 days of daily availability, every target (totals, day granularity)", lastYearDaily},
                {"two calendar years, every target (totals)", yearUrl}, {"a year of daily availability per organisation (heat-map rows)", wall}}) {
            double[] p = ExchangeBenchmark.timeGets(http, q[1], SAMPLES, WARMUPS); // p50, p95
            System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms (load average %s)%n", q[0], p[0], p[1],
                    Files.readString(Path.of("/proc/loadavg")).strip());
        }
    }

    /** utime + stime of the process, in clock ticks (1/100 s). */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS")) {
                return Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
