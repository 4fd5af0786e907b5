package cn.suqian.govshare.exchange;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch's pending buckets as lines of text (one row per batch, V34): every value comes back as it went in. */
class OpmonPendingLinesTests {

    @Test
    void codes_with_tabs_newlines_backslashes_and_null_systems_come_back_as_they_went_in() {
        OffsetDateTime start = OffsetDateTime.parse("2026-11-30T08:05:00Z");
        var awkward = new StatsMerge.Attributed(new IntervalStat(start, 300, "p\torg", "c\\org", "res\nource\r.v1", 7, 2, 0,
                9_000_000_000L, 12_345, 2_000), StatSource.OPMON, "p\torg", "c\\org", null, "sys\\N");
        var plain = new StatsMerge.Attributed(new IntervalStat(start.plusMinutes(5), 300, "water", "health", "q.v1", -1, 0, 0, -10, -5, 0),
                StatSource.OPMON, "water", "health", "w-app", null);
        StringBuilder out = new StringBuilder();
        OpmonPendingCounts.lines(out, false, List.of(awkward));
        OpmonPendingCounts.lines(out, true, List.of(plain));

        String[] lines = out.toString().split("\n", -1);
        assertThat(lines).hasSize(2);
        assertThat(OpmonPendingCounts.fields(lines[0])).containsExactly("f", String.valueOf(start.toEpochSecond()), "p\torg", "c\\org",
                "res\nource\r.v1", null, "sys\\N", "7", "2", "9000000000", "12345", "2000");
        assertThat(OpmonPendingCounts.fields(lines[1])).containsExactly("t", String.valueOf(start.plusMinutes(5).toEpochSecond()), "water",
                "health", "q.v1", "w-app", null, "-1", "0", "-10", "-5", "0");
    }

    @Test
    void a_line_of_another_shape_is_refused_not_half_read() {
        assertThatThrownBy(() -> OpmonPendingCounts.fields("f\t1\twater")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 fields");
    }
}
