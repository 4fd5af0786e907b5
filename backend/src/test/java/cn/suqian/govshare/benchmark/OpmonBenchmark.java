package cn.suqian.govshare.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.suqian.govshare.benchmark.ExchangeBenchmark.ORGS;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.count;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.exec;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.freePort;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.json;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.log;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.peakRss;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.seconds;
import static cn.suqian.govshare.benchmark.ExchangeBenchmark.waitForHealth;

/**
 * Op-monitoring benchmark (not a test; run by the command in docs/benchmarks.md). Starts its own PostgreSQL and
 * the real service jar against it, generates X-Road operational-monitoring records as security servers send them
 * (PR-OPMON field names and realistic field sizes, about 900 bytes of JSON each; both sides of most calls, the
 * producer's side of a call arriving some thousands of calls after the client's, as two security servers
 * report independently; 5% orphan calls with one side only; 1% faulty records), and measures side by side in
 * one run:
 * <ol>
 *   <li>raw {@code COPY} of the same records, already normalised, into {@code opmon_record} (the ceiling);</li>
 *   <li>the same records through {@code POST /api/v1/exchange/opmon} (NDJSON batches, two concurrent clients) with
 *       attribution, de-duplication, pairing into calls and counting into 5-minute statistics;</li>
 *   <li>that every business call was counted once: the sum of calls in {@code exchange_stat} equals the calls
 *       stored.</li>
 * </ol>
 * System properties: benchmark.records (2000000), benchmark.batch (10000), benchmark.jar, benchmark.traffic
 * ({@code flows}, the default, or {@code sparse}: see {@link Traffic}).
 */
public final class OpmonBenchmark {

    static final int RECORDS = Integer.getInteger("benchmark.records", 2_000_000);
    static final int BATCH = Integer.getInteger("benchmark.batch", 10_000);
    /** How many calls later the producer's record of a call arrives. */
    static final int PRODUCER_LAG = 3_000;
    static final int SERVICES = 400;
    static final boolean STATEMENTS = Boolean.getBoolean("benchmark.statements");
    /** What the service's database sessions were doing during the HTTP phase, sampled every 5 ms (pg_stat_activity). */
    static final boolean WAITS = Boolean.getBoolean("benchmark.waits");
    /** Batches in flight at once: security servers pushing side by side (default two, as since session 3). */
    static final int SENDERS = Integer.getInteger("benchmark.senders", 2);
    static final Traffic TRAFFIC = Traffic.valueOf(System.getProperty("benchmark.traffic", "flows").toUpperCase(java.util.Locale.ROOT));
    /** The share of the records (the first batches) after which the steady rate is measured: the service's JIT is warm. */
    static final double WARM_UP = 0.2;

    /**
     * Who calls what. {@code FLOWS}: as on a real exchange platform, each of the 400 services belongs to one provider
     * organisation and is called by the clients granted access to it (1 to 11 of the 42 organisations, 2,379 flows —
     * about the 2,400 provider/consumer/resource keys of the city-scale year in {@link ExchangeBenchmark}), the calls
     * spread over the flows by Zipf's law (the n-th busiest flow carries 1/n of the busiest one's calls).
     * {@code SPARSE}: client, provider and service drawn independently for every call (688,800 possible flows, almost
     * every call its own 5-minute, hourly and daily row): the traffic sessions 4–9 measured.
     */
    enum Traffic { FLOWS, SPARSE }

    /** One client calling one provider's service. */
    record Flow(String client, String provider, int service) {
    }

    /** The flows of {@link Traffic#FLOWS}, busiest first (a deterministic shuffle), and their cumulative Zipf weights. */
    static final List<Flow> FLOWS = new ArrayList<>();
    static final double[] CUMULATIVE;

    static {
        for (int service = 0; service < SERVICES; service++) {
            String provider = ORGS[service % ORGS.length];
            int clients = 1 + Math.floorMod(service * 7919, 11);
            for (int k = 0; k < clients; k++) {
                String client = ORGS[Math.floorMod(service * 31 + k * 17 + 1, ORGS.length)];
                if (!client.equals(provider)) {
                    FLOWS.add(new Flow(client, provider, service));
                }
            }
        }
        java.util.Collections.shuffle(FLOWS, new java.util.Random(42));
        CUMULATIVE = new double[FLOWS.size()];
        double sum = 0;
        for (int i = 0; i < FLOWS.size(); i++) {
            sum += 1.0 / (i + 1);
            CUMULATIVE[i] = sum;
        }
        for (int i = 0; i < CUMULATIVE.length; i++) {
            CUMULATIVE[i] /= sum;
        }
    }

    /** The flow of a call, from a uniform draw in [0, 1). */
    static Flow flow(double u) {
        int i = java.util.Arrays.binarySearch(CUMULATIVE, u);
        return FLOWS.get(Math.min(FLOWS.size() - 1, i >= 0 ? i : -i - 1));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true"); // the raw binary COPY uses jOOQ: no banner in the figures
        System.setProperty("org.jooq.no-tips", "true");
        Path jar = Path.of(System.getProperty("benchmark.jar", "backend/target/govshare.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the service first: mvn -B -DskipTests package (looked for " + jar.toAbsolutePath() + ")");
        }
        List<Rec> records = generate(RECORDS);
        long faulty = records.stream().filter(r -> r.faulty).count();
        long calls = records.stream().filter(r -> !r.faulty).map(r -> r.messageId).distinct().count();
        long orphans = calls - records.stream().filter(r -> !r.faulty && r.producer).count()
                + (calls - records.stream().filter(r -> !r.faulty && !r.producer).count());
        log("op-monitoring: %,d records = %,d calls (%,d orphans with one side), %,d faulty records; traffic %s (%,d flows used)",
                records.size(), calls, orphans, faulty, TRAFFIC.name().toLowerCase(java.util.Locale.ROOT),
                records.stream().filter(r -> !r.faulty).map(r -> r.client + " " + r.provider + " " + r.service).distinct().count());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (!System.getProperty("benchmark.locale", "").isBlank()) { // -Dbenchmark.locale=C: the cluster's locale (default: the environment's)
            builder.setLocaleConfig("locale", System.getProperty("benchmark.locale"));
        }
        try (EmbeddedPostgres pg = settings(builder.setServerConfig("max_wal_size", "4GB")
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("log_min_duration_statement", System.getProperty("benchmark.logStatementsMs", "-1"))
                .setServerConfig("logging_collector", "on").setServerConfig("log_directory", Path.of("target").toAbsolutePath().toString())
                .setServerConfig("log_filename", "benchmark-opmon-postgres.log")
                // -Dbenchmark.autoExplainMs=N: the plan (with actual rows and times) of every statement slower than N ms, in that log
                // -Dbenchmark.statements=true: the statements of the HTTP phase by total time (pg_stat_statements), printed at the end
                .setServerConfig("shared_preload_libraries", String.join(",", java.util.stream.Stream.of(
                        System.getProperty("benchmark.autoExplainMs") == null ? null : "auto_explain",
                        STATEMENTS ? "pg_stat_statements" : null).filter(java.util.Objects::nonNull).toList()))
                .setServerConfig("auto_explain.log_min_duration", System.getProperty("benchmark.autoExplainMs", "-1"))
                .setServerConfig("auto_explain.log_analyze", "on")).start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE govshare");
            }
            String jdbc = pg.getJdbcUrl("postgres", "govshare");
            int port = freePort();
            String heap = System.getProperty("benchmark.heap", "1g");
            List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx" + heap));
            if (Boolean.parseBoolean(System.getProperty("benchmark.fixedHeap", "true"))) {
                // as README recommends for a service taking op-monitoring batches: the heap at its size from the start, so
                // the collector gives a young generation large enough for the batches in flight to die young (grown
                // adaptively from a small heap, it was collected every ~0.6 s while each batch lives ~0.8 s, and every
                // batch's records were copied into the old generation: GC 10-12 CPU-s per 2,000,000 records instead of ~2)
                command.add("-Xms" + heap);
            }
            if (!System.getProperty("benchmark.jfr", "").isBlank()) { // a flight recording of the service, to see where its time goes
                command.add("-XX:StartFlightRecording=filename=" + System.getProperty("benchmark.jfr") + ",settings=profile");
            }
            for (String option : System.getProperty("benchmark.jvmOptions", "").split("\\s+")) { // e.g. a collector to compare
                if (!option.isBlank()) {
                    command.add(option);
                }
            }
            command.addAll(List.of("-jar", jar.toString(),
                    "--server.port=" + port, "--spring.datasource.url=" + jdbc, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--govshare.admin.initial-password=benchmark-admin", "--logging.level.root=WARN",
                    "--logging.level.cn.suqian.govshare.exchange.OpmonIngest=" + System.getProperty("benchmark.opmonLog", "WARN")));
            Process service = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "benchmark-opmon-service.log").toFile()).start();
            try {
                run(pg, port, service, records);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    static void run(EmbeddedPostgres pg, int port, Process service, List<Rec> records) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://localhost:" + port;
        waitForHealth(http, base);
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:benchmark-admin".getBytes(StandardCharsets.UTF_8));
        String token = json(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens")).header("Authorization", basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "token");
        Instant first = records.stream().filter(r -> !r.faulty).map(r -> r.monitoringTs).min(Instant::compareTo).orElseThrow();
        Instant last = records.stream().filter(r -> !r.faulty).map(r -> r.monitoringTs).max(Instant::compareTo).orElseThrow();
        long good = records.stream().filter(r -> !r.faulty).count();

        try (Connection c = pg.getDatabase("postgres", "govshare").getConnection()) {
            exec(c, "SELECT ts_ensure_partitions('opmon_record', '" + first.minus(1, ChronoUnit.DAYS) + "', '" + last.plus(1, ChronoUnit.DAYS) + "')");

            // 1. raw COPY of the same (sound) records, normalised as the service stores them: the ceiling
            long t0 = System.nanoTime();
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY opmon_record ("
                    + RAW_COLUMNS.stream().map(org.jooq.Field::getName).collect(java.util.stream.Collectors.joining(", ")) + ") FROM STDIN (FORMAT csv)");
            StringBuilder csv = new StringBuilder(1 << 21);
            UUID batchId = UUID.randomUUID();
            for (Rec r : records) {
                if (r.faulty) {
                    continue;
                }
                Object[] values = raw(r, batchId);
                for (int k = 0; k < values.length; k++) {
                    cn.suqian.govshare.db.Copy.field(csv, values[k], k == values.length - 1);
                }
                if (csv.length() > (1 << 21)) {
                    write(copy, csv);
                }
            }
            write(copy, csv);
            copy.endCopy();
            double csvSeconds = seconds(t0);
            log("raw COPY into opmon_record (CSV): %,d records in %.1f s = %,.0f records/s", good, csvSeconds, good / csvSeconds);
            exec(c, "TRUNCATE opmon_record");
            exec(c, "CHECKPOINT");
            // the same in binary COPY format (the service's since session 11): the ceiling is the faster of the two
            t0 = System.nanoTime();
            rawBinaryCopy(c, records, batchId);
            double binarySeconds = seconds(t0);
            log("raw COPY into opmon_record (binary): %,d records in %.1f s = %,.0f records/s", good, binarySeconds, good / binarySeconds);
            double copyRate = good / Math.min(csvSeconds, binarySeconds);
            log("raw COPY ceiling (the faster): %,.0f records/s; database collation %s", copyRate,
                    ExchangeBenchmark.pretty(c, "SELECT datcollate FROM pg_database WHERE datname = current_database()"));
            exec(c, "TRUNCATE opmon_record");
            exec(c, "VACUUM ANALYZE");

            // 2. the same records (and the faulty ones) through the API, two concurrent clients. The NDJSON bodies are
            // written to files first and sent from them (postFile), as a collector forwards what it collected: generating
            // and sending 2,000,000 records of JSON is the benchmark's work, not the service's, and would take a share of
            // the same two cores
            List<Path> bodies = new ArrayList<>();
            Path dir = Files.createTempDirectory("opmon-benchmark");
            StringBuilder ndjson = new StringBuilder(BATCH * 1000);
            for (int i = 0; i < records.size(); i++) {
                ndjson.append(records.get(i).json()).append('\n');
                if ((i + 1) % BATCH == 0 || i == records.size() - 1) {
                    Path body = dir.resolve("batch-" + bodies.size() + ".ndjson");
                    Files.writeString(body, ndjson);
                    bodies.add(body);
                    ndjson.setLength(0);
                }
            }
            if (STATEMENTS) {
                exec(c, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                exec(c, "SELECT pg_stat_statements_reset()");
            }
            ExchangeBenchmark.Cpu cpuBefore = ExchangeBenchmark.Cpu.of(service.pid());
            Waits waits = WAITS ? Waits.start(pg) : null;
            t0 = System.nanoTime();
            long[] warm = new long[1]; // when the batches of the warm-up share were all answered
            int warmBatches = (int) Math.ceil(records.size() * WARM_UP / BATCH);
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            try (var pool = Executors.newFixedThreadPool(SENDERS)) {
                List<Future<?>> inFlight = new ArrayList<>();
                for (Path body : bodies) {
                    while (inFlight.size() >= SENDERS) {
                        inFlight.removeFirst().get();
                    }
                    inFlight.add(pool.submit(() -> {
                        postFile(port, "/api/v1/exchange/opmon", token, body);
                        if (answered.incrementAndGet() == warmBatches) {
                            warm[0] = System.nanoTime();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : inFlight) {
                    f.get();
                }
            }
            double httpSeconds = seconds(t0);
            if (waits != null) {
                log("the service's database sessions during the HTTP phase, by state and wait event:%n%s", waits.stop());
            }
            for (Path body : bodies) {
                Files.delete(body);
            }
            Files.delete(dir);
            String cpu = ExchangeBenchmark.Cpu.of(service.pid()).since(cpuBefore);
            double httpRate = records.size() / httpSeconds;
            log("HTTP op-monitoring ingest (%d senders): %,d records in %.1f s = %,.0f records/s (%.2fx raw COPY)", SENDERS, records.size(),
                    httpSeconds, httpRate, httpRate / copyRate);
            if (warm[0] != 0) { // the same run after its first batches: the service's compiler has done most of its work
                int after = records.size() - Math.min(records.size(), warmBatches * BATCH);
                double steadySeconds = seconds(warm[0]) - (seconds(t0) - httpSeconds);
                log("HTTP op-monitoring ingest after the first %,d records (JIT warm-up): %,d records in %.1f s = %,.0f records/s (%.2fx raw COPY)",
                        records.size() - after, after, steadySeconds, after / steadySeconds, after / steadySeconds / copyRate);
            }

            long storedRecords = count(c, "SELECT count(*) FROM opmon_record");
            long storedCalls = count(c, "SELECT count(*) FROM opmon_call");
            long paired = count(c, "SELECT count(*) FROM opmon_call WHERE paired");
            long storedFaulty = count(c, "SELECT count(*) FROM opmon_faulty");
            long counted = count(c, "SELECT coalesce(sum(calls), 0) FROM exchange_stat WHERE source = 'OPMON'");
            log("stored: %,d records, %,d calls (%,d paired, %,d orphans), %,d faulty records; calls counted in exchange_stat: %,d (%s)",
                    storedRecords, storedCalls, paired, storedCalls - paired, storedFaulty, counted,
                    counted == storedCalls ? "every call counted once" : "MISMATCH");
            if (storedFaulty != records.size() - good) {
                log("records found faulty that were meant to be sound, e.g.: %s", ExchangeBenchmark.pretty(c,
                        "SELECT string_agg(reasons::text, ' | ') FROM (SELECT reasons FROM opmon_faulty WHERE record ? 'messageId' LIMIT 3) f"));
            }
            if (storedRecords != good || counted != storedCalls) {
                throw new IllegalStateException("stored figures do not match what was sent");
            }
            log("during HTTP ingest: %s", cpu);
            if (STATEMENTS) {
                log("statements of the HTTP phase by total time:%n%s", ExchangeBenchmark.pretty(c, """
                        SELECT string_agg(format('%8s ms %5s %% %8s calls %9s rows  %s', round(total_exec_time), round(share, 1), calls, rows,
                               left(regexp_replace(query, '\\s+', ' ', 'g'), 160)), E'\n' ORDER BY total_exec_time DESC)
                        FROM (SELECT *, (100 * total_exec_time / sum(total_exec_time) OVER ())::numeric AS share FROM pg_stat_statements
                              ORDER BY total_exec_time DESC LIMIT 25) s"""));
            }
            // how often ingest rewrote a statistics or rollup row rather than adding one (a call landing on a flow's
            // 5-minute, hourly or daily row that an earlier call made), and how many rewrites were heap-only (no index
            // entries); the service's idle connections report their counts within ten seconds
            Thread.sleep(11_000);
            log("rows rewritten (heap-only of all): %s", ExchangeBenchmark.pretty(c, """
                    SELECT string_agg(format('%s %s of %s', relname, n_tup_hot_upd, n_tup_upd), ', ' ORDER BY relname)
                    FROM pg_stat_user_tables WHERE relname IN ('exchange_hourly', 'exchange_daily', 'exchange_monthly_flow')
                       OR relname LIKE 'exchange_stat_p%'"""));
            log("service peak RSS (VmHWM): %s", peakRss(service.pid()));
            if (Boolean.getBoolean("benchmark.explain")) {
                for (String sql : new String[]{
                        "EXPLAIN (ANALYZE, BUFFERS) select client_record from opmon_call where client_record is not null and client_record = any (cast(? as varchar[]))",
                        "EXPLAIN (ANALYZE, BUFFERS) select id from opmon_call where message_id = any (cast(? as varchar[])) and not paired"}) {
                    try (var ps = c.prepareStatement(sql)) {
                        List<String> keys = new ArrayList<>();
                        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT " + (sql.contains("message_id") ? "message_id" : "dedupe_key")
                                + " FROM opmon_record ORDER BY random() LIMIT 10000")) {
                            while (rs.next()) keys.add(rs.getString(1));
                        }
                        ps.setArray(1, c.createArrayOf("varchar", keys.toArray()));
                        try (var rs = ps.executeQuery()) { while (rs.next()) log("%s", rs.getString(1)); }
                    }
                }
            }
        }
    }

    /**
     * The server settings given with {@code -Dbenchmark.pg="name=value;name=value"} (say {@code wal_buffers=64MB}), over
     * the benchmark's own: for both phases, the raw {@code COPY} and the service's.
     */
    static EmbeddedPostgres.Builder settings(EmbeddedPostgres.Builder builder) {
        for (String setting : System.getProperty("benchmark.pg", "").split(";")) {
            if (!setting.isBlank()) {
                builder.setServerConfig(setting.substring(0, setting.indexOf('=')).strip(), setting.substring(setting.indexOf('=') + 1).strip());
            }
        }
        return builder;
    }

    /**
     * Samples, every 5 ms on its own connection, what each of the service's sessions is doing: running (and which
     * statement), waiting (for what: a lock, the log, the disk) or idle inside a transaction (waiting for the service).
     * Also how many sessions were running on a CPU at once. Shares are of the samples.
     */
    static final class Waits {
        private final java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        private final Thread thread;
        private volatile boolean running = true;
        private int samples;

        private Waits(EmbeddedPostgres pg) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (Connection c = pg.getPostgresDatabase().getConnection();
                     var ps = c.prepareStatement("""
                             SELECT state, coalesce(wait_event_type || ' ' || wait_event, ''), left(regexp_replace(query, '\\s+', ' ', 'g'), 48)
                             FROM pg_stat_activity WHERE datname = 'govshare' AND backend_type = 'client backend' AND state <> 'idle'""")) {
                    while (running) {
                        int onCpu = 0;
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) {
                                boolean active = rs.getString(1).equals("active");
                                String wait = rs.getString(2);
                                counts.merge(rs.getString(1) + (wait.isEmpty() ? "" : " | " + wait) + (active ? " | " + rs.getString(3) : ""), 1, Integer::sum);
                                onCpu += active && wait.isEmpty() ? 1 : 0;
                            }
                        }
                        counts.merge("sessions running on a CPU at once: " + onCpu, 1, Integer::sum);
                        samples++;
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    counts.merge("sampling failed: " + e, 1, Integer::sum);
                }
            });
        }

        static Waits start(EmbeddedPostgres pg) {
            return new Waits(pg);
        }

        /** Stops sampling; the 30 most frequent, with their shares. */
        String stop() throws InterruptedException {
            running = false;
            thread.join();
            StringBuilder out = new StringBuilder();
            counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(30)
                    .forEach(e -> out.append(String.format("%6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
            return out.toString();
        }
    }

    /** The columns of the raw COPY, CSV and binary alike, in the order {@link #raw} gives their values. */
    static final List<org.jooq.Field<?>> RAW_COLUMNS;

    static {
        var t = cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;
        RAW_COLUMNS = List.of(t.MONITORING_TS, t.SIDE, t.DEDUPE_KEY, t.MESSAGE_ID, t.X_REQUEST_ID, t.REQUEST_IN_TS, t.REQUEST_OUT_TS,
                t.RESPONSE_IN_TS, t.RESPONSE_OUT_TS, t.CLIENT_ID, t.SERVICE_ID, t.SERVICE_CODE, t.SERVICE_VERSION, t.SERVICE_TYPE,
                t.CLIENT_ORG, t.PROVIDER_ORG, t.REQUEST_SIZE, t.RESPONSE_SIZE, t.SUCCEEDED, t.STATUS_CODE, t.METASERVICE,
                t.SECURITY_SERVER, t.BATCH_ID);
    }

    /** A sound record's row as the raw COPY writes it (CSV or binary), in {@link #RAW_COLUMNS}' order, as the service stores it. */
    static Object[] raw(Rec r, UUID batch) {
        return new Object[]{java.time.OffsetDateTime.ofInstant(r.monitoringTs, java.time.ZoneOffset.UTC), r.producer ? "PRODUCER" : "CLIENT",
                r.side() + r.messageId, r.messageId, r.messageId + "-x", r.requestIn, r.requestIn + 3, r.requestIn + r.millis - 2,
                r.requestIn + r.millis, r.clientId(), r.serviceId(), r.serviceCode(), "v1", "REST", r.client, r.provider,
                r.requestSize, r.responseSize, r.succeeded, r.succeeded ? 200 : 500, false,
                r.producer ? "ss-" + r.provider : "ss-" + r.client, batch};
    }

    /** The sound records copied raw in binary format, in COPYs of 200,000 rows, with the service's own writer. */
    static void rawBinaryCopy(Connection c, List<Rec> records, UUID batch) {
        var dsl = org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.POSTGRES);
        var kinds = cn.suqian.govshare.db.BinaryRows.Kind.of(RAW_COLUMNS);
        var rows = new cn.suqian.govshare.db.BinaryRows(1 << 26);
        for (int i = 0; i < records.size(); i++) {
            Rec r = records.get(i);
            if (!r.faulty) {
                Object[] values = raw(r, batch);
                rows.row(values.length);
                for (int k = 0; k < values.length; k++) {
                    rows.value(kinds[k], values[k]);
                }
            }
            if (rows.rows() == 200_000 || (i == records.size() - 1 && rows.rows() > 0)) {
                cn.suqian.govshare.db.Copy.binaryInto(dsl, cn.suqian.govshare.db.schema.Tables.OPMON_RECORD, RAW_COLUMNS, rows);
                rows = new cn.suqian.govshare.db.BinaryRows(1 << 26);
            }
        }
    }

    /**
     * POSTs a file as NDJSON over a plain socket, the body handed to the kernel from the file ({@code sendfile}), and
     * reads the answer to its end (the server closes the connection): a load generator that takes little of the two
     * cores it shares with the service. Java's HTTP client copied every 16 KB chunk through its own buffers (~8 CPU-s
     * per 2,000,000 records). Fails unless the answer is 200.
     */
    static void postFile(int port, String path, String token, Path body) throws IOException {
        long length = Files.size(body);
        try (var socket = java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress("localhost", port));
             var file = java.nio.channels.FileChannel.open(body)) {
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n";
            var headBytes = java.nio.ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII));
            while (headBytes.hasRemaining()) {
                socket.write(headBytes);
            }
            for (long sent = 0; sent < length; ) {
                sent += file.transferTo(sent, length - sent, socket);
            }
            var answer = new java.io.ByteArrayOutputStream();
            var buffer = java.nio.ByteBuffer.allocate(1 << 16);
            while (socket.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("ingest answered " + text.substring(0, Math.min(500, text.length())));
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder csv) throws Exception {
        byte[] b = csv.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(b, 0, b.length);
        csv.setLength(0);
    }

    /** One generated record: one side of a call, or a faulty record. */
    record Rec(boolean producer, boolean faulty, String messageId, Instant monitoringTs, long requestIn, int millis, String client,
               String provider, int service, long requestSize, long responseSize, boolean succeeded) {

        String side() {
            return producer ? "p-" : "c-";
        }

        String clientId() {
            return "CN/GOV/" + client + "/app";
        }

        String serviceId() {
            return "CN/GOV/" + provider + "/api";
        }

        String serviceCode() {
            return "service" + service;
        }

        /** The record as a security server sends it (PR-OPMON names; fields GovShare does not use included for size). */
        String json() {
            if (faulty) { // a request that failed before it was parsed: no messageId, no client or service
                return "{\"monitoringDataTs\":" + monitoringTs.getEpochSecond() + ",\"securityServerInternalIp\":\"10.12.0.7\","
                        + "\"securityServerType\":\"Producer\",\"requestInTs\":" + requestIn + ",\"responseOutTs\":" + (requestIn + 2)
                        + ",\"succeeded\":false,\"faultCode\":\"Server.ServerProxy.InvalidMessage\","
                        + "\"faultString\":\"Malformed SOAP message\",\"requestSize\":\"n/a\"}";
            }
            return "{\"monitoringDataTs\":" + monitoringTs.getEpochSecond() + ",\"securityServerInternalIp\":\"10.12." + (service % 250)
                    + ".7\",\"securityServerType\":\"" + (producer ? "Producer" : "Client") + "\",\"requestInTs\":" + requestIn
                    + ",\"requestOutTs\":" + (requestIn + 3) + ",\"responseInTs\":" + (requestIn + millis - 2) + ",\"responseOutTs\":"
                    + (requestIn + millis) + ",\"clientXRoadInstance\":\"CN\",\"clientMemberClass\":\"GOV\",\"clientMemberCode\":\"" + client
                    + "\",\"clientSubsystemCode\":\"app\",\"serviceXRoadInstance\":\"CN\",\"serviceMemberClass\":\"GOV\",\"serviceMemberCode\":\""
                    + provider + "\",\"serviceSubsystemCode\":\"api\",\"serviceCode\":\"" + serviceCode() + "\",\"serviceVersion\":\"v1\","
                    + "\"representedPartyClass\":\"GOV\",\"representedPartyCode\":\"" + client + "\",\"messageId\":\"" + messageId
                    + "\",\"messageUserId\":\"EE37702211230\",\"messageIssue\":\"QUERY-" + (service * 7919 % 100000)
                    + "\",\"messageProtocolVersion\":\"4.0\",\"clientSecurityServerAddress\":\"ss-" + client + ".xroad.sq.gov.cn\","
                    + "\"serviceSecurityServerAddress\":\"ss-" + provider + ".xroad.sq.gov.cn\",\"requestSize\":" + requestSize
                    + ",\"requestMimeSize\":" + requestSize + ",\"requestAttachmentCount\":0,\"responseSize\":" + responseSize
                    + ",\"responseMimeSize\":" + responseSize + ",\"responseAttachmentCount\":0,\"succeeded\":" + succeeded
                    + (succeeded ? "" : ",\"faultCode\":\"Server.ServiceFailed\",\"faultString\":\"Service returned HTTP 500\"")
                    + ",\"serviceType\":\"REST\",\"statusCode\":" + (succeeded ? 200 : 500) + ",\"xRequestId\":\"" + messageId + "-x\"}";
        }
    }

    /**
     * Deterministic records over the last 20 days, in the order the platform would deliver them: each call's client
     * record at its time, its producer record {@link #PRODUCER_LAG} calls later; every 20th call an orphan (one side,
     * alternately); every 100th record faulty.
     */
    static List<Rec> generate(int total) {
        List<Rec> out = new ArrayList<>(total);
        List<Rec> pending = new ArrayList<>();
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        long span = Duration.ofDays(20).toMillis();
        long expectedCalls = total / 2 + total / 40 + PRODUCER_LAG; // enough that the last call is still in the past
        long startMs = end.toEpochMilli() - span;
        int call = 0;
        int pendingAt = 0;
        while (out.size() < total) {
            long requestIn = startMs + span * call / expectedCalls;
            long seed = call * 2_654_435_761L;
            String client;
            String provider;
            int service;
            if (TRAFFIC == Traffic.SPARSE) {
                client = ORGS[(int) Math.floorMod(seed, ORGS.length)];
                provider = ORGS[(int) Math.floorMod(seed / 7 + 1, ORGS.length)];
                if (provider.equals(client)) {
                    provider = ORGS[(int) Math.floorMod(seed / 7 + 2, ORGS.length)];
                }
                service = (int) Math.floorMod(seed / 13, SERVICES);
            } else {
                Flow f = flow(Math.floorMod(seed * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L >>> 11, 1L << 53) / (double) (1L << 53));
                client = f.client();
                provider = f.provider();
                service = f.service();
            }
            int millis = 20 + (int) Math.floorMod(seed / 17, 900);
            boolean succeeded = Math.floorMod(seed / 19, 50) != 0;
            String messageId = UUID.nameUUIDFromBytes(("call-" + call).getBytes(StandardCharsets.UTF_8)).toString();
            Instant monitoringTs = Instant.ofEpochMilli(requestIn + millis + 1000).truncatedTo(ChronoUnit.SECONDS);
            long requestSize = 600 + Math.floorMod(seed / 23, 4000);
            long responseSize = 1200 + Math.floorMod(seed / 29, 60_000);
            boolean orphan = call % 20 == 0;
            boolean clientSide = !orphan || call % 40 == 0;
            boolean producerSide = !orphan || call % 40 != 0;
            if (clientSide) {
                add(out, new Rec(false, false, messageId, monitoringTs, requestIn, millis, client, provider, service, requestSize, responseSize,
                        succeeded), total);
            }
            if (producerSide) {
                pending.add(new Rec(true, false, messageId, monitoringTs, requestIn + 4, millis - 8, client, provider, service, requestSize,
                        responseSize, succeeded));
            }
            while (pending.size() - pendingAt > PRODUCER_LAG && out.size() < total) {
                add(out, pending.get(pendingAt++), total);
            }
            call++;
        }
        return out;
    }

    private static void add(List<Rec> out, Rec r, int total) {
        if (out.size() >= total) {
            return;
        }
        if (out.size() % 100 == 99) {
            out.add(new Rec(r.producer, true, null, r.monitoringTs, r.requestIn, r.millis, null, null, 0, 0, 0, false));
        }
        if (out.size() < total) {
            out.add(r);
        }
    }

}
