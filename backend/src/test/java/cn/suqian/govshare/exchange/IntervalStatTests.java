package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.IntervalStats;
import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static cn.suqian.govshare.support.IntervalStats.anInterval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Checking one interval-statistics record as the exchange platform sends it. */
class IntervalStatTests {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-28T12:00:00+08:00");
    static final OffsetDateTime OLDEST = NOW.minusDays(90);

    final List<FieldProblem> problems = new ArrayList<>();

    IntervalStat parse(IntervalStats.Builder stat) {
        return IntervalStat.parse(stat.fields(), 3, NOW, OLDEST, problems);
    }

    @Test
    void a_complete_record_is_read_with_every_figure() {
        IntervalStat s = parse(anInterval().start(NOW.minusHours(2)).provider(" water ").calls(120, 2).latencyMsMax(410));

        assertThat(problems).isEmpty();
        assertThat(s.intervalStart()).isEqualTo(NOW.minusHours(2));
        assertThat(s.intervalSeconds()).isEqualTo(300);
        assertThat(s.provider()).isEqualTo("water");
        assertThat(s.consumer()).isEqualTo("egov");
        assertThat(s.calls()).isEqualTo(120);
        assertThat(s.failedCalls()).isEqualTo(2);
        assertThat(s.records()).isEqualTo(1200);
        assertThat(s.bytes()).isEqualTo(120_000);
        assertThat(s.latencyMsSum()).isEqualTo(6000);
        assertThat(s.latencyMsMax()).isEqualTo(410);
    }

    @Test
    void the_same_interval_has_the_same_identity_whatever_offset_it_is_written_in() {
        IntervalStat beijing = parse(anInterval().start(OffsetDateTime.parse("2026-11-28T10:05:00+08:00")));
        IntervalStat utc = parse(anInterval().start(OffsetDateTime.parse("2026-11-28T02:05:00Z")).calls(1, 0));

        assertThat(beijing.key()).isEqualTo(utc.key());
        assertThat(beijing.key()).isNotEqualTo(parse(anInterval().start(OffsetDateTime.parse("2026-11-28T10:10:00+08:00"))).key());
        assertThat(beijing.key()).isNotEqualTo(parse(anInterval().start(OffsetDateTime.parse("2026-11-28T10:05:00+08:00")).resource("r2")).key());
    }

    @Test
    void the_optional_figures_default_to_zero() {
        IntervalStat s = parse(anInterval().set("failedCalls", null).set("records", null).set("bytes", null).set("latencyMsSum", null)
                .set("latencyMsMax", null));

        assertThat(problems).isEmpty();
        assertThat(List.of(s.failedCalls(), s.records(), s.bytes(), s.latencyMsSum(), (long) s.latencyMsMax())).containsOnly(0L);
    }

    @Test
    void every_missing_required_field_is_named_on_the_records_line() {
        IntervalStat s = IntervalStat.parse(java.util.Map.of(), 3, NOW, OLDEST, problems);

        assertThat(s).isNull();
        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("intervalStart", "intervalSeconds", "provider",
                "consumer", "resource", "calls");
        assertThat(problems).extracting(FieldProblem::row).containsOnly(3);
        assertThat(problems).filteredOn(p -> !p.field().equals("intervalStart")).extracting(p -> p.code().code()).containsOnly("required");
    }

    @Test
    void an_interval_may_start_at_most_five_minutes_ahead_and_not_before_the_raw_data_retention() {
        assertThat(parse(anInterval().start(NOW.plusMinutes(5)))).isNotNull();
        assertThat(parse(anInterval().start(OLDEST))).isNotNull();
        assertThat(problems).isEmpty();

        parse(anInterval().start(NOW.plusMinutes(6)));
        parse(anInterval().start(OLDEST.minusSeconds(1)));
        parse(anInterval().set("intervalStart", "2026-11-28 10:05"));
        assertThat(problems).extracting(FieldProblem::field, FieldProblem::value).containsExactly(
                tuple("intervalStart", NOW.plusMinutes(6).toString()),
                tuple("intervalStart", OLDEST.minusSeconds(1).toString()),
                tuple("intervalStart", "2026-11-28 10:05"));
    }

    @Test
    void an_interval_lasts_one_second_to_one_day() {
        assertThat(parse(anInterval().seconds(1))).isNotNull();
        assertThat(parse(anInterval().seconds(86_400))).isNotNull();
        assertThat(parse(anInterval().seconds(0))).isNull();
        assertThat(parse(anInterval().seconds(86_401))).isNull();
        assertThat(problems).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("intervalSeconds", "0"), tuple("intervalSeconds", "86401"));
    }

    @Test
    void failures_cannot_exceed_calls_and_latency_needs_calls() {
        assertThat(parse(anInterval().calls(5, 5))).isNotNull();
        parse(anInterval().calls(5, 6));
        parse(anInterval().calls(0, 0).latencyMsSum(10));
        assertThat(problems).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("failedCalls", "6"), tuple("latencyMsSum", "10"));
    }

    @Test
    void figures_are_whole_non_negative_numbers() {
        parse(anInterval().set("calls", "1.5"));
        parse(anInterval().set("bytes", "-1"));
        parse(anInterval().set("latencyMsMax", String.valueOf(Integer.MAX_VALUE + 1L)));
        assertThat(problems).extracting(FieldProblem::field, FieldProblem::value).containsExactly(
                tuple("calls", "1.5"), tuple("bytes", "-1"), tuple("latencyMsMax", "2147483648"));
        assertThat(problems.getFirst().code().code()).isEqualTo("wholeNumber");
    }

    @Test
    void names_are_at_most_200_characters() {
        assertThat(parse(anInterval().resource("r".repeat(200)))).isNotNull();
        assertThat(parse(anInterval().resource("r".repeat(201)))).isNull();
        assertThat(problems).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code()).containsExactly(tuple("resource", "maxLength"));
    }
}
