package cn.suqian.govshare.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exchange-metrics benchmark (not a test; run by the command in docs/benchmarks.md). Starts its own
 * PostgreSQL and the real service jar as a separate process pointed at it, then on one synthetic city year
 * (hourly intervals × keys) measures, side by side in one run:
 * <ol>
 *   <li>raw {@code COPY} of all rows straight into {@code exchange_stat} (the ceiling);</li>
 *   <li>the same rows through {@code POST /api/v1/exchange/stats} (NDJSON batches, two concurrent clients), rollups
 *       running in the service as in production, and the time the rollups need to catch up;</li>
 *   <li>naive row-by-row JDBC inserts (autocommit) on a sample;</li>
 *   <li>the year overview and flow matrix through the API (answered from rollups) against the same figures
 *       computed from raw rows, with p50/p95;</li>
 *   <li>the service's peak RSS (VmHWM).</li>
 * </ol>
 * System properties: benchmark.keys (2400), benchmark.hours (8760), benchmark.naiveRows (20000),
 * benchmark.batch (50000), benchmark.jar (backend/target/govshare.jar).
 */
public final class ExchangeBenchmark {

    static final String[] ORGS = {"gov-office", "econ-it", "finance", "egov", "ndrc", "audit", "cyberspace", "staffing",
            "public-security", "education", "civil-affairs", "hrss", "health", "statistics", "housing", "housing-fund", "disabled",
            "industry-commerce", "transport", "quality", "state-tax", "local-tax", "food-drug", "land", "planning", "urban-mgmt",
            "water", "agriculture", "gov-services", "credit", "pboc", "inspection", "shuyang", "siyang", "sihong", "sucheng", "suyu",
            "sq-etdz", "sq-hitech", "hubin", "yanghe", "sz-sq-park"};

    static final int KEYS = Integer.getInteger("benchmark.keys", 2400);
    static final int HOURS = Integer.getInteger("benchmark.hours", 8760);
    static final int NAIVE_ROWS = Integer.getInteger("benchmark.naiveRows", 20_000);
    static final int BATCH = Integer.getInteger("benchmark.batch", 50_000);
    static final OffsetDateTime YEAR_START = OffsetDateTime.of(2025, 11, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("benchmark.jar", "backend/target/govshare.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the service first: mvn -B -DskipTests package (looked for " + jar.toAbsolutePath() + ")");
        }
        long rows = (long) KEYS * HOURS;
        log("rows %,d = %,d keys x %,d hourly intervals", rows, KEYS, HOURS);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_wal_size", "4GB")
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setServerConfig("shared_buffers", "512MB")
                // -Dbenchmark.logStatementsMs=N: statements slower than N ms into target/benchmark-postgres.log
                .setServerConfig("log_min_duration_statement", System.getProperty("benchmark.logStatementsMs", "-1"))
                .setServerConfig("logging_collector", "on").setServerConfig("log_directory", Path.of("target").toAbsolutePath().toString())
                .setServerConfig("log_filename", "benchmark-postgres.log").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE govshare");
            }
            String jdbc = pg.getJdbcUrl("postgres", "govshare");
            int port = freePort();
            Process service = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx1g", "-jar", jar.toString(),
                    "--server.port=" + port, "--spring.datasource.url=" + jdbc, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--govshare.admin.initial-password=benchmark-admin",
                    "--govshare.exchange.rollup-interval=PT24H", "--logging.level.root=WARN")
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "benchmark-service.log").toFile()).start();
            try {
                run(pg, jdbc, port, service, rows);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    static void run(EmbeddedPostgres pg, String jdbc, int port, Process service, long rows) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://localhost:" + port;
        waitForHealth(http, base);
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:benchmark-admin".getBytes(StandardCharsets.UTF_8));
        String token = json(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens")).header("Authorization", basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "token");

        try (Connection c = pg.getDatabase("postgres", "govshare").getConnection()) {
            exec(c, "SELECT ts_ensure_partitions('exchange_stat', '" + YEAR_START.minusDays(1) + "', '" + YEAR_START.plusHours(HOURS + 48) + "')");

            // 1. raw COPY of every row: the ceiling
            long t0 = System.nanoTime();
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY exchange_stat (interval_start, interval_seconds, source, "
                    + "provider_code, consumer_code, resource, calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max) FROM STDIN (FORMAT csv)");
            StringBuilder csv = new StringBuilder(1 << 20);
            for (int h = 0; h < HOURS; h++) {
                for (int k = 0; k < KEYS; k++) {
                    Row r = row(k, h);
                    csv.append(r.start).append(",3600,STATS,").append(r.provider).append(',').append(r.consumer).append(',').append(r.resource)
                            .append(',').append(r.calls).append(',').append(r.failed).append(',').append(r.records).append(',').append(r.bytes)
                            .append(',').append(r.latencySum).append(',').append(r.latencyMax).append('\n');
                }
                if (csv.length() > (1 << 20) || h == HOURS - 1) {
                    byte[] b = csv.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(b, 0, b.length);
                    csv.setLength(0);
                }
            }
            copy.endCopy();
            double copySeconds = seconds(t0);
            double copyRate = rows / copySeconds;
            log("raw COPY: %,d rows in %.1f s = %,.0f rows/s", rows, copySeconds, copyRate);
            exec(c, "TRUNCATE exchange_stat");

            // 2. the same rows over HTTP, two concurrent clients, rollups running in the service
            t0 = System.nanoTime();
            long sent = 0;
            try (var pool = Executors.newFixedThreadPool(2)) {
                List<Future<?>> inFlight = new ArrayList<>();
                StringBuilder ndjson = new StringBuilder(BATCH * 260);
                int inBatch = 0;
                for (int h = 0; h < HOURS; h++) {
                    for (int k = 0; k < KEYS; k++) {
                        Row r = row(k, h);
                        ndjson.append("{\"intervalStart\":\"").append(r.start).append("\",\"intervalSeconds\":3600,\"provider\":\"")
                                .append(r.provider).append("\",\"consumer\":\"").append(r.consumer).append("\",\"resource\":\"").append(r.resource)
                                .append("\",\"calls\":").append(r.calls).append(",\"failedCalls\":").append(r.failed).append(",\"records\":")
                                .append(r.records).append(",\"bytes\":").append(r.bytes).append(",\"latencyMsSum\":").append(r.latencySum)
                                .append(",\"latencyMsMax\":").append(r.latencyMax).append("}\n");
                        if (++inBatch == BATCH || (h == HOURS - 1 && k == KEYS - 1)) {
                            String body = ndjson.toString();
                            ndjson.setLength(0);
                            sent += inBatch;
                            inBatch = 0;
                            while (inFlight.size() >= 2) {
                                inFlight.removeFirst().get();
                            }
                            inFlight.add(pool.submit(() -> post(http, base + "/api/v1/exchange/stats", token, body)));
                        }
                    }
                }
                for (Future<?> f : inFlight) {
                    f.get();
                }
            }
            double httpSeconds = seconds(t0);
            double httpRate = sent / httpSeconds;
            log("HTTP ingest: %,d rows in %.1f s = %,.0f rows/s (%.2fx raw COPY)", sent, httpSeconds, httpRate, httpRate / copyRate);

            // the rollup job was paused during ingest (rollup-interval 24h): catch up in one go, timed
            t0 = System.nanoTime();
            HttpResponse<String> refreshed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/exchange/rollups/refresh"))
                    .header("Authorization", basic).timeout(Duration.ofHours(3)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (refreshed.statusCode() != 200) {
                throw new IllegalStateException("rollup refresh answered " + refreshed.statusCode() + ": " + refreshed.body());
            }
            double rollupSeconds = seconds(t0);
            log("rollups caught up in %.1f s after the last batch (hourly %,d, daily %,d, monthly flows %,d rows)", rollupSeconds,
                    count(c, "SELECT count(*) FROM exchange_hourly"), count(c, "SELECT count(*) FROM exchange_daily"),
                    count(c, "SELECT count(*) FROM exchange_monthly_flow"));
            log("rollup throughput: %,.0f raw rows/s = %.2fx HTTP ingest (goal: at least 1x, so rollups keep pace)", sent / rollupSeconds,
                    (sent / rollupSeconds) / httpRate);

            // 3. naive row by row, autocommit, on fresh keys
            c.setAutoCommit(true);
            t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO exchange_stat (interval_start, interval_seconds, source, provider_code, "
                    + "consumer_code, resource, calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max) VALUES (?,3600,'STATS',?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < NAIVE_ROWS; i++) {
                    Row r = row(i % KEYS, i / KEYS);
                    ps.setObject(1, OffsetDateTime.parse(r.start));
                    ps.setString(2, r.provider);
                    ps.setString(3, r.consumer);
                    ps.setString(4, "naive-" + r.resource);
                    ps.setLong(5, r.calls);
                    ps.setLong(6, r.failed);
                    ps.setLong(7, r.records);
                    ps.setLong(8, r.bytes);
                    ps.setLong(9, r.latencySum);
                    ps.setInt(10, r.latencyMax);
                    ps.executeUpdate();
                }
            }
            double naiveRate = NAIVE_ROWS / seconds(t0);
            log("naive row-by-row JDBC: %,d rows at %,.0f rows/s; HTTP ingest is %.1fx faster", NAIVE_ROWS, naiveRate, httpRate / naiveRate);
            exec(c, "DELETE FROM exchange_stat WHERE resource LIKE 'naive-%'");
            exec(c, "VACUUM ANALYZE");

            // 4. year overview and flow matrix: API (rollups) vs raw rows
            login(http, base);
            String from = YEAR_START.toString().replace("+", "%2B");
            String to = YEAR_START.plusHours(HOURS).toString().replace("+", "%2B");
            double[] summary = timeGets(http, base + "/api/v1/exchange/summary?from=" + from + "&to=" + to, 50);
            double[] flows = timeGets(http, base + "/api/v1/exchange/flows?from=" + from + "&to=" + to, 50);
            // a department's last three days, hour by hour: read from the hourly rollup for one organisation
            String seriesFrom = YEAR_START.plusHours(HOURS - 72).toString().replace("+", "%2B");
            double[] hourly = timeGets(http, base + "/api/v1/exchange/series?from=" + seriesFrom + "&to=" + to + "&organisation=" + ORGS[2], 50);
            String rawSummary = """
                    WITH f AS (SELECT provider_code, consumer_code, calls, failed_calls, records, bytes, latency_ms_sum, latency_ms_max
                               FROM exchange_stat WHERE interval_start >= '%s' AND interval_start < '%s')
                    SELECT 'P', provider_code, sum(calls), sum(failed_calls), sum(records), sum(bytes), sum(latency_ms_sum), max(latency_ms_max) FROM f GROUP BY provider_code
                    UNION ALL
                    SELECT 'C', consumer_code, sum(calls), sum(failed_calls), sum(records), sum(bytes), sum(latency_ms_sum), max(latency_ms_max) FROM f GROUP BY consumer_code"""
                    .formatted(YEAR_START, YEAR_START.plusHours(HOURS));
            String rawFlows = "SELECT provider_code, consumer_code, sum(calls), sum(failed_calls), sum(records), sum(bytes) FROM exchange_stat "
                    + "WHERE interval_start >= '" + YEAR_START + "' AND interval_start < '" + YEAR_START.plusHours(HOURS) + "' GROUP BY 1, 2";
            double[] rawS = timeSql(c, rawSummary, 3);
            double[] rawF = timeSql(c, rawFlows, 3);
            log("year overview: API from rollups p50 %.1f ms, p95 %.1f ms; from raw rows p50 %.0f ms -> %.0fx faster", summary[0], summary[1], rawS[0], rawS[0] / summary[0]);
            log("flow matrix:   API from rollups p50 %.1f ms, p95 %.1f ms; from raw rows p50 %.0f ms -> %.0fx faster", flows[0], flows[1], rawF[0], rawF[0] / flows[0]);
            log("one organisation's hourly series (3 days): API from rollups p50 %.1f ms, p95 %.1f ms", hourly[0], hourly[1]);
            log("service peak RSS (VmHWM): %s", peakRss(service.pid()));
            log("database size: %s", pretty(c, "SELECT pg_size_pretty(pg_database_size('govshare'))"));
        }
    }

    record Row(String start, String provider, String consumer, String resource, long calls, long failed, long records, long bytes,
               long latencySum, int latencyMax) {
    }

    /** Deterministic traffic for key k in hour h: office-hours rhythm, some failures. */
    static Row row(int k, int h) {
        OffsetDateTime t = YEAR_START.plusHours(h);
        int hour = t.getHour();
        boolean weekend = t.getDayOfWeek().getValue() >= 6;
        double rhythm = weekend ? 0.1 : hour >= 8 && hour < 18 ? 1.0 : 0.15;
        long seed = k * 1_000_003L + h * 7919L;
        long calls = Math.round((20 + (k % 97)) * rhythm * (0.8 + (seed % 41) / 100.0));
        long failed = calls / (50 + (int) (seed % 50));
        String p = ORGS[k % ORGS.length];
        String c = ORGS[(k / ORGS.length + 1 + k) % ORGS.length];
        if (c.equals(p)) {
            c = ORGS[(k + 7) % ORGS.length];
        }
        return new Row(t.toString(), p, c, "bench-" + k, calls, failed, calls * 12, calls * 12 * 700, calls * 85, calls == 0 ? 0 : 400);
    }

    static void post(HttpClient http, String url, String token, String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body().substring(0, Math.min(500, r.body().length())));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void login(HttpClient http, String base) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
        String csrf = ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=benchmark-admin&_csrf=" + csrf)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static double[] timeGets(HttpClient http, String url, int n) throws Exception {
        return timeGets(http, url, n, 3);
    }

    /** p50 and p95 of {@code n} GETs after {@code warmups} untimed ones. */
    static double[] timeGets(HttpClient http, String url, int n, int warmups) throws Exception {
        double[] ms = new double[n];
        for (int i = -warmups; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return percentiles(ms);
    }

    static double[] timeSql(Connection c, String sql, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rs.getLong(3);
                }
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return percentiles(ms);
    }

    static double[] percentiles(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new double[]{sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1]};
    }

    static void waitForHealth(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("service did not start; see target/benchmark-service.log");
    }

    /**
     * CPU seconds used so far (Linux /proc, clock ticks of 1/100 s): the service JVM in all (and of that its JIT
     * compiler and garbage-collector threads), every PostgreSQL process, and this client. Two snapshots around a phase
     * show where a CPU-bound machine's time went.
     */
    record Cpu(double service, double jit, double gc, double postgres, double client, long nanos) {

        static Cpu of(long servicePid) {
            double jit = 0;
            double gc = 0;
            try (var tasks = Files.list(Path.of("/proc/" + servicePid + "/task"))) {
                for (Path t : tasks.toList()) {
                    String comm = read(t.resolve("comm")).strip();
                    double used = ticks(read(t.resolve("stat")));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        jit += used;
                    } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                        gc += used;
                    }
                }
            } catch (IOException e) {
                // the service is gone: nothing to add
            }
            double postgres = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    if (read(p.resolve("comm")).strip().equals("postgres")) {
                        postgres += ticks(read(p.resolve("stat")));
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
            return new Cpu(ticks(read(Path.of("/proc/" + servicePid + "/stat"))), jit, gc, postgres,
                    ticks(read(Path.of("/proc/self/stat"))), System.nanoTime());
        }

        /** What was used between {@code before} and this snapshot, as one line. */
        String since(Cpu before) {
            double wall = (nanos - before.nanos) / 1e9;
            double service = this.service - before.service;
            double pg = postgres - before.postgres;
            double own = client - before.client;
            int cores = Runtime.getRuntime().availableProcessors();
            return String.format("CPU in %.1f s on %d cores: service JVM %.1f s (JIT compiler %.1f s, GC %.1f s), PostgreSQL %.1f s, "
                            + "this client %.1f s; busy %.0f %%", wall, cores, service, jit - before.jit, gc - before.gc, pg, own,
                    100 * (service + pg + own) / (wall * cores));
        }

        private static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                return "";
            }
        }

        /** utime + stime of a /proc stat line, in seconds (fields 14 and 15; the name in parentheses may hold spaces). */
        private static double ticks(String stat) {
            int close = stat.lastIndexOf(')');
            if (close < 0) {
                return 0;
            }
            String[] f = stat.substring(close + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }
    }

    static String peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM")) {
                return line.substring(6).strip();
            }
        }
        return "unknown";
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String pretty(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void exec(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String json(String body, String field) {
        int i = body.indexOf("\"" + field + "\":\"");
        return body.substring(i + field.length() + 4, body.indexOf('"', i + field.length() + 4));
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
