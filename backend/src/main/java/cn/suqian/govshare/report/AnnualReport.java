package cn.suqian.govshare.report;

import cn.suqian.govshare.report.AnnualReportSection.Evidence;
import cn.suqian.govshare.report.AnnualReportSection.Unit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One version of an organisation's annual report for a year, as the API shows it: the measured figures by
 * section with the reported value where the organisation corrected one (and why), each figure's evidence and
 * whether it differs beyond the tolerance; the narrative per section; the versions and what changed since the
 * previous one.
 */
public record AnnualReport(long id, int year, String organisationCode, int version, Status status, Window window,
                           OffsetDateTime measuredAt, List<Section> sections, String createdBy, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt, String submittedBy, OffsetDateTime submittedAt, Boolean late, String returnedBy,
                           OffsetDateTime returnedAt, String returnComment, List<VersionRef> versions, List<Difference> differences,
                           int discrepancies, boolean editable) {

    public enum Status { DRAFT, SUBMITTED, RETURNED }

    /** How an organisation stands for a year: submitted on time or late, missing after the deadline, or not yet due. */
    public enum Submission { ON_TIME, LATE, MISSING, PENDING }

    /** A report window: the year reported, when it opens, its deadline, how long reminders go on, the tolerance. */
    public record Window(int year, LocalDate opensOn, LocalDate deadline, int remindDaysAfter, double tolerancePercent,
                         boolean open, boolean pastDeadline) {
    }

    public record Section(String key, List<Figure> figures, Narrative narrative) {
    }

    /**
     * A figure: measured, and reported when corrected (with the reason); differencePercent relative (points for
     * PERCENT); asOf: the day a standing figure counts (see {@link AnnualReportSection.Figure}), null for one over the year.
     */
    public record Figure(String key, Unit unit, Double measured, Double reported, String reason, Evidence evidence,
                         boolean corrected, boolean discrepancy, Double difference, LocalDate asOf) {
    }

    /** What the organisation writes per section. */
    public record Narrative(String achievements, String problems, String plan) {
    }

    /** A correction of a measured figure (or a self-reported one where nothing was measured), always with a reason. */
    public record Correction(Double value, String reason) {
    }

    public record VersionRef(int version, Status status, OffsetDateTime submittedAt, Boolean late, OffsetDateTime returnedAt,
                             String returnComment) {
    }

    /** A change from the previous version: a reported figure or a narrative field (key = section.field). */
    public record Difference(String kind, String key, String before, String after) {
    }

    /** The stored measured part of a report: sections and their figures, as measured. */
    record MeasuredSection(String key, List<AnnualReportSection.Figure> figures) {
    }

    /** What a department sends when it saves its draft. */
    public record DraftInput(Map<String, Narrative> narrative, Map<String, Correction> corrections) {
    }
}
