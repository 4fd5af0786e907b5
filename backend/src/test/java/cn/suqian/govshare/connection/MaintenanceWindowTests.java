package cn.suqian.govshare.connection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a maintenance window covers an instant: one-off, daily, weekly, across midnight, per target or organisation. */
class MaintenanceWindowTests {

    static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    static MaintenanceWindow window(String target, String org, MaintenanceWindow.Recurrence r, List<Integer> days, String start, Integer minutes) {
        return new MaintenanceWindow(1L, target, org, "升级", r, OffsetDateTime.parse("2026-11-01T00:00:00+08:00"),
                OffsetDateTime.parse("2026-12-31T00:00:00+08:00"), days, start == null ? null : LocalTime.parse(start), minutes, "admin", null, null);
    }

    @Test
    void a_one_off_window_covers_its_period_only() {
        var w = window("a", "water", MaintenanceWindow.Recurrence.ONCE, List.of(), null, null);
        assertThat(w.covers("a", "water", at("2026-11-15T12:00:00"))).isTrue();
        assertThat(w.covers("a", "water", at("2026-10-31T23:59:00"))).isFalse();
        assertThat(w.covers("b", "water", at("2026-11-15T12:00:00"))).isFalse();
    }

    @Test
    void an_organisation_window_covers_all_its_targets() {
        var w = window(null, "water", MaintenanceWindow.Recurrence.ONCE, List.of(), null, null);
        assertThat(w.covers("any", "water", at("2026-11-15T12:00:00"))).isTrue();
        assertThat(w.covers("any", "finance", at("2026-11-15T12:00:00"))).isFalse();
    }

    @Test
    void a_daily_window_crossing_midnight_covers_the_early_hours() {
        var w = window("a", "water", MaintenanceWindow.Recurrence.DAILY, List.of(), "23:00", 120);
        assertThat(w.covers("a", "water", at("2026-11-15T23:30:00"))).isTrue();
        assertThat(w.covers("a", "water", at("2026-11-16T00:59:00"))).isTrue();
        assertThat(w.covers("a", "water", at("2026-11-16T01:00:00"))).isFalse();
        assertThat(w.covers("a", "water", at("2026-11-16T12:00:00"))).isFalse();
    }

    @Test
    void a_weekly_window_covers_its_days_only() {
        // 2026-11-15 is a Sunday (7), 2026-11-16 a Monday (1)
        var w = window("a", "water", MaintenanceWindow.Recurrence.WEEKLY, List.of(7), "02:00", 60);
        assertThat(w.covers("a", "water", at("2026-11-15T02:30:00"))).isTrue();
        assertThat(w.covers("a", "water", at("2026-11-16T02:30:00"))).isFalse();
    }

    @Test
    void a_cancelled_window_covers_nothing() {
        var w = window("a", "water", MaintenanceWindow.Recurrence.ONCE, List.of(), null, null);
        var cancelled = new MaintenanceWindow(w.id(), w.targetCode(), w.organisationCode(), w.reason(), w.recurrence(), w.startsAt(), w.endsAt(),
                w.daysOfWeek(), w.startTime(), w.durationMinutes(), w.createdBy(), w.createdAt(), OffsetDateTime.now());
        assertThat(cancelled.covers("a", "water", at("2026-11-15T12:00:00"))).isFalse();
    }

    @Test
    void invalid_windows_are_refused_with_every_field() {
        var bad = new MaintenanceWindow(null, null, null, " ", MaintenanceWindow.Recurrence.WEEKLY, OffsetDateTime.parse("2026-11-02T00:00:00+08:00"),
                OffsetDateTime.parse("2026-11-01T00:00:00+08:00"), List.of(8), null, 0, null, null, null);
        assertThat(MaintenanceWindows.check(bad)).extracting(cn.suqian.govshare.web.FieldProblem::field)
                .containsExactlyInAnyOrder("targetCode", "reason", "endsAt", "startTime", "durationMinutes", "daysOfWeek");
    }
}
