package cn.suqian.govshare.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days are Suqian's, whatever zone the machine runs in. The demo once published a challenge window ending the UTC
 * "today", already closed in Suqian after 16:00 UTC, and the application failed to start at that hour.
 */
class CityCalendarTests {

    @Test
    void after_16_00_utc_it_is_already_tomorrow_in_suqian() {
        assertThat(CityCalendar.today(Clock.fixed(Instant.parse("2026-11-30T15:59:59Z"), ZoneOffset.UTC))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(CityCalendar.today(Clock.fixed(Instant.parse("2026-11-30T16:00:00Z"), ZoneOffset.UTC))).isEqualTo(LocalDate.of(2026, 12, 1));
        // the clock's own zone does not matter: the same instant is the same Suqian day
        assertThat(CityCalendar.today(Clock.fixed(Instant.parse("2026-12-31T16:30:00Z"), java.time.ZoneId.of("America/New_York"))))
                .isEqualTo(LocalDate.of(2027, 1, 1));
    }

    /** The machine's zone never decides a day: no zone-less "now" of a date, and no system default zone. */
    @Test
    void no_code_takes_its_day_from_the_machines_zone() throws IOException {
        Pattern machineZone = Pattern.compile("\\b(LocalDate|LocalDateTime|LocalTime|Year|YearMonth|MonthDay)\\.now\\(\\s*\\)|ZoneId\\.systemDefault\\(\\)"
                + "|TimeZone\\.getDefault\\(\\)");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (machineZone.matcher(lines.get(i)).find()) {
                        found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found).as("use CityCalendar.today() / CityCalendar.ZONE").isEmpty();
    }
}
