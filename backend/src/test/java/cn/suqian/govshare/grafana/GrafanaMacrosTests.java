package cn.suqian.govshare.grafana;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrafanaMacrosTests {

    final Instant from = Instant.parse("2026-11-01T00:00:00Z");
    final Instant to = Instant.parse("2026-11-02T12:30:00Z");
    final GrafanaMacros plain = new GrafanaMacros(from, to, false);

    @Test
    void expands_each_macro_as_grafana_does() {
        assertThat(plain.expand("WHERE $__timeFilter(ticked_at)"))
                .isEqualTo("WHERE ticked_at BETWEEN '2026-11-01T00:00:00Z' AND '2026-11-02T12:30:00Z'");
        assertThat(plain.expand("SELECT $__timeGroup(c,'5m')")).isEqualTo("SELECT floor(extract(epoch from c)/300)*300");
        assertThat(plain.expand("SELECT $__timeGroupAlias(c, '1h')")).isEqualTo("SELECT floor(extract(epoch from c)/3600)*3600 AS \"time\"");
        assertThat(plain.expand("WHERE $__unixEpochFilter(ts)")).isEqualTo("WHERE ts >= 1793491200 AND ts <= 1793622600");
        assertThat(plain.expand("$__timeFrom() $__timeTo()")).isEqualTo("'2026-11-01T00:00:00Z' '2026-11-02T12:30:00Z'");
        assertThat(plain.expand("SELECT $__time(c)")).isEqualTo("SELECT c AS \"time\"");
    }

    @Test
    void uses_time_bucket_when_the_data_source_says_timescaledb() {
        assertThat(new GrafanaMacros(from, to, true).expand("$__timeGroup(c,'5m')")).isEqualTo("time_bucket('300.000s',c)");
    }

    @Test
    void nested_parentheses_and_unknown_macros() {
        assertThat(plain.expand("$__timeFilter(coalesce(a, b))")).startsWith("coalesce(a, b) BETWEEN");
        assertThatThrownBy(() -> plain.expand("$__unknownMacro(x)")).hasMessageContaining("unknownMacro");
    }
}
