package cn.suqian.govshare.exchange;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo platform's traffic has the rhythm a city's exchange has. */
class ExchangeSimulatorTests {

    final ExchangeSimulator.Key key = new ExchangeSimulator.Key("public-security", "public-security", "hrss", "101001001/000001", 300, false);

    long calls(String json) {
        return json == null ? 0 : Long.parseLong(json.replaceAll(".*\"calls\":(\\d+).*", "$1"));
    }

    @Test
    void weekday_office_hours_are_busier_than_nights_and_weekends() {
        // 2026-11-25 is a Wednesday; Asia/Shanghai is UTC+8
        long office = calls(ExchangeSimulator.record(key, OffsetDateTime.of(2026, 11, 25, 2, 0, 0, 0, ZoneOffset.UTC), 3600)); // 10:00
        long night = calls(ExchangeSimulator.record(key, OffsetDateTime.of(2026, 11, 25, 19, 0, 0, 0, ZoneOffset.UTC), 3600)); // 03:00
        long weekend = calls(ExchangeSimulator.record(key, OffsetDateTime.of(2026, 11, 28, 2, 0, 0, 0, ZoneOffset.UTC), 3600)); // Saturday
        assertThat(office).isGreaterThan(5 * Math.max(1, night)).isGreaterThan(3 * Math.max(1, weekend));
    }

    @Test
    void a_resent_interval_is_identical_and_failures_never_exceed_calls() {
        OffsetDateTime t = OffsetDateTime.of(2026, 11, 24, 3, 0, 0, 0, ZoneOffset.UTC);
        assertThat(ExchangeSimulator.record(key, t, 300)).isEqualTo(ExchangeSimulator.record(key, t, 300));
        for (int h = 0; h < 24 * 14; h++) {
            String json = ExchangeSimulator.record(key, t.plusHours(h), 3600);
            if (json != null) {
                long failed = Long.parseLong(json.replaceAll(".*\"failedCalls\":(\\d+).*", "$1"));
                assertThat(failed).isLessThanOrEqualTo(calls(json));
            }
        }
    }

    @Test
    void some_provider_falls_silent_during_the_day() {
        int silent = 0;
        for (int p = 0; p < 60; p++) {
            var k = new ExchangeSimulator.Key("org-" + p, "org-" + p, "hrss", "r", 300, false);
            for (int d = 0; d < 14; d++) {
                if (ExchangeSimulator.record(k, OffsetDateTime.of(2026, 11, 10, 3, 0, 0, 0, ZoneOffset.UTC).plusDays(d), 3600) == null) {
                    silent++;
                }
            }
        }
        assertThat(silent).isPositive();
    }
}
