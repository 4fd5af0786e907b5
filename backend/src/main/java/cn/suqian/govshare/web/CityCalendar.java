package cn.suqian.govshare.web;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The city's calendar: days, months and years in GovShare are Asia/Shanghai ones, whatever zone the machine runs in
 * (servers and containers usually run in UTC, eight hours behind: from midnight to 08:00 in Suqian their "today" is
 * still yesterday).
 */
public final class CityCalendar {

    /** The zone's name, for annotations (cron zones) and SQL ({@code AT TIME ZONE}). */
    public static final String ZONE_ID = "Asia/Shanghai";

    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    private CityCalendar() {
    }

    /** Today in Suqian. */
    public static LocalDate today() {
        return today(java.time.Clock.systemUTC());
    }

    /** The day in Suqian at the clock's instant (whatever zone the clock is in). */
    public static LocalDate today(java.time.Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }
}
