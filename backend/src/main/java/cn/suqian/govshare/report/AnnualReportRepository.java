package cn.suqian.govshare.report;

import cn.suqian.govshare.report.AnnualReport.Correction;
import cn.suqian.govshare.report.AnnualReport.MeasuredSection;
import cn.suqian.govshare.report.AnnualReport.Narrative;
import cn.suqian.govshare.report.AnnualReport.Status;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.ANNUAL_REPORT;
import static cn.suqian.govshare.db.schema.Tables.ANNUAL_REPORT_DISCREPANCY;
import static cn.suqian.govshare.db.schema.Tables.ANNUAL_REPORT_REMINDER;
import static cn.suqian.govshare.db.schema.Tables.ANNUAL_REPORT_WINDOW;

/** Report windows, report versions, discrepancies and reminders. Called inside a {@code Db.tx}. */
@Repository
class AnnualReportRepository {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A window as stored. */
    record WindowRow(int year, LocalDate opensOn, LocalDate deadline, int remindDaysAfter, double tolerancePercent) {
    }

    /** A report version as stored. */
    record ReportRow(long id, int year, String organisationCode, int version, Status status, List<MeasuredSection> sections,
                     OffsetDateTime measuredAt, Map<String, Correction> corrections, Map<String, Narrative> narrative, String createdBy,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt, String submittedBy, OffsetDateTime submittedAt, Boolean late,
                     String returnedBy, OffsetDateTime returnedAt, String returnComment) {
    }

    List<WindowRow> windows(DSLContext dsl) {
        return dsl.selectFrom(ANNUAL_REPORT_WINDOW).orderBy(ANNUAL_REPORT_WINDOW.YEAR.desc())
                .fetch(r -> new WindowRow(r.getYear(), r.getOpensOn(), r.getDeadline(), r.getRemindDaysAfter(), r.getTolerancePercent().doubleValue()));
    }

    Optional<WindowRow> window(DSLContext dsl, int year) {
        return dsl.selectFrom(ANNUAL_REPORT_WINDOW).where(ANNUAL_REPORT_WINDOW.YEAR.eq(year))
                .fetchOptional(r -> new WindowRow(r.getYear(), r.getOpensOn(), r.getDeadline(), r.getRemindDaysAfter(),
                        r.getTolerancePercent().doubleValue()));
    }

    void putWindow(DSLContext dsl, WindowRow w) {
        dsl.insertInto(ANNUAL_REPORT_WINDOW)
                .set(ANNUAL_REPORT_WINDOW.YEAR, w.year()).set(ANNUAL_REPORT_WINDOW.OPENS_ON, w.opensOn())
                .set(ANNUAL_REPORT_WINDOW.DEADLINE, w.deadline()).set(ANNUAL_REPORT_WINDOW.REMIND_DAYS_AFTER, w.remindDaysAfter())
                .set(ANNUAL_REPORT_WINDOW.TOLERANCE_PERCENT, BigDecimal.valueOf(w.tolerancePercent()))
                .onConflict(ANNUAL_REPORT_WINDOW.YEAR).doUpdate()
                .set(ANNUAL_REPORT_WINDOW.OPENS_ON, w.opensOn()).set(ANNUAL_REPORT_WINDOW.DEADLINE, w.deadline())
                .set(ANNUAL_REPORT_WINDOW.REMIND_DAYS_AFTER, w.remindDaysAfter())
                .set(ANNUAL_REPORT_WINDOW.TOLERANCE_PERCENT, BigDecimal.valueOf(w.tolerancePercent()))
                .set(ANNUAL_REPORT_WINDOW.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    void insertWindowIfAbsent(DSLContext dsl, WindowRow w) {
        dsl.insertInto(ANNUAL_REPORT_WINDOW)
                .set(ANNUAL_REPORT_WINDOW.YEAR, w.year()).set(ANNUAL_REPORT_WINDOW.OPENS_ON, w.opensOn())
                .set(ANNUAL_REPORT_WINDOW.DEADLINE, w.deadline()).set(ANNUAL_REPORT_WINDOW.REMIND_DAYS_AFTER, w.remindDaysAfter())
                .set(ANNUAL_REPORT_WINDOW.TOLERANCE_PERCENT, BigDecimal.valueOf(w.tolerancePercent()))
                .onConflictDoNothing().execute();
    }

    /** Every version of the organisation's report for the year, oldest first (all organisations when null). */
    List<ReportRow> versions(DSLContext dsl, int year, String organisation) {
        return dsl.selectFrom(ANNUAL_REPORT).where(ANNUAL_REPORT.YEAR.eq(year))
                .and(organisation == null ? org.jooq.impl.DSL.noCondition() : ANNUAL_REPORT.ORGANISATION_CODE.eq(organisation))
                .orderBy(ANNUAL_REPORT.ORGANISATION_CODE, ANNUAL_REPORT.VERSION).fetch(this::row);
    }

    /** Takes the row lock on the organisation's latest version, so two saves or submissions do not interleave. */
    Optional<ReportRow> latestForUpdate(DSLContext dsl, int year, String organisation) {
        return dsl.selectFrom(ANNUAL_REPORT).where(ANNUAL_REPORT.YEAR.eq(year)).and(ANNUAL_REPORT.ORGANISATION_CODE.eq(organisation))
                .orderBy(ANNUAL_REPORT.VERSION.desc()).limit(1).forUpdate().fetchOptional(this::row);
    }

    long insert(DSLContext dsl, int year, String organisation, int version, List<MeasuredSection> sections, OffsetDateTime measuredAt,
                Map<String, Correction> corrections, Map<String, Narrative> narrative, String createdBy, OffsetDateTime now) {
        return dsl.insertInto(ANNUAL_REPORT)
                .set(ANNUAL_REPORT.YEAR, year).set(ANNUAL_REPORT.ORGANISATION_CODE, organisation).set(ANNUAL_REPORT.VERSION, version)
                .set(ANNUAL_REPORT.STATUS, Status.DRAFT).set(ANNUAL_REPORT.SECTIONS, json(sections)).set(ANNUAL_REPORT.MEASURED_AT, measuredAt)
                .set(ANNUAL_REPORT.CORRECTIONS, json(corrections)).set(ANNUAL_REPORT.NARRATIVE, json(narrative))
                .set(ANNUAL_REPORT.CREATED_BY, createdBy).set(ANNUAL_REPORT.CREATED_AT, now).set(ANNUAL_REPORT.UPDATED_AT, now)
                .returning(ANNUAL_REPORT.ID).fetchOne().getId();
    }

    void saveDraft(DSLContext dsl, long id, Map<String, Correction> corrections, Map<String, Narrative> narrative, OffsetDateTime now) {
        dsl.update(ANNUAL_REPORT).set(ANNUAL_REPORT.CORRECTIONS, json(corrections)).set(ANNUAL_REPORT.NARRATIVE, json(narrative))
                .set(ANNUAL_REPORT.UPDATED_AT, now).where(ANNUAL_REPORT.ID.eq(id)).and(ANNUAL_REPORT.STATUS.eq(Status.DRAFT)).execute();
    }

    void remeasure(DSLContext dsl, long id, List<MeasuredSection> sections, OffsetDateTime measuredAt) {
        dsl.update(ANNUAL_REPORT).set(ANNUAL_REPORT.SECTIONS, json(sections)).set(ANNUAL_REPORT.MEASURED_AT, measuredAt)
                .set(ANNUAL_REPORT.UPDATED_AT, measuredAt).where(ANNUAL_REPORT.ID.eq(id)).and(ANNUAL_REPORT.STATUS.eq(Status.DRAFT)).execute();
    }

    void submit(DSLContext dsl, long id, String by, OffsetDateTime at, boolean late) {
        dsl.update(ANNUAL_REPORT).set(ANNUAL_REPORT.STATUS, Status.SUBMITTED).set(ANNUAL_REPORT.SUBMITTED_BY, by)
                .set(ANNUAL_REPORT.SUBMITTED_AT, at).set(ANNUAL_REPORT.LATE, late).set(ANNUAL_REPORT.UPDATED_AT, at)
                .where(ANNUAL_REPORT.ID.eq(id)).and(ANNUAL_REPORT.STATUS.eq(Status.DRAFT)).execute();
    }

    void returnReport(DSLContext dsl, long id, String by, OffsetDateTime at, String comment) {
        dsl.update(ANNUAL_REPORT).set(ANNUAL_REPORT.STATUS, Status.RETURNED).set(ANNUAL_REPORT.RETURNED_BY, by)
                .set(ANNUAL_REPORT.RETURNED_AT, at).set(ANNUAL_REPORT.RETURN_COMMENT, comment).set(ANNUAL_REPORT.UPDATED_AT, at)
                .where(ANNUAL_REPORT.ID.eq(id)).and(ANNUAL_REPORT.STATUS.eq(Status.SUBMITTED)).execute();
    }

    void insertDiscrepancy(DSLContext dsl, long reportId, int year, String organisation, AnnualReports.Discrepancy d) {
        dsl.insertInto(ANNUAL_REPORT_DISCREPANCY)
                .set(ANNUAL_REPORT_DISCREPANCY.REPORT_ID, reportId).set(ANNUAL_REPORT_DISCREPANCY.YEAR, year)
                .set(ANNUAL_REPORT_DISCREPANCY.ORGANISATION_CODE, organisation).set(ANNUAL_REPORT_DISCREPANCY.SECTION, d.section())
                .set(ANNUAL_REPORT_DISCREPANCY.FIGURE, d.figure())
                .set(ANNUAL_REPORT_DISCREPANCY.MEASURED, d.measured() == null ? null : BigDecimal.valueOf(d.measured()))
                .set(ANNUAL_REPORT_DISCREPANCY.REPORTED, BigDecimal.valueOf(d.reported()))
                .set(ANNUAL_REPORT_DISCREPANCY.DIFFERENCE_PERCENT, d.difference() == null ? null
                        : BigDecimal.valueOf(Math.min(d.difference(), 9_999_999_999.0)).setScale(2, java.math.RoundingMode.HALF_UP))
                .set(ANNUAL_REPORT_DISCREPANCY.TOLERANCE_PERCENT, BigDecimal.valueOf(d.tolerancePercent()))
                .set(ANNUAL_REPORT_DISCREPANCY.REASON, d.reason())
                .execute();
    }

    /** Discrepancies of the year's submitted versions (the organisation's when given), newest report first. */
    List<AnnualReports.Discrepancy> discrepancies(DSLContext dsl, int year, String organisation) {
        var d = ANNUAL_REPORT_DISCREPANCY;
        return dsl.select(d.REPORT_ID, ANNUAL_REPORT.VERSION, d.YEAR, d.ORGANISATION_CODE, d.SECTION, d.FIGURE, d.MEASURED, d.REPORTED,
                        d.DIFFERENCE_PERCENT, d.TOLERANCE_PERCENT, d.REASON, d.CREATED_AT, ANNUAL_REPORT.STATUS)
                .from(d).join(ANNUAL_REPORT).on(ANNUAL_REPORT.ID.eq(d.REPORT_ID))
                .where(d.YEAR.eq(year)).and(organisation == null ? org.jooq.impl.DSL.noCondition() : d.ORGANISATION_CODE.eq(organisation))
                .orderBy(d.ORGANISATION_CODE, ANNUAL_REPORT.VERSION.desc(), d.ID)
                .fetch(r -> new AnnualReports.Discrepancy(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7() == null ? null : r.value7().doubleValue(), r.value8().doubleValue(),
                        r.value9() == null ? null : r.value9().doubleValue(), r.value10().doubleValue(), r.value11(), r.value12(),
                        r.value13()));
    }

    /** Records today's reminder; false when the organisation was already reminded today. */
    boolean remind(DSLContext dsl, int year, String organisation, LocalDate on, boolean overdue, int deliveries) {
        return dsl.insertInto(ANNUAL_REPORT_REMINDER).set(ANNUAL_REPORT_REMINDER.YEAR, year)
                .set(ANNUAL_REPORT_REMINDER.ORGANISATION_CODE, organisation).set(ANNUAL_REPORT_REMINDER.REMINDED_ON, on)
                .set(ANNUAL_REPORT_REMINDER.OVERDUE, overdue).set(ANNUAL_REPORT_REMINDER.DELIVERIES, deliveries)
                .onConflictDoNothing().execute() == 1;
    }

    void setDeliveries(DSLContext dsl, int year, String organisation, LocalDate on, int deliveries) {
        dsl.update(ANNUAL_REPORT_REMINDER).set(ANNUAL_REPORT_REMINDER.DELIVERIES, deliveries)
                .where(ANNUAL_REPORT_REMINDER.YEAR.eq(year)).and(ANNUAL_REPORT_REMINDER.ORGANISATION_CODE.eq(organisation))
                .and(ANNUAL_REPORT_REMINDER.REMINDED_ON.eq(on)).execute();
    }

    List<AnnualReports.Reminder> reminders(DSLContext dsl, Integer year, String organisation) {
        var r = ANNUAL_REPORT_REMINDER;
        return dsl.selectFrom(r).where(year == null ? org.jooq.impl.DSL.noCondition() : r.YEAR.eq(year))
                .and(organisation == null ? org.jooq.impl.DSL.noCondition() : r.ORGANISATION_CODE.eq(organisation))
                .orderBy(r.REMINDED_ON.desc(), r.ORGANISATION_CODE).limit(500)
                .fetch(x -> new AnnualReports.Reminder(x.getYear(), x.getOrganisationCode(), x.getRemindedOn(), x.getOverdue(), x.getDeliveries(),
                        x.getCreatedAt()));
    }

    private ReportRow row(cn.suqian.govshare.db.schema.tables.records.AnnualReportRecord r) {
        return new ReportRow(r.getId(), r.getYear(), r.getOrganisationCode(), r.getVersion(), r.getStatus(),
                JSON.readValue(r.getSections().data(), new TypeReference<List<MeasuredSection>>() { }), r.getMeasuredAt(),
                JSON.readValue(r.getCorrections().data(), new TypeReference<Map<String, Correction>>() { }),
                JSON.readValue(r.getNarrative().data(), new TypeReference<Map<String, Narrative>>() { }),
                r.getCreatedBy(), r.getCreatedAt(), r.getUpdatedAt(), r.getSubmittedBy(), r.getSubmittedAt(), r.getLate(), r.getReturnedBy(),
                r.getReturnedAt(), r.getReturnComment());
    }

    private static JSONB json(Object value) {
        return JSONB.valueOf(JSON.writeValueAsString(value));
    }
}
