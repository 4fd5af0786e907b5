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
import java.util.concurrent.atomic.AtomicInteger;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_COLLECTOR_RUN;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static org.assertj.core.api.Assertions.assertThat;

/** The pull collector against a small HTTP statistics endpoint that pages by cursor and fails on demand. */
@IntegrationTest
class CollectorTests {

    @LocalServerPort
    int port;

    @Autowired
    Collector collector;

    @Autowired
    DSLContext dsl;

    HttpServer platform;
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(10);

    @BeforeEach
    void startPlatform() throws Exception {
        collector.retryPause(Duration.ofMillis(10));
        platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        platform.createContext("/stats", exchange -> {
            requests.incrementAndGet();
            if (failNext.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            String cursor = query == null ? "" : query.replace("cursor=", "");
            int page = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
            String body;
            if (page >= 3) {
                body = "{\"records\":[],\"nextCursor\":\"3\"}";
            } else {
                body = "{\"records\":[" + StatsIngestTests.line(base.plusHours(page), "housing", "housing-fund", "pulled", 10 + page, 0)
                        + "],\"nextCursor\":\"" + (page + 1) + "\"}";
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
        platform.stop(0);
    }

    long pulled() {
        Long v = dsl.select(org.jooq.impl.DSL.sum(EXCHANGE_STAT.CALLS)).from(EXCHANGE_STAT).where(EXCHANGE_STAT.RESOURCE.eq("pulled")).fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    @Test
    void pages_are_pulled_with_a_persisted_cursor_retries_and_visible_history() {
        String url = "http://localhost:" + platform.getAddress().getPort() + "/stats";
        Api.as(port, "admin").post().uri("/api/v1/exchange/sources").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "test-platform", "name", "测试交换平台", "url", url, "intervalSeconds", 60))
                .exchange().expectStatus().isCreated();

        failNext.set(1); // the first request fails, the retry succeeds
        collector.run("test-platform");
        assertThat(pulled()).isEqualTo(10 + 11 + 12);
        assertThat(dsl.fetchValue(EXCHANGE_SOURCE.CURSOR, EXCHANGE_SOURCE.CODE.eq("test-platform"))).isEqualTo("3");

        // a restart (another run) resumes from the cursor: nothing counted twice
        collector.run("test-platform");
        assertThat(pulled()).isEqualTo(33);

        // a platform that stays down: the run fails after its attempts and the source backs off
        failNext.set(10);
        collector.run("test-platform");
        var last = dsl.selectFrom(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq("test-platform"))
                .orderBy(EXCHANGE_COLLECTOR_RUN.ID.desc()).limit(1).fetchSingle();
        assertThat(last.getStatus()).isEqualTo(CollectorRun.Status.FAILED);
        assertThat(last.getAttempts()).isEqualTo(Collector.ATTEMPTS);
        assertThat(last.getError()).contains("503");
        assertThat(dsl.fetchValue(EXCHANGE_SOURCE.FAILURES, EXCHANGE_SOURCE.CODE.eq("test-platform"))).isEqualTo(1);

        Api.as(port, "admin").get().uri("/api/v1/exchange/sources/test-platform/runs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[2].status").isEqualTo("SUCCEEDED").jsonPath("$[2].attempts").isEqualTo(5).jsonPath("$[2].records").isEqualTo(3);
        Api.as(port, "leader").get().uri("/api/v1/exchange/sources").exchange().expectStatus().isForbidden();
    }
}
