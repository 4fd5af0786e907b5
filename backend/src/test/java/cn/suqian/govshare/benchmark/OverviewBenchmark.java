package cn.suqian.govshare.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Leadership-overview benchmark (not a test; run by the command in docs/benchmarks.md). Starts its own PostgreSQL
 * and the real service jar as a separate process, loads a city-scale year — 1,032 information systems, 2,064
 * connection targets with a year of daily availability, 2,400 exchange keys × 365 days of daily rollups, 1,000
 * catalogue resources, and a year of daily overview rollups for the city and every organisation — then lets the
 * overview rollup run and measures:
 * <ol>
 *   <li>{@code GET /api/v1/overview} (the city, a year of history in the rollup table): p50/p95 over 200 requests;</li>
 *   <li>{@code benchmark.clients} (200) concurrent live streams ({@code /api/v1/overview/stream}): 20 incidents are
 *   written to the database 2 s apart, and the delay from each commit to each client's receipt of the
 *   {@code incident} event is recorded: p50/p95/max over all clients and incidents, and how many were missed.</li>
 * </ol>
 */
public final class OverviewBenchmark {

    static final int CLIENTS = Integer.getInteger("benchmark.clients", 200);
    static final int INCIDENTS = 20;

    public static void main(String[] args) throws Exception {
        try (BenchmarkService service = BenchmarkService.start("512m", "overview-benchmark-service.log",
                "--govshare.exchange.simulator=false", "--govshare.connection.tick=PT24H",
                "--govshare.overview.rollup-interval=PT20S", "--govshare.overview.rollup-delay=PT1S", "--logging.level.root=WARN")) {
            run(service.pg(), service.port(), service.process());
        }
    }

    static void run(EmbeddedPostgres pg, int port, Process service) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port;
        ExchangeBenchmark.waitForHealth(http, base);
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare")); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('govshare.actor', 'benchmark', false)");
            long t0 = System.nanoTime();
            s.execute("""
                    INSERT INTO information_system (code, organisation_code, name, purpose, funding_type, lifecycle_status, deployment, network,
                                                    must_connect, annual_om_cost)
                    SELECT o.code || '.bench' || g, o.code, o.name || '基准系统' || g, '基准测试', 'GOVERNMENT_INVESTMENT',
                           CASE WHEN g % 17 = 0 THEN 'ZOMBIE' ELSE 'IN_USE' END,
                           CASE WHEN g % 3 = 0 THEN 'OWN_DATA_ROOM' ELSE 'GOV_CLOUD' END,
                           CASE WHEN g % 5 = 0 THEN 'PRIVATE_NETWORK' ELSE 'EGOV_EXTRANET' END, g % 4 <> 0, 100000 + g * 1000
                    FROM organisation o CROSS JOIN generate_series(1, 24) g""");
            s.execute("""
                    INSERT INTO connection_target (code, system_code, organisation_code, kind, name, probe, interval_seconds)
                    SELECT 'bench-' || i.code || '-' || k, i.code, '', 'INTERFACE', '基准目标', 'HEARTBEAT', 60
                    FROM information_system i CROSS JOIN generate_series(1, 2) k WHERE i.code LIKE '%.bench%'""");
            s.execute("UPDATE connection_target SET created_at = now() - interval '400 days' WHERE code LIKE 'bench-%'");
            s.execute("""
                    INSERT INTO connection_daily (day, target_code, checks, failures, up_seconds, down_seconds, maintenance_seconds,
                                                  latency_ms_sum, latency_ms_max)
                    SELECT d::date, t.code, 1440, 0, 86400 - (random() * 600)::int, (random() * 600)::int, 0, 1440 * 12, 80
                    FROM connection_target t CROSS JOIN generate_series(current_date - 365, current_date - 1, interval '1 day') d""");
            s.execute("""
                    INSERT INTO exchange_daily (day, provider_code, consumer_code, resource, calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max)
                    SELECT d::date, p.code, c.code, 'res-' || r, 1000 + (random() * 500)::int, (random() * 10)::int, 5000, 100000, 20000, 200
                    FROM (SELECT code, row_number() OVER (ORDER BY code) n FROM organisation) p
                    JOIN (SELECT code, row_number() OVER (ORDER BY code) n FROM organisation) c ON c.n <> p.n AND (c.n + p.n) % 3 = 0
                    CROSS JOIN generate_series(1, 4) r
                    CROSS JOIN generate_series(current_date - 365, current_date - 1, interval '1 day') d""");
            s.execute("""
                    INSERT INTO exchange_monthly_flow (month, provider_code, consumer_code, calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max)
                    SELECT date_trunc('month', day)::date, provider_code, consumer_code, sum(calls), sum(failed_calls), sum(records), sum(bytes),
                           sum(latency_ms_sum), max(latency_ms_max)
                    FROM exchange_daily GROUP BY 1, 2, 3""");
            s.execute("""
                    INSERT INTO catalogue_resource (code, category, name, provider_organisation_code, format, sharing_type, not_shared_basis,
                                                    open_attribute, update_cycle, mounted, mounted_since, base_databases)
                    SELECT '1' || lpad((g % 100)::text, 2, '0') || '001/' || lpad(g::text, 6, '0'), 1, '基准资源' || g, o.code, 'DATABASE',
                           CASE WHEN g % 10 = 0 THEN 'NOT_SHARED' ELSE 'UNCONDITIONAL' END,
                           CASE WHEN g % 10 = 0 THEN '法律依据' END, 'NOT_OPEN', 'DAILY', g % 4 <> 0,
                           CASE WHEN g % 4 <> 0 THEN current_date - 100 END,
                           CASE WHEN g % 7 = 0 THEN ARRAY['POPULATION'] WHEN g % 11 = 0 THEN ARRAY['LEGAL_ENTITY'] ELSE '{}'::text[] END
                    FROM generate_series(1, 1000) g JOIN (SELECT code, row_number() OVER (ORDER BY code) n, count(*) OVER () total FROM organisation) o
                      ON o.n = g % o.total + 1""");
            // a year of daily overview rollups for the city and every organisation, as a service running for a year holds
            s.execute("""
                    INSERT INTO overview_figure (organisation_code, figure, day, value, denominator)
                    SELECT o.code, f, d::date, 10 + (random() * 90)::int, CASE WHEN f IN ('systemsActive', 'exchangeCalls', 'catalogueCompiled') THEN NULL ELSE 100 END
                    FROM (SELECT '' AS code UNION ALL SELECT code FROM organisation) o
                    CROSS JOIN unnest(ARRAY['systemsActive','systemsOnExtranet','systemsOnGovCloud','privateNetworksLeft','dataRoomsLeft',
                        'mustConnectConnected','catalogueCompiled','catalogueMounted','catalogueShareable','baseDatabasesCovered','exchangeCalls',
                        'exchangeSucceeded','platformAvailability','provincialLinkAvailability','zombiesFound','zombiesCleaned',
                        'omOnZombieOrUnconnected']) f
                    CROSS JOIN generate_series(current_date - 366, current_date - 1, interval '1 day') d""");
            s.execute("ANALYZE");
            System.out.printf(Locale.ROOT, "loaded the city-scale year in %.1f s: %d systems, %d targets, %d daily availability rows, "
                            + "%d exchange daily rows, %d overview rows%n", (System.nanoTime() - t0) / 1e9,
                    ExchangeBenchmark.count(c, "SELECT count(*) FROM information_system"), ExchangeBenchmark.count(c, "SELECT count(*) FROM connection_target"),
                    ExchangeBenchmark.count(c, "SELECT count(*) FROM connection_daily"), ExchangeBenchmark.count(c, "SELECT count(*) FROM exchange_daily"),
                    ExchangeBenchmark.count(c, "SELECT count(*) FROM overview_figure"));

            // the rollup job runs every 20 s: wait for today's figures computed after the load
            long loaded = System.currentTimeMillis();
            for (int i = 0; i < 600; i++) {
                if (ExchangeBenchmark.count(c, "SELECT count(*) FROM overview_figure WHERE day = current_date AND computed_at > to_timestamp("
                        + loaded / 1000.0 + ")") > 0) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf(Locale.ROOT, "overview rollup of today: %d rows%n",
                    ExchangeBenchmark.count(c, "SELECT count(*) FROM overview_figure WHERE day = current_date"));
        }

        ExchangeBenchmark.login(http, base);
        double[] overview = ExchangeBenchmark.timeGets(http, base + "/api/v1/overview", 200);
        System.out.printf(Locale.ROOT, "GET /api/v1/overview: p50 %.1f ms, p95 %.1f ms (200 requests, session-authenticated)%n",
                overview[0], overview[1]);
        double[] alerts = ExchangeBenchmark.timeGets(http, base + "/api/v1/overview/alerts", 50);
        System.out.printf(Locale.ROOT, "GET /api/v1/overview/alerts: p50 %.1f ms, p95 %.1f ms%n", alerts[0], alerts[1]);

        streams(pg, http, base);
        System.out.println("service peak RSS " + ExchangeBenchmark.peakRss(service.pid()));
    }

    /** Opens CLIENTS streams, writes INCIDENTS incidents 2 s apart, measures commit-to-receipt delay per client. */
    static void streams(EmbeddedPostgres pg, HttpClient http, String base) throws Exception {
        Map<Long, Long> committedAt = new ConcurrentHashMap<>(); // incident id -> commit time (ms)
        ConcurrentLinkedQueue<long[]> receipts = new ConcurrentLinkedQueue<>(); // {client, lastIncidentId, received ms}
        AtomicInteger open = new AtomicInteger();
        ConcurrentLinkedQueue<String> ended = new ConcurrentLinkedQueue<>(); // streams that ended or failed before the run's end
        List<java.util.concurrent.CompletableFuture<?>> futures = new ArrayList<>();
        HttpClient streamsClient = HttpClient.newBuilder().cookieHandler(http.cookieHandler().orElseThrow())
                .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        long opening = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/overview/stream")).header("Accept", "text/event-stream").GET().build();
            futures.add(streamsClient.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("stream answered " + r.statusCode());
                }
                open.incrementAndGet();
                String[] event = {null};
                try (Stream<String> lines = r.body()) {
                    lines.forEach(line -> {
                        if (line.startsWith("event:")) {
                            event[0] = line.substring(6).trim();
                        } else if (line.startsWith("data:") && "incident".equals(event[0])) {
                            long now = System.currentTimeMillis();
                            var m = java.util.regex.Pattern.compile("\"lastIncidentId\":(\\d+)").matcher(line);
                            if (m.find()) {
                                receipts.add(new long[]{client, Long.parseLong(m.group(1)), now});
                            }
                        } else if (line.isEmpty()) {
                            event[0] = null;
                        }
                    });
                }
            }).whenComplete((v, e) -> ended.add(client + ": " + (e == null ? "stream ended" : e.toString()))));
        }
        for (int i = 0; i < 600 && open.get() < CLIENTS; i++) {
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "%d of %d streams open after %.1f s%n", open.get(), CLIENTS, (System.nanoTime() - opening) / 1e9);
        Thread.sleep(1500); // the poller's baseline
        try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("postgres", "govshare")); Statement s = c.createStatement()) {
            String target = null;
            try (var rs = s.executeQuery("SELECT code, system_code, organisation_code FROM connection_target ORDER BY code LIMIT 1")) {
                rs.next();
                target = rs.getString(1) + "','" + rs.getString(3) + "','" + rs.getString(2);
            }
            for (int i = 0; i < INCIDENTS; i++) {
                try (var rs = s.executeQuery("INSERT INTO connection_incident (target_code, organisation_code, system_code, cause, started_at, detected_at) "
                        + "VALUES ('" + target + "', 'TIMEOUT', now(), now()) RETURNING id")) {
                    rs.next();
                    committedAt.put(rs.getLong(1), System.currentTimeMillis()); // autocommit: committed when the statement returns
                }
                Thread.sleep(2000);
            }
        }
        Thread.sleep(2000);
        // An incident event names the latest incident id (a page reloads its alerts on any of them): incidents written
        // between two polls of the service share one event. An incident counts as received by a client when an event
        // naming it or a later one arrives; the delay is to the first such event.
        int expected = CLIENTS * INCIDENTS;
        Map<Integer, List<long[]>> byClient = new java.util.HashMap<>();
        receipts.forEach(r -> byClient.computeIfAbsent((int) r[0], k -> new ArrayList<>()).add(r));
        List<Long> written = new ArrayList<>(new java.util.TreeSet<>(committedAt.keySet()));
        List<Double> delays = new ArrayList<>();
        int exact = 0;
        for (var perClient : byClient.values()) {
            perClient.sort(java.util.Comparator.comparingLong(r -> r[2]));
            for (Long id : written) {
                for (long[] r : perClient) {
                    if (r[1] >= id) {
                        delays.add((double) (r[2] - committedAt.get(id)));
                        exact += r[1] == id ? 1 : 0;
                        break;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "streams ended or failed during the run: %d%s%n", ended.size(),
                ended.isEmpty() ? "" : " (first: " + ended.peek() + ")");
        java.util.Set<Long> announced = new java.util.TreeSet<>();
        receipts.forEach(r -> announced.add(r[1]));
        var perClientCounts = byClient.values().stream().mapToInt(List::size).summaryStatistics();
        System.out.printf(Locale.ROOT, "incidents written %s; incident ids announced %s%n", written, announced);
        System.out.printf(Locale.ROOT, "clients that received incident events: %d of %d; events per client min %d max %d; "
                        + "%d incident events received in all%n", byClient.size(), CLIENTS, perClientCounts.getCount() == 0 ? 0 : perClientCounts.getMin(),
                perClientCounts.getCount() == 0 ? 0 : perClientCounts.getMax(), receipts.size());
        double[] ms = delays.stream().mapToDouble(Double::doubleValue).toArray();
        double[] p = ExchangeBenchmark.percentiles(ms);
        double max = delays.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "live stream, %d clients x %d incidents: %d of %d incidents received (%d by an event naming that very "
                + "incident); delay commit -> client p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", CLIENTS, INCIDENTS, delays.size(), expected, exact,
                p[0], p[1], max);
        futures.forEach(f -> f.cancel(true));
    }
}
