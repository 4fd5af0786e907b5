package cn.suqian.govshare.scheduling;

import cn.suqian.govshare.support.IntegrationTest;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.suqian.govshare.db.schema.Tables.SCHEDULER_HEARTBEAT;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HeartbeatJobTests {

    @Autowired
    HeartbeatJob heartbeat;

    @Autowired
    DataSource dataSource;

    @Autowired
    DSLContext dsl;

    @Test
    void a_second_tick_within_the_same_period_is_skipped() {
        int before = dsl.fetchCount(SCHEDULER_HEARTBEAT, SCHEDULER_HEARTBEAT.JOB.eq("heartbeat"));
        heartbeat.tick();
        heartbeat.tick();
        assertThat(dsl.fetchCount(SCHEDULER_HEARTBEAT, SCHEDULER_HEARTBEAT.JOB.eq("heartbeat"))).isEqualTo(before + 1);
        assertThat(dsl.fetchExists(dsl.selectFrom("shedlock").where("name = 'heartbeat'"))).isTrue();
    }

    /** Two replicas (two lock providers on one database) firing the same tick at once: one runs. */
    @Test
    void replicas_sharing_a_database_run_a_tick_once() throws Exception {
        var replicaA = new DefaultLockingTaskExecutor(provider());
        var replicaB = new DefaultLockingTaskExecutor(provider());
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Runnable task = () -> {
            runs.incrementAndGet();
            sleep(300);
        };
        var config = new LockConfiguration(Instant.now(), "replica-test", Duration.ofSeconds(30), Duration.ofSeconds(5));
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> { await(start); replicaA.executeWithLock(task, config); });
            var b = pool.submit(() -> { await(start); replicaB.executeWithLock(task, config); });
            start.countDown();
            a.get();
            b.get();
        }
        assertThat(runs).hasValue(1);
    }

    JdbcTemplateLockProvider provider() {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).withTableName("shedlock").usingDbTime().build());
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
