package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** How a period is cut into whole months, whole Asia/Shanghai days and the hours left at either end. */
class PeriodPlanTests {

    static OffsetDateTime beijing(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00");
    }

    static List<String> hours(PeriodPlan plan) {
        return plan.hours().stream().map(h -> h[0].toInstant() + ".." + h[1].toInstant()).toList();
    }

    static List<String> days(PeriodPlan plan) {
        return plan.days().stream().map(d -> d[0] + ".." + d[1]).toList();
    }

    @Test
    void a_period_is_widened_to_the_whole_hours_it_touches() {
        PeriodPlan plan = PeriodPlan.of(beijing("2026-11-03T10:20"), beijing("2026-11-03T11:10"), true);

        assertThat(plan.from()).isEqualTo(OffsetDateTime.of(2026, 11, 3, 2, 0, 0, 0, ZoneOffset.UTC));
        assertThat(plan.to()).isEqualTo(OffsetDateTime.of(2026, 11, 3, 4, 0, 0, 0, ZoneOffset.UTC));
        assertThat(hours(plan)).containsExactly("2026-11-03T02:00:00Z..2026-11-03T04:00:00Z");
        assertThat(plan.days()).isEmpty();
        assertThat(plan.months()).isNull();
    }

    @Test
    void an_end_on_the_hour_is_not_widened() {
        PeriodPlan plan = PeriodPlan.of(beijing("2026-11-03T10:00"), beijing("2026-11-03T12:00"), true);

        assertThat(plan.to().toInstant()).isEqualTo(Instant.parse("2026-11-03T04:00:00Z"));
    }

    @Test
    void whole_days_in_between_come_from_the_daily_rollup_and_the_ends_from_hours() {
        PeriodPlan plan = PeriodPlan.of(beijing("2026-11-03T22:00"), beijing("2026-11-06T03:00"), true);

        assertThat(hours(plan)).containsExactly(
                "2026-11-03T14:00:00Z..2026-11-03T16:00:00Z",  // 22:00-24:00 on the 3rd
                "2026-11-05T16:00:00Z..2026-11-05T19:00:00Z"); // 00:00-03:00 on the 6th
        assertThat(days(plan)).containsExactly("2026-11-04..2026-11-06");
        assertThat(plan.months()).isNull();
    }

    @Test
    void days_are_asia_shanghai_calendar_days_not_utc_days() {
        // 2026-11-03 00:00 in Beijing is 2026-11-02 16:00 UTC
        PeriodPlan plan = PeriodPlan.of(OffsetDateTime.parse("2026-11-02T16:00:00Z"), OffsetDateTime.parse("2026-11-04T16:00:00Z"), true);

        assertThat(plan.hours()).isEmpty();
        assertThat(days(plan)).containsExactly("2026-11-03..2026-11-05");
    }

    @Test
    void whole_months_come_from_the_monthly_flows_when_asked_for() {
        PeriodPlan plan = PeriodPlan.of(beijing("2026-09-15T00:00"), beijing("2026-12-03T05:00"), true);

        assertThat(plan.months()).containsExactly(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 1));
        assertThat(days(plan)).containsExactly("2026-09-15..2026-10-01", "2026-12-01..2026-12-03");
        assertThat(hours(plan)).containsExactly("2026-12-02T16:00:00Z..2026-12-02T21:00:00Z");
    }

    @Test
    void without_months_the_whole_days_are_one_range() {
        PeriodPlan plan = PeriodPlan.of(beijing("2026-09-15T00:00"), beijing("2026-12-03T05:00"), false);

        assertThat(plan.months()).isNull();
        assertThat(days(plan)).containsExactly("2026-09-15..2026-12-03");
    }

    @Test
    void less_than_a_whole_month_uses_no_months() {
        PeriodPlan plan = PeriodPlan.of(beijing("2026-11-10T00:00"), beijing("2026-12-09T00:00"), true);

        assertThat(plan.months()).isNull();
        assertThat(days(plan)).containsExactly("2026-11-10..2026-12-09");
    }

    @Test
    void the_parts_cover_the_period_exactly_once_whatever_the_period() {
        Random random = new Random(20171227L);
        OffsetDateTime origin = OffsetDateTime.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            OffsetDateTime from = origin.plusMinutes(random.nextInt(60 * 24 * 400));
            OffsetDateTime to = from.plusMinutes(1 + random.nextInt(i % 2 == 0 ? 60 * 24 * 3 : 60 * 24 * 200));
            for (boolean useMonths : new boolean[]{true, false}) {
                PeriodPlan plan = PeriodPlan.of(from, to, useMonths);
                assertThat(plan.from()).isBeforeOrEqualTo(from);
                assertThat(plan.to()).isAfterOrEqualTo(to);
                assertThat(Duration.between(plan.from(), plan.to()).toMinutes() % 60).isZero();
                assertThat(pieces(plan)).as("%s .. %s (months: %s)", from, to, useMonths)
                        .containsExactly(plan.from().toInstant() + ".." + plan.to().toInstant());
            }
        }
    }

    /** The plan's parts joined where they touch: one piece when they cover the period without gap or overlap. */
    static List<String> pieces(PeriodPlan plan) {
        List<Instant[]> parts = new ArrayList<>();
        plan.hours().forEach(h -> parts.add(new Instant[]{h[0].toInstant(), h[1].toInstant()}));
        plan.days().forEach(d -> parts.add(new Instant[]{start(d[0]), start(d[1])}));
        if (plan.months() != null) {
            parts.add(new Instant[]{start(plan.months()[0]), start(plan.months()[1])});
        }
        parts.sort(Comparator.comparing(p -> p[0]));
        List<Instant[]> joined = new ArrayList<>();
        for (Instant[] p : parts) {
            assertThat(p[0]).as("part starts before it ends").isBefore(p[1]);
            if (!joined.isEmpty() && joined.getLast()[1].equals(p[0])) {
                joined.getLast()[1] = p[1];
            } else {
                joined.add(p.clone());
            }
        }
        return joined.stream().map(p -> p[0] + ".." + p[1]).toList();
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(PeriodPlan.ZONE).toInstant();
    }

    @Test
    void both_ends_are_required_and_the_end_comes_after_the_start() {
        OffsetDateTime t = beijing("2026-11-03T10:00");

        assertThatThrownBy(() -> PeriodPlan.of(null, t, true)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::value)
                        .containsExactly(tuple("from", null)));
        assertThatThrownBy(() -> PeriodPlan.of(t, null, true)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("to"));
        assertThatThrownBy(() -> PeriodPlan.of(t, t, true)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("to", t)));
        assertThatThrownBy(() -> PeriodPlan.of(t, t.minusHours(1), true)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_period_spans_at_most_three_years_of_366_days() {
        OffsetDateTime from = beijing("2024-01-01T00:00");

        assertThat(PeriodPlan.of(from, from.plus(PeriodPlan.LONGEST), true).to().toInstant())
                .isEqualTo(from.plusDays(3 * 366).toInstant());
        OffsetDateTime tooLate = from.plus(PeriodPlan.LONGEST).plusHours(1);
        assertThatThrownBy(() -> PeriodPlan.of(from, tooLate, true)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("to", tooLate)));
    }
}
