package cn.suqian.govshare.exchange;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled pass recomputes hours every time, days and months only at their own longer intervals. */
class RollupPaceTests {

    private static long seconds(long s) {
        return Duration.ofSeconds(s).toNanos();
    }

    @Test
    void days_and_months_are_due_at_their_own_intervals_starting_with_the_first_pass() {
        ExchangeRollups rollups = new ExchangeRollups(null, 1, Duration.ofSeconds(30), Duration.ofMinutes(1));
        long t0 = 1_000_000_000_000L;
        assertThat(rollups.due(t0)).isEqualTo(new ExchangeRollups.Stages(true, true));
        assertThat(rollups.due(t0 + seconds(5))).isEqualTo(new ExchangeRollups.Stages(false, false));
        assertThat(rollups.due(t0 + seconds(29))).isEqualTo(new ExchangeRollups.Stages(false, false));
        assertThat(rollups.due(t0 + seconds(30))).isEqualTo(new ExchangeRollups.Stages(true, false));
        assertThat(rollups.due(t0 + seconds(35))).isEqualTo(new ExchangeRollups.Stages(false, false));
        assertThat(rollups.due(t0 + seconds(60))).isEqualTo(new ExchangeRollups.Stages(true, true));
        assertThat(rollups.due(t0 + seconds(65))).isEqualTo(new ExchangeRollups.Stages(false, false));
    }

    @Test
    void zero_intervals_recompute_every_level_on_every_pass() {
        ExchangeRollups rollups = new ExchangeRollups(null, 1, Duration.ZERO, Duration.ZERO);
        assertThat(rollups.due(5)).isEqualTo(new ExchangeRollups.Stages(true, true));
        assertThat(rollups.due(5)).isEqualTo(new ExchangeRollups.Stages(true, true));
    }
}
