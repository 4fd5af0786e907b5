package cn.suqian.govshare.report;

import org.jooq.DSLContext;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * One section of the annual report's measured part: computes its figures for an organisation and year from
 * the records of the capability that owns them, each with a link to its evidence. A section is a Spring bean;
 * adding one (the filings and their verdicts, say) adds it to every new draft, ordered by {@link #order()}.
 */
public interface AnnualReportSection {

    /** Days and years are Asia/Shanghai calendar days and years, as everywhere in GovShare. */
    ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;

    /** The section's key: also its message key {@code annualReport.section.<key>} and its figures' prefix. */
    String key();

    /** Where the section comes in the report. */
    int order();

    /** The figures measured for the organisation over the reported year, inside the caller's transaction. */
    List<Figure> measure(DSLContext dsl, Period period);

    /** What a figure counts in. PERCENT figures are compared in percentage points, the others relative to the measurement. */
    enum Unit { COUNT, CALLS, RECORDS, PERCENT }

    /** Where a figure comes from: the page that lists the rows, and the API call that returns them. */
    record Evidence(String page, String api) {
    }

    /**
     * One measured figure. {@code value} is null when nothing was measured (shown as such, never as zero).
     * {@code asOf}: for a standing figure (how many systems are on the cloud), the day whose state it counts —
     * 31 December of the reported year when the registry's history reaches back that far, else the day it was
     * measured (said so on the page); null for a figure over the year (calls, incidents, systems retired in it).
     */
    record Figure(String key, Unit unit, Double value, Evidence evidence, LocalDate asOf) {
        public Figure(String key, Unit unit, Double value, Evidence evidence) {
            this(key, unit, value, evidence, null);
        }
    }

    /**
     * The organisation and reported year: [from, to) as dates and instants, the moment it was measured, and
     * {@code standingAt}: the instant whose registry state the standing figures count — the end of the reported
     * year (the start of 1 January after it).
     */
    record Period(String organisation, int year, LocalDate from, LocalDate to, OffsetDateTime measuredAt, OffsetDateTime standingAt) {

        public static Period of(String organisation, int year, OffsetDateTime measuredAt) {
            return new Period(organisation, year, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), measuredAt,
                    LocalDate.of(year + 1, 1, 1).atStartOfDay(ZONE).toOffsetDateTime());
        }

        /** The same period with the standing figures counted as the registry stood at {@code at}. */
        public Period standingAt(OffsetDateTime at) {
            return new Period(organisation, year, from, to, measuredAt, at);
        }

        /** The day the measurement was taken (Asia/Shanghai). */
        public LocalDate measuredOn() {
            return measuredAt.atZoneSameInstant(ZONE).toLocalDate();
        }

        public OffsetDateTime fromInstant() {
            return from.atStartOfDay(ZONE).toOffsetDateTime();
        }

        public OffsetDateTime toInstant() {
            return to.atStartOfDay(ZONE).toOffsetDateTime();
        }

        /** Is the instant inside the reported year? */
        public boolean inYear(OffsetDateTime at) {
            return at != null && !at.isBefore(fromInstant()) && at.isBefore(toInstant());
        }

        public boolean inYear(LocalDate day) {
            return day != null && !day.isBefore(from) && day.isBefore(to);
        }

        /** A page link with the organisation as filter and more query parameters. */
        public String page(String path, String... params) {
            StringBuilder b = new StringBuilder(path).append("?organisation=").append(organisation);
            for (int i = 0; i + 1 < params.length; i += 2) {
                b.append('&').append(params[i]).append('=').append(params[i + 1]);
            }
            return b.toString();
        }

        /** ISO instants of the year, URL-encoded, for API links. */
        public String range() {
            return "from=" + fromInstant().toString().replace("+", "%2B") + "&to=" + toInstant().toString().replace("+", "%2B");
        }
    }

    static Figure count(String key, long value, String page, String api) {
        return new Figure(key, Unit.COUNT, (double) value, new Evidence(page, api));
    }

    /** A standing count: the state of the registry on {@code asOf}. */
    static Figure count(String key, long value, String page, String api, LocalDate asOf) {
        return new Figure(key, Unit.COUNT, (double) value, new Evidence(page, api), asOf);
    }
}
