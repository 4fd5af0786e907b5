package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a period is answered from rollups: whole months from the monthly flows, whole days from the daily rollup,
 * the remaining hours at either end from the hourly rollup ({@link LiveRows} reads buckets the rollups have not
 * caught up with from the next finer level). A period is
 * resolved to the whole hours it touches; days and months are Asia/Shanghai calendar days and months.
 */
record PeriodPlan(OffsetDateTime from, OffsetDateTime to, List<OffsetDateTime[]> hours, List<LocalDate[]> days, LocalDate[] months) {

    static final ZoneId ZONE = ZoneId.of(ExchangeRollups.ZONE);
    static final Duration LONGEST = Duration.ofDays(3 * 366);

    static PeriodPlan of(OffsetDateTime requestedFrom, OffsetDateTime requestedTo, boolean useMonths) {
        if (requestedFrom == null || requestedTo == null) {
            throw new InvalidInputException(FieldProblem.required(requestedFrom == null ? "from" : "to"));
        }
        if (!requestedTo.isAfter(requestedFrom)) {
            throw new InvalidInputException(FieldProblem.of("to", requestedTo, ProblemCode.AFTER_FROM, requestedFrom));
        }
        if (Duration.between(requestedFrom, requestedTo).compareTo(LONGEST) > 0) {
            throw new InvalidInputException(FieldProblem.of("to", requestedTo, ProblemCode.PERIOD_TOO_LONG, 3));
        }
        OffsetDateTime from = requestedFrom.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime toFloor = requestedTo.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime to = toFloor.isBefore(requestedTo) ? toFloor.plusHours(1) : toFloor;

        ZonedDateTime localFrom = from.atZoneSameInstant(ZONE);
        LocalDate d0 = localFrom.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? localFrom.toLocalDate() : localFrom.toLocalDate().plusDays(1);
        LocalDate d1 = to.atZoneSameInstant(ZONE).toLocalDate();
        OffsetDateTime d0Start = d0.atStartOfDay(ZONE).toOffsetDateTime();
        OffsetDateTime d1Start = d1.atStartOfDay(ZONE).toOffsetDateTime();

        List<OffsetDateTime[]> hours = new ArrayList<>();
        List<LocalDate[]> days = new ArrayList<>();
        LocalDate[] months = null;
        if (!d0Start.isBefore(d1Start)) {
            hours.add(new OffsetDateTime[]{from, to});
        } else {
            if (from.isBefore(d0Start)) {
                hours.add(new OffsetDateTime[]{from, d0Start});
            }
            if (d1Start.isBefore(to)) {
                hours.add(new OffsetDateTime[]{d1Start, to});
            }
            LocalDate m0 = d0.getDayOfMonth() == 1 ? d0 : d0.withDayOfMonth(1).plusMonths(1);
            LocalDate m1 = d1.withDayOfMonth(1);
            if (useMonths && m0.isBefore(m1)) {
                if (d0.isBefore(m0)) {
                    days.add(new LocalDate[]{d0, m0});
                }
                if (m1.isBefore(d1)) {
                    days.add(new LocalDate[]{m1, d1});
                }
                months = new LocalDate[]{m0, m1};
            } else {
                days.add(new LocalDate[]{d0, d1});
            }
        }
        return new PeriodPlan(from, to, hours, days, months);
    }
}
