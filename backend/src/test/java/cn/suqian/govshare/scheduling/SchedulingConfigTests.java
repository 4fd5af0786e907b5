package cn.suqian.govshare.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's scheduler: one job's long pass does not hold up the others, and no job overlaps itself. */
class SchedulingConfigTests {

    @Test
    void a_long_fixed_delay_pass_does_not_stop_another_jobs_ticks_and_never_overlaps_itself() throws Exception {
        var scheduler = SchedulingConfig.taskScheduler(4);
        scheduler.initialize();
        try {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger longRunning = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            scheduler.scheduleWithFixedDelay(() -> { // a rollup catching up: busy until released
                mostAtOnce.accumulateAndGet(longRunning.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    longRunning.decrementAndGet();
                }
            }, Duration.ofMillis(10));
            CountDownLatch ticks = new CountDownLatch(20);
            scheduler.scheduleWithFixedDelay(ticks::countDown, Duration.ofMillis(10)); // a probing tick

            assertThat(ticks.await(5, TimeUnit.SECONDS)).as("the tick ran 20 times while the other job was busy").isTrue();
            assertThat(longRunning.get()).isEqualTo(1);
            release.countDown();
            Thread.sleep(100);
            assertThat(mostAtOnce.get()).isEqualTo(1);
        } finally {
            scheduler.shutdown();
        }
    }
}
