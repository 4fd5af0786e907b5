package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done means", run as an operator would: GovShare (a child JVM on the embedded database kept in a
 * directory) pulls from a slow platform; it is killed with SIGKILL in the middle of paging, so its embedded
 * PostgreSQL keeps running on its own and its collector lock stays in the table; then ONE ordinary start on the
 * same directory stops the orphaned server (one log line), marks the interrupted run ABANDONED, takes the
 * source over within one poll interval plus a minute, and ends with exact totals. On the way: a second start
 * against the running instance's directory, and one on a port in use, each refuse in plain words.
 */
@Tag("integration")
class CollectorKillRestartTests {

    static final int PAGES = 40;
    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration PAGE_DELAY = Duration.ofMillis(400);

    @TempDir
    Path work;

    HttpServer platform;
    final List<Long> served = new CopyOnWriteArrayList<>();
    final List<Process> children = new ArrayList<>();
    final OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(PAGES + 2);

    @AfterEach
    void stopEverything() throws Exception {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        if (platform != null) {
            platform.stop(0);
        }
        // a server left by a test that failed half-way must not outlive it
        Path pid = work.resolve("pgdata/postmaster.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).getFirst().trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    /** Page n (cursor "n") holds one interval with n+1 calls; after the last page, an empty one. */
    void startPlatform() throws IOException {
        platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        platform.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        platform.createContext("/stats", exchange -> {
            served.add(System.nanoTime());
            String query = exchange.getRequestURI().getQuery();
            String cursor = query == null ? "" : query.replace("cursor=", "");
            int n = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
            try {
                Thread.sleep(PAGE_DELAY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = n >= PAGES ? "{\"records\":[],\"nextCursor\":\"" + PAGES + "\"}"
                    : "{\"records\":[" + StatsIngestTests.line(base.plusHours(n), "housing", "housing-fund", "kill-restart", n + 1, 0)
                    + "],\"nextCursor\":\"" + (n + 1) + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        platform.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** GovShare in a JVM of its own, from the test class path, its output to a file. */
    Process start(String name, int port, Path dataDir) throws IOException {
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "cn.suqian.govshare.GovShareApplication",
                "--server.port=" + port, "--govshare.embedded.data-dir=" + dataDir, "--govshare.demo.enabled=true",
                "--govshare.exchange.simulator=false", "--govshare.exchange.collector-poll=" + POLL,
                "--govshare.scheduling.heartbeat-interval=PT1M"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(p);
        return p;
    }

    String log(String name) throws IOException {
        Path log = work.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    String awaitLog(String name, Process p, Pattern pattern, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(log(name));
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + pattern + " in " + name + " output:\n" + tail(log(name)));
    }

    static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    static final Pattern STARTED = Pattern.compile("Started GovShareApplication");

    /** The demo users are created once the application is ready, a moment after "Started". */
    static void awaitDemoUsers(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (Api.as(port, "admin").get().uri("/api/v1/exchange/sources").exchange().expectBody(String.class).returnResult().getStatus().value() != 200) {
            assertThat(System.nanoTime()).as("admin can sign in").isLessThan(deadline);
            Thread.sleep(250);
        }
    }
    static final Pattern PG_PORT = Pattern.compile("Embedded PostgreSQL started on port (\\d+)");

    long total(int pgPort, String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/govshare", "postgres", "");
             var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) { // the instance's database is gone: say what the instance said
            throw new AssertionError("the second instance's database at port " + pgPort + " does not answer (" + e.getMessage()
                    + "); its output:\n" + tail(log("second")), e);
        }
    }

    @Test
    void kill_9_during_a_pull_then_one_ordinary_start_resumes_within_a_poll_interval_and_a_minute_with_exact_totals() throws Exception {
        startPlatform();
        Path dataDir = work.resolve("pgdata");
        int port = freePort();

        Process first = start("first", port, dataDir);
        awaitLog("first", first, STARTED, Duration.ofMinutes(3));
        awaitDemoUsers(port);
        Api.as(port, "admin").post().uri("/api/v1/exchange/sources").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "kill-restart", "name", "被强制终止时正在采集的平台", "url",
                        "http://localhost:" + platform.getAddress().getPort() + "/stats", "intervalSeconds", 60))
                .exchange().expectStatus().isCreated();

        // kill -9 in the middle of paging
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (served.size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(served).as("the first instance started pulling").hasSizeGreaterThanOrEqualTo(6);
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        long killedAt = System.nanoTime();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the killed instance's PostgreSQL runs on").contains(true);
        int pagesBeforeKill = served.size();

        // one ordinary start
        long restartAt = System.nanoTime();
        Process second = start("second", port, dataDir);
        awaitLog("second", second, STARTED, Duration.ofMinutes(3));
        long readyAt = System.nanoTime();
        assertThat(log("second")).contains("was left running on " + dataDir).contains("stopped it");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        int pgPort = Integer.parseInt(awaitLog("second", second, PG_PORT, Duration.ofSeconds(5)));

        // collection resumes within one poll interval plus a minute of the start, and ends with exact totals
        long expected = (long) PAGES * (PAGES + 1) / 2;
        deadline = restartAt + POLL.plusMinutes(1).plus(Duration.ofMinutes(2)).toNanos();
        while (System.nanoTime() < deadline && total(pgPort, "SELECT coalesce(sum(calls), 0) FROM exchange_stat WHERE resource = 'kill-restart'") < expected) {
            Thread.sleep(500);
        }
        long resumedAt = served.stream().skip(pagesBeforeKill).findFirst().orElseThrow(() -> new AssertionError("never resumed"));
        Duration resumedAfter = Duration.ofNanos(resumedAt - readyAt);
        System.out.println("kill -9 recovery: start took " + Duration.ofNanos(readyAt - restartAt).toMillis() + " ms; collection resumed "
                + Duration.ofNanos(resumedAt - killedAt).toMillis() + " ms after the kill, " + resumedAfter.toMillis()
                + " ms after the new instance was ready; pages before the kill: " + pagesBeforeKill);
        assertThat(resumedAfter).isLessThanOrEqualTo(POLL.plusMinutes(1));
        assertThat(total(pgPort, "SELECT coalesce(sum(calls), 0) FROM exchange_stat WHERE resource = 'kill-restart'")).isEqualTo(expected);
        assertThat(total(pgPort, "SELECT count(*) FROM exchange_stat WHERE resource = 'kill-restart'")).isEqualTo(PAGES);
        assertThat(total(pgPort, "SELECT count(*) FROM exchange_collector_run WHERE source_code = 'kill-restart' AND status = 'ABANDONED' "
                + "AND abandoned_at IS NOT NULL")).isEqualTo(1);
        // the resumed run ends once the platform has nothing more (its last, empty page); nothing is left RUNNING
        String running = "SELECT count(*) FROM exchange_collector_run WHERE source_code = 'kill-restart' AND status = 'RUNNING'";
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (total(pgPort, running) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(total(pgPort, running)).isZero();
        assertThat(total(pgPort, "SELECT count(*) FROM exchange_collector_run WHERE source_code = 'kill-restart' AND status = 'SUCCEEDED'"))
                .isPositive();

        // a second start against the running instance's directory: one line saying what to do, no stack trace
        Process again = start("again", freePort(), dataDir);
        assertThat(again.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).isNotZero();
        assertThat(log("again")).contains("Another GovShare is running on the embedded database directory " + dataDir)
                .contains("GOVSHARE_DATA_DIR").contains("GOVSHARE_EPHEMERAL=true").doesNotContain("epg-lock").doesNotContain("\tat ");

        // a start on a port in use: Spring Boot's own analysis, in plain words
        Process busy = start("busy", port, work.resolve("other-pgdata"));
        assertThat(busy.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(busy.exitValue()).isNotZero();
        assertThat(log("busy")).contains("Port " + port + " was already in use").doesNotContain("\tat ");
    }
}
