package cn.suqian.govshare.system;

import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.db.TimeSeriesStorage.JobHealth;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When an upkeep job "keeps failing", in both modes. No Spring, no database. */
class TimeSeriesHealthIndicatorTests {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T10:00:00Z");
    final TimeSeriesHealthIndicator indicator = new TimeSeriesHealthIndicator(null, null, 2, Duration.ofHours(6));

    static JobHealth job(boolean failing, Integer consecutive, Long totalFailures, OffsetDateTime lastSuccess) {
        return new JobHealth("j", "t", "k", NOW, lastSuccess, failing, consecutive, null, totalFailures, failing ? "boom" : null);
    }

    @Test
    void plain_mode_goes_down_after_the_configured_consecutive_failures() {
        assertThat(indicator.keepsFailing(job(true, 1, 1L, NOW.minusHours(1)), NOW)).isFalse();
        assertThat(indicator.keepsFailing(job(true, 2, 2L, NOW.minusHours(2)), NOW)).isTrue();
        assertThat(indicator.keepsFailing(job(false, 0, 9L, NOW), NOW)).isFalse();
    }

    @Test
    void timescaledb_jobs_go_down_when_failing_repeatedly_without_a_recent_success() {
        assertThat(indicator.keepsFailing(job(true, null, 5L, NOW.minusHours(1)), NOW)).isFalse();
        assertThat(indicator.keepsFailing(job(true, null, 5L, NOW.minusHours(7)), NOW)).isTrue();
        assertThat(indicator.keepsFailing(job(true, null, 5L, null), NOW)).isTrue();
        assertThat(indicator.keepsFailing(job(true, null, 1L, null), NOW)).isFalse();
    }

    @Test
    void health_names_the_jobs_that_keep_failing() {
        var health = indicator.assess(TimeSeriesStorage.Mode.TIMESCALEDB,
                List.of(job(true, null, 3L, null), job(false, null, 0L, NOW)), NOW);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("mode", "timescaledb").containsEntry("keepFailing", List.of("j"));
        assertThat(indicator.assess(TimeSeriesStorage.Mode.PARTITIONED, List.of(), NOW).getStatus()).isEqualTo(Status.UP);
    }
}
