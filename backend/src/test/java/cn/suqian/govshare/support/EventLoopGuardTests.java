package cn.suqian.govshare.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The guard can fail: blocking on an event-loop thread is refused, recorded, and fails the test it happened in. */
@IntegrationTest
class EventLoopGuardTests {

    @LocalServerPort
    int port;

    @Autowired
    ReactorResourceFactory serverResources;

    @Test
    void sleeping_on_the_servers_netty_event_loop_is_refused_and_recorded() {
        var loop = serverResources.getLoopResources().onServer(true).next();
        AtomicReference<String> loopThread = new AtomicReference<>();

        var sleep = loop.submit(() -> {
            loopThread.set(Thread.currentThread().getName());
            Thread.sleep(1);
            return null;
        });

        assertThatThrownBy(() -> sleep.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BlockingOperationError.class)
                .hasMessageContaining("java.lang.Thread").hasMessageContaining("sleep");
        assertThat(EventLoopGuard.drain())
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.method()).contains("java.lang.Thread").contains("sleep");
                    assertThat(v.thread()).isEqualTo(loopThread.get());
                });
    }

    @Test
    void blocking_while_a_real_response_is_handled_on_the_event_loop_is_refused() {
        var blockingClient = Api.as(port, "leader").mutate()
                .filter((request, next) -> next.exchange(request).map(EventLoopGuardTests::readFileOnThisThread))
                .build();

        assertThatThrownBy(() -> blockingClient.get().uri("/api/v1/me").exchange())
                .hasRootCauseInstanceOf(BlockingOperationError.class);
        assertThat(EventLoopGuard.drain())
                .allSatisfy(v -> assertThat(v.thread()).contains("-http-"))
                .anySatisfy(v -> assertThat(v.method()).contains("java.io.FileInputStream").contains("readBytes"));
    }

    @Test
    void reactors_parallel_scheduler_is_guarded_too() {
        Mono<Object> sleep = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return null;
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> sleep.block(Duration.ofSeconds(10))).hasRootCauseInstanceOf(BlockingOperationError.class);
        assertThat(EventLoopGuard.drain()).singleElement().satisfies(v -> assertThat(v.thread()).startsWith("parallel-"));
    }

    @Test
    void a_recorded_violation_fails_the_test_it_happened_in() {
        Mono.fromCallable(() -> {
            Thread.sleep(1);
            return null;
        }).subscribeOn(Schedulers.parallel()).onErrorComplete().block(Duration.ofSeconds(10));
        ExtensionContext context = mock(ExtensionContext.class);
        when(context.getDisplayName()).thenReturn("a test that slept on the event loop");

        assertThatThrownBy(() -> new EventLoopGuard().afterEach(context))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 blocking call(s) on a non-blocking thread during a test that slept on the event loop")
                .hasMessageContaining("java.lang.Thread").hasMessageContaining("sleep");
        assertThat(EventLoopGuard.drain()).isEmpty();
    }

    @Test
    void ordinary_requests_record_nothing() {
        Api.as(port, "admin").get().uri("/api/v1/systems/template?format=xlsx").exchange().expectStatus().isEqualTo(HttpStatus.OK);
        Api.as(port, "admin").get().uri("/api/v1/systems/export?format=xlsx").exchange().expectStatus().isEqualTo(HttpStatus.OK);

        assertThat(EventLoopGuard.drain()).isEmpty();
    }

    private static ClientResponse readFileOnThisThread(ClientResponse response) {
        try (var in = new java.io.FileInputStream("/proc/self/stat")) {
            in.read(new byte[64]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }
}
