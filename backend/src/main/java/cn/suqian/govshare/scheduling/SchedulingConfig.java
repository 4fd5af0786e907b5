package cn.suqian.govshare.scheduling;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import javax.sql.DataSource;

/**
 * Locks are always on (a job called directly still takes its lock); the scheduler itself can be switched
 * off with {@code govshare.scheduling.enabled=false}, which tests use to drive jobs by hand.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingConfig {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "govshare.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class Enabled {
    }

    /**
     * Every scheduled job on a pool, not on one thread. Boot's scheduler for virtual threads runs every fixed-delay job
     * on its single scheduler thread, so one long pass — a rollup catching up after a back-fill, a cold eligibility
     * recompute — stopped connection probing (a one-second tick), notifications and the collectors until it ended.
     * Each job still never overlaps itself (fixed delay waits for the pass to end; a fixed rate skips ahead).
     */
    @Bean(name = "taskScheduler")
    static org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler taskScheduler(
            @org.springframework.beans.factory.annotation.Value("${govshare.scheduling.threads:16}") int threads) {
        var scheduler = new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
        scheduler.setPoolSize(threads);
        scheduler.setVirtualThreads(true);
        scheduler.setThreadNamePrefix("scheduling-");
        return scheduler;
    }

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }
}
