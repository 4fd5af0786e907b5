package cn.suqian.govshare.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blocking work runs on the bounded pool, never the caller's thread, and a full queue answers busy at once. */
class BlockingTests {

    final Blocking blocking = new Blocking(1, 1);
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        blocking.destroy();
    }

    @Test
    void work_runs_on_a_blocking_platform_thread_not_the_caller() {
        Thread worker = blocking.call(Thread::currentThread).block(Duration.ofSeconds(10));

        assertThat(worker).isNotSameAs(Thread.currentThread());
        assertThat(worker.getName()).startsWith("blocking-");
        assertThat(worker.isVirtual()).isFalse();
    }

    @Test
    void beyond_its_threads_and_queue_work_is_refused_as_busy_at_once() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        blocking.call(() -> {
            running.countDown();
            return release.await(10, TimeUnit.SECONDS);
        }).subscribe();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        blocking.call(() -> 1).subscribe(); // waits in the queue (capacity 1)

        Mono<Integer> third = blocking.call(() -> 1);

        long started = System.nanoTime();
        assertThatThrownBy(() -> third.block(Duration.ofSeconds(10)))
                .isInstanceOf(BusyException.class)
                .satisfies(e -> assertThat(((BusyException) e).retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}
