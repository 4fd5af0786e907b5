package cn.suqian.govshare.db;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Concurrent database work is bounded by what the pool can serve: beyond it a request is refused at once
 * with 503 and Retry-After, jobs wait their turn, and no permit is held while a request body arrives.
 */
@IntegrationTest
class DatabaseCapacityTests {

    @LocalServerPort
    int port;

    @Autowired
    Db db;

    int held;

    /** Takes every permit, as if the pool and its queue were fully busy. */
    void exhaust() {
        held += db.permits.drainPermits();
    }

    @AfterEach
    void giveBack() {
        db.permits.release(held);
        held = 0;
    }

    @Test
    void capacity_is_the_pool_size_plus_the_queue() {
        assertThat(db.capacity()).isEqualTo(16 + 16);
        assertThat(db.permits.availablePermits()).isEqualTo(db.capacity());
    }

    @Test
    void beyond_capacity_a_request_gets_503_busy_with_retry_after_at_once() {
        Api.as(port, "leader").get().uri("/api/v1/organisations").exchange().expectStatus().isOk(); // signed in (remembered)
        exhaust();

        long started = System.nanoTime();
        var result = Api.as(port, "leader").get().uri("/api/v1/organisations").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result).containsEntry("code", "busy").containsEntry("status", 503);
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void signing_in_beyond_capacity_gets_the_same_503_problem() {
        String token = (String) Api.as(port, "admin").post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "capacity-probe", "organisationCode", "egov"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token");
        exhaust();

        var result = Api.bearer(port, token).get().uri("/api/v1/me").exchange() // the token is looked up in the database
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(result).containsEntry("code", "busy").containsEntry("instance", "/api/v1/me");
    }

    @Test
    void a_job_waits_for_a_permit_instead_of_failing() throws Exception {
        exhaust();
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() ->
                db.inTransaction(Actor.system("test"), dsl -> dsl.selectOne().fetchOne(0, Integer.class)));

        Thread.sleep(300);
        assertThat(job).isNotDone();

        db.permits.release(1);
        held--;
        assertThat(job.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void permits_come_back_after_success_failure_and_cancellation() throws Exception {
        int capacity = db.capacity();
        db.tx(Actor.system("test"), dsl -> 1).block(Duration.ofSeconds(10));
        assertThatThrownBy(() -> db.tx(Actor.system("test"), dsl -> {
            throw new IllegalStateException("fails");
        }).block(Duration.ofSeconds(10))).hasMessage("fails");

        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var slow = db.tx(Actor.system("test"), dsl -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }).subscribe();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(db.permits.availablePermits()).isEqualTo(capacity - 1);
        slow.dispose(); // the caller went away: its work is interrupted, ends, and gives the permit back

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.permits.availablePermits() < capacity && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(db.permits.availablePermits()).isEqualTo(capacity);
        release.countDown();
    }

    @Test
    void no_permit_is_held_while_an_ingest_body_is_still_arriving() throws Exception {
        String record = "{\"intervalStart\":\"2026-11-28T10:05:00+08:00\",\"intervalSeconds\":300,\"provider\":\"no-such-org\","
                + "\"consumer\":\"hrss\",\"resource\":\"capacity/1\",\"calls\":1,\"failedCalls\":0,\"records\":1,\"bytes\":1,"
                + "\"latencyMsSum\":1,\"latencyMsMax\":1}\n";
        AtomicBoolean sent = new AtomicBoolean();
        Flux<String> slowBody = Flux.range(0, 5).delayElements(Duration.ofMillis(200)).map(i -> i == 4 ? record : "\n")
                .doOnComplete(() -> sent.set(true));
        Api.as(port, "admin").get().uri("/api/v1/me").exchange().expectStatus().isOk(); // signed in (remembered)
        int capacity = db.capacity();

        CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(() -> Api.as(port, "admin").post().uri("/api/v1/exchange/stats")
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(BodyInserters.fromPublisher(slowBody, String.class))
                .exchange().expectBody(String.class).returnResult().getStatus().value());
        int fewest = capacity;
        int samples = 0;
        while (!sent.get()) {
            fewest = Math.min(fewest, db.permits.availablePermits());
            samples++;
            Thread.sleep(5);
        }

        assertThat(upload.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(samples).isGreaterThan(50);
        assertThat(fewest).as("permits free while the body arrived").isEqualTo(capacity);
    }
}
