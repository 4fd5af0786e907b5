package cn.suqian.govshare.connection;

import cn.suqian.govshare.record.Labelled;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Planned maintenance of one target or of every target of an organisation, left out of availability and
 * quiet for notifications. ONCE covers [startsAt, endsAt); DAILY and WEEKLY cover {@code durationMinutes}
 * from {@code startTime} (China Standard Time) on every day, or on {@code daysOfWeek} (ISO, 1 = Monday),
 * between startsAt and endsAt.
 */
public record MaintenanceWindow(Long id, String targetCode, String organisationCode, String reason, Recurrence recurrence,
                                OffsetDateTime startsAt, OffsetDateTime endsAt, List<Integer> daysOfWeek, LocalTime startTime,
                                Integer durationMinutes, String createdBy, OffsetDateTime createdAt, OffsetDateTime cancelledAt) {

    static final ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;

    public enum Recurrence implements Labelled {
        ONCE("一次性"), DAILY("每天"), WEEKLY("每周");
        private final String label;
        Recurrence(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** Does this window cover the instant, for the given target of the given organisation? */
    boolean covers(String target, String organisation, Instant at) {
        if (cancelledAt != null || (targetCode != null ? !targetCode.equals(target) : !organisationCode.equals(organisation))) {
            return false;
        }
        if (at.isBefore(startsAt.toInstant()) || !at.isBefore(endsAt.toInstant())) {
            return false;
        }
        if (recurrence == Recurrence.ONCE) {
            return true;
        }
        ZonedDateTime local = at.atZone(ZONE);
        // a window that began yesterday evening may still be running after midnight
        for (int back = 0; back <= 1; back++) {
            LocalDate day = local.toLocalDate().minusDays(back);
            if (recurrence == Recurrence.WEEKLY && !daysOfWeek.contains(day.getDayOfWeek().getValue())) {
                continue;
            }
            ZonedDateTime start = day.atTime(startTime).atZone(ZONE);
            if (!local.isBefore(start) && local.isBefore(start.plusMinutes(durationMinutes))) {
                return true;
            }
        }
        return false;
    }

    static boolean anyCovers(List<MaintenanceWindow> windows, String target, String organisation, Instant at) {
        for (MaintenanceWindow w : windows) {
            if (w.covers(target, organisation, at)) {
                return true;
            }
        }
        return false;
    }
}
