package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import com.sun.net.httpserver.HttpServer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_COLLECTOR_RUN;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_REFUSED_PAGE;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_REFUSED_RECORD;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector against a platform that serves what each test tells it to, per path: bad pages (kept for the
 * office's decision), pages that grow on the same cursor, slow sources beside fast ones, runs a crash left
 * RUNNING, and locks a dead process left behind.
 */
@IntegrationTest
class CollectorRecoveryTests {

    @LocalServerPort
    int port;

    @Autowired
    Collector collector;

    @Autowired
    DSLContext dsl;

    HttpServer platform;
    /** path -> (cursor -> body) */
    final Map<String, Function<String, String>> pages = new ConcurrentHashMap<>();
    final Map<String, Long> firstRequestAt = new ConcurrentHashMap<>();
    final OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(12);

    @BeforeEach
    void startPlatform() throws Exception {
        collector.retryPause(Duration.ofMillis(10));
        platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        platform.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        platform.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            firstRequestAt.putIfAbsent(path, System.nanoTime());
            String query = exchange.getRequestURI().getQuery();
            String cursor = query == null ? "" : query.replace("cursor=", "");
            var page = pages.get(path);
            String body = page == null ? null : page.apply(cursor);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        platform.start();
    }

    @AfterEach
    void stopPlatform() {
        collector.runTimeout(Duration.ofMinutes(5));
        platform.stop(0);
    }

    void source(String code, String path, String policy) {
        String url = "http://localhost:" + platform.getAddress().getPort() + path;
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", "测试平台 " + code, "url", url, "intervalSeconds", 60));
        if (policy != null) {
            body.put("refusedPagePolicy", policy);
        }
        Api.as(port, "admin").post().uri("/api/v1/exchange/sources").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated();
    }

    long calls(String resource) {
        Long v = dsl.select(org.jooq.impl.DSL.sum(EXCHANGE_STAT.CALLS)).from(EXCHANGE_STAT).where(EXCHANGE_STAT.RESOURCE.eq(resource))
                .fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    String cursor(String code) {
        return dsl.fetchValue(EXCHANGE_SOURCE.CURSOR, EXCHANGE_SOURCE.CODE.eq(code));
    }

    String record(int hour, String resource, Object calls) {
        return "{\"intervalStart\":\"" + base.plusHours(hour) + "\",\"intervalSeconds\":3600,\"provider\":\"housing\",\"consumer\":\"housing-fund\","
                + "\"resource\":\"" + resource + "\",\"calls\":" + (calls instanceof String s ? "\"" + s + "\"" : calls) + ",\"failedCalls\":0}";
    }

    static String page(String next, String... records) {
        return "{\"records\":[" + String.join(",", records) + "],\"nextCursor\":" + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    /** Page "" holds a good record and one with a string where a count belongs; page "1" one more good record. */
    Function<String, String> badFirstPage(String resource) {
        return cursor -> switch (cursor) {
            case "" -> page("1", record(0, resource, 10), record(1, resource, "many"), record(2, resource, 12));
            case "1" -> page("2", record(3, resource, 13));
            default -> page("2");
        };
    }

    @Test
    void a_bad_page_is_kept_with_its_reasons_and_the_office_accepts_its_valid_records() {
        pages.put("/bad-accept", badFirstPage("h9-bad-accept"));
        source("h9-bad-accept", "/bad-accept", null);

        collector.run("h9-bad-accept");
        collector.run("h9-bad-accept"); // served again: still held, counted once more, nothing taken
        assertThat(calls("h9-bad-accept")).isZero();
        assertThat(cursor("h9-bad-accept")).isNull();
        var page = dsl.selectFrom(EXCHANGE_REFUSED_PAGE).where(EXCHANGE_REFUSED_PAGE.SOURCE_CODE.eq("h9-bad-accept")).fetchSingle();
        assertThat(page.getTimesServed()).isEqualTo(2);
        assertThat(page.getDecision()).isNull();
        assertThat(page.getProblems().data()).contains("\"row\": 2").contains("calls");

        // visible with the run that met it, and in the list of refused pages
        Api.as(port, "admin").get().uri("/api/v1/exchange/sources/h9-bad-accept/runs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].status").isEqualTo("FAILED").jsonPath("$[0].errorCode").isEqualTo("sourcePageRejected")
                .jsonPath("$[0].refusedPage.id").isEqualTo(page.getId().intValue())
                .jsonPath("$[0].refusedPage.problems[0].row").isEqualTo(2)
                .jsonPath("$[0].refusedPage.problems[0].field").isEqualTo("calls");
        Api.as(port, "admin").get().uri("/api/v1/exchange/sources").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.code == 'h9-bad-accept')].openRefusedPages").isEqualTo(java.util.List.of(1));

        String decision = "/api/v1/exchange/sources/h9-bad-accept/refused-pages/" + page.getId() + "/decision";
        Api.as(port, "leader").post().uri(decision).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "ACCEPT_VALID", "note", "x")).exchange().expectStatus().isForbidden();
        Api.as(port, "admin").post().uri(decision).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "ACCEPT_VALID")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("note");
        Api.as(port, "admin").post().uri("/api/v1/exchange/sources/h9-bad-accept/refused-pages/999999/decision")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "SKIP", "note", "x")).exchange().expectStatus().isNotFound();
        Api.as(port, "admin").post().uri(decision).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "ACCEPT_VALID", "note", "平台已确认第 2 条计数有误，其余可用")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.decision").isEqualTo("ACCEPT_VALID").jsonPath("$.accepted").isEqualTo(2)
                .jsonPath("$.refused").isEqualTo(1).jsonPath("$.decidedBy").isEqualTo("admin");
        assertThat(calls("h9-bad-accept")).isEqualTo(10 + 12);
        assertThat(cursor("h9-bad-accept")).isEqualTo("1");
        var refused = dsl.selectFrom(EXCHANGE_REFUSED_RECORD).where(EXCHANGE_REFUSED_RECORD.PAGE_ID.eq(page.getId())).fetchSingle();
        assertThat(refused.getLine()).isEqualTo(2);
        assertThat(refused.getRecord()).contains("\"many\"");
        Api.as(port, "admin").get().uri("/api/v1/exchange/sources/h9-bad-accept/refused-pages/" + page.getId() + "/records")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$[0].line").isEqualTo(2).jsonPath("$[0].problems[0].field").isEqualTo("calls");
        // a second decision is refused; the decision is in the audit trail with who and why
        Api.as(port, "admin").post().uri(decision).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "SKIP", "note", "again")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("alreadyDecided");
        assertThat(dsl.fetchExists(dsl.selectOne().from("audit_event").where("entity_type = ? AND entity_id = ? AND actor = ?",
                "exchange_refused_page", page.getId().toString(), "admin"))).isTrue();

        // the source runs on from where the decision left it, and is due at once
        assertThat(dsl.fetchValue(EXCHANGE_SOURCE.NEXT_RUN_AT, EXCHANGE_SOURCE.CODE.eq("h9-bad-accept"))).isBefore(OffsetDateTime.now().plusSeconds(1));
        collector.run("h9-bad-accept");
        assertThat(calls("h9-bad-accept")).isEqualTo(10 + 12 + 13);
        assertThat(cursor("h9-bad-accept")).isEqualTo("2");
    }

    @Test
    void the_office_can_skip_a_bad_page_and_a_source_policy_can_accept_valid_records_at_once() {
        pages.put("/bad-skip", badFirstPage("h9-bad-skip"));
        source("h9-bad-skip", "/bad-skip", null);
        collector.run("h9-bad-skip");
        long id = dsl.fetchValue(EXCHANGE_REFUSED_PAGE.ID, EXCHANGE_REFUSED_PAGE.SOURCE_CODE.eq("h9-bad-skip"));
        Api.as(port, "admin").post().uri("/api/v1/exchange/sources/h9-bad-skip/refused-pages/" + id + "/decision")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("decision", "SKIP", "note", "平台将重新推送该时段"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.decision").isEqualTo("SKIP").jsonPath("$.accepted").isEqualTo(0);
        collector.run("h9-bad-skip");
        assertThat(calls("h9-bad-skip")).as("nothing of the skipped page, the next page taken").isEqualTo(13);

        pages.put("/bad-policy", badFirstPage("h9-bad-policy"));
        source("h9-bad-policy", "/bad-policy", null);
        String policy = "/api/v1/exchange/sources/h9-bad-policy/refused-page-policy";
        Api.as(port, "finance").put().uri(policy).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refusedPagePolicy", "ACCEPT_VALID"))
                .exchange().expectStatus().isForbidden();
        Api.as(port, "admin").put().uri(policy).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refusedPagePolicy", "SOMETIMES"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("refusedPagePolicy");
        Api.as(port, "admin").put().uri(policy).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refusedPagePolicy", "ACCEPT_VALID"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.refusedPagePolicy").isEqualTo("ACCEPT_VALID");
        collector.run("h9-bad-policy");
        assertThat(calls("h9-bad-policy")).isEqualTo(10 + 12 + 13);
        var page = dsl.selectFrom(EXCHANGE_REFUSED_PAGE).where(EXCHANGE_REFUSED_PAGE.SOURCE_CODE.eq("h9-bad-policy")).fetchSingle();
        assertThat(page.getDecision()).isEqualTo(CollectorRefusedPages.Decision.ACCEPT_VALID);
        assertThat(page.getRefused()).isEqualTo(1);
    }

    @Test
    void a_page_that_grows_on_the_same_cursor_corrects_what_was_received_and_an_identical_page_is_a_replay() {
        var served = new java.util.concurrent.atomic.AtomicInteger(1);
        pages.put("/growing", cursor -> cursor.isEmpty()
                ? page("open", record(0, "h9-grow", 10))
                : served.get() == 1 ? page("open", record(1, "h9-grow", 5)) : page("open", record(1, "h9-grow", 8), record(2, "h9-grow", 4)));
        source("h9-grow", "/growing", null);
        collector.run("h9-grow");
        assertThat(calls("h9-grow")).isEqualTo(10 + 5);
        collector.run("h9-grow"); // the same page again: a replay
        assertThat(calls("h9-grow")).isEqualTo(15);
        served.set(2); // the open interval grew and another arrived: a correction, not a wedge
        collector.run("h9-grow");
        assertThat(calls("h9-grow")).isEqualTo(10 + 8 + 4);
        assertThat(dsl.select(EXCHANGE_COLLECTOR_RUN.STATUS).from(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq("h9-grow"))
                .fetch(EXCHANGE_COLLECTOR_RUN.STATUS)).containsOnly(CollectorRun.Status.SUCCEEDED);
    }

    @Test
    void due_sources_run_concurrently_each_with_its_own_deadline() {
        pages.put("/slow", cursor -> {
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return page(null, record(4, "h9-slow", 1));
        });
        pages.put("/fast", cursor -> cursor.isEmpty() ? page("f1", record(5, "h9-fast", 7)) : page("f1"));
        source("h9-slow", "/slow", null);
        source("h9-fast", "/fast", null);
        dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.NEXT_RUN_AT, OffsetDateTime.now().plusHours(1))
                .where(EXCHANGE_SOURCE.CODE.notIn("h9-slow", "h9-fast")).execute();
        dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.NEXT_RUN_AT, OffsetDateTime.now().minusSeconds(1))
                .where(EXCHANGE_SOURCE.CODE.in("h9-slow", "h9-fast")).execute();
        collector.runTimeout(Duration.ofSeconds(2));
        long started = System.nanoTime();
        collector.runDue(OffsetDateTime.now());
        long took = System.nanoTime() - started;

        assertThat(calls("h9-fast")).isEqualTo(7);
        long fastWaited = firstRequestAt.get("/fast") - started;
        assertThat(Duration.ofNanos(fastWaited)).as("the fast source does not wait for the slow one").isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(took)).as("the slow source stopped at its own deadline").isLessThan(Duration.ofMillis(3900));
        var slowRun = dsl.selectFrom(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq("h9-slow")).fetchSingle();
        assertThat(slowRun.getStatus()).isEqualTo(CollectorRun.Status.FAILED);
        assertThat(dsl.fetchValue(EXCHANGE_SOURCE.FAILURES, EXCHANGE_SOURCE.CODE.eq("h9-slow"))).isEqualTo(1);
        assertThat(dsl.fetchValue(EXCHANGE_SOURCE.FAILURES, EXCHANGE_SOURCE.CODE.eq("h9-fast"))).isZero();
        dsl.update(EXCHANGE_SOURCE).set(EXCHANGE_SOURCE.ENABLED, false).where(EXCHANGE_SOURCE.CODE.in("h9-slow", "h9-fast")).execute();
    }

    @Test
    void a_run_a_crash_left_running_is_abandoned_when_its_lock_is_taken_over_and_a_live_lock_is_respected() {
        pages.put("/crashed", cursor -> cursor.isEmpty() ? page("c1", record(6, "h9-crash", 3)) : page("c1"));
        source("h9-crash", "/crashed", null);
        // what a process killed in the middle of a run leaves: its run RUNNING, its lock held for a while
        long interrupted = dsl.insertInto(EXCHANGE_COLLECTOR_RUN).set(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE, "h9-crash")
                .set(EXCHANGE_COLLECTOR_RUN.STARTED_AT, OffsetDateTime.now().minusMinutes(2)).set(EXCHANGE_COLLECTOR_RUN.STATUS, CollectorRun.Status.RUNNING)
                .set(EXCHANGE_COLLECTOR_RUN.NODE, "12345@dead-host").returning(EXCHANGE_COLLECTOR_RUN.ID).fetchSingle().getId();
        dsl.execute("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, now() + interval '40 seconds', now(), 'dead-host')",
                Collector.lockName("h9-crash"));

        collector.run("h9-crash"); // the lock is still held: nothing runs
        collector.abandonInterruptedRuns(); // start-up: the lock is still held, so the run may be alive elsewhere
        assertThat(dsl.fetchValue(EXCHANGE_COLLECTOR_RUN.STATUS, EXCHANGE_COLLECTOR_RUN.ID.eq(interrupted))).isEqualTo(CollectorRun.Status.RUNNING);
        assertThat(calls("h9-crash")).isZero();

        // the dead process stops extending its lock; it expires (at most a minute after the crash) and is taken over
        dsl.execute("UPDATE shedlock SET lock_until = now() - interval '1 second' WHERE name = ?", Collector.lockName("h9-crash"));
        collector.abandonInterruptedRuns();
        var run = dsl.selectFrom(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.ID.eq(interrupted)).fetchSingle();
        assertThat(run.getStatus()).isEqualTo(CollectorRun.Status.ABANDONED);
        assertThat(run.getAbandonedAt()).isAfter(run.getStartedAt());
        Api.as(port, "admin").get().uri("/api/v1/exchange/sources/h9-crash/runs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].status").isEqualTo("ABANDONED").jsonPath("$[0].abandonedAt").exists();

        collector.run("h9-crash");
        assertThat(calls("h9-crash")).isEqualTo(3);
        assertThat(dsl.fetchValue(EXCHANGE_COLLECTOR_RUN.STATUS, EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq("h9-crash").and(EXCHANGE_COLLECTOR_RUN.ID.ne(interrupted))))
                .isEqualTo(CollectorRun.Status.SUCCEEDED);
    }
}
