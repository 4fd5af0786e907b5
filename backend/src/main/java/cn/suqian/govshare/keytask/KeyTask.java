package cn.suqian.govshare.keytask;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One of the plan's ten key tasks or four safeguards, with lead and co-responsible organisations, dated
 * milestones and the progress reported against it. Statuses are derived from the milestones and the date,
 * never typed in.
 */
public record KeyTask(String code, Kind kind, int sequence, String title, String description,
                      List<String> leadOrganisationCodes, List<String> coOrganisationCodes, boolean coAllOrganisations,
                      Status status, List<Milestone> milestones, boolean canReport, List<Progress> progress) {

    public enum Kind { TASK, SAFEGUARD }

    public enum Status { NOT_STARTED, IN_PROGRESS, DONE, OVERDUE }

    public record Milestone(String code, String title, LocalDate deadline, LocalDate metOn, MilestoneStatus status, boolean late) {

        static Milestone of(String code, String title, LocalDate deadline, LocalDate metOn, LocalDate today) {
            MilestoneStatus s = metOn != null ? MilestoneStatus.MET
                    : deadline != null && deadline.isBefore(today) ? MilestoneStatus.MISSED : MilestoneStatus.OPEN;
            return new Milestone(code, title, deadline, metOn, s, metOn != null && deadline != null && metOn.isAfter(deadline));
        }
    }

    /** MISSED: the deadline passed without the milestone being met. */
    public enum MilestoneStatus { OPEN, MET, MISSED }

    public record Progress(long id, OffsetDateTime reportedAt, String organisationCode, String reportedBy, String milestoneCode,
                           String note, String evidence, LocalDate metOn) {
    }

    static Status derive(List<Milestone> milestones, boolean anyProgress) {
        if (!milestones.isEmpty() && milestones.stream().allMatch(m -> m.status() == MilestoneStatus.MET)) {
            return Status.DONE;
        }
        if (milestones.stream().anyMatch(m -> m.status() == MilestoneStatus.MISSED)) {
            return Status.OVERDUE;
        }
        return anyProgress || milestones.stream().anyMatch(m -> m.status() == MilestoneStatus.MET) ? Status.IN_PROGRESS : Status.NOT_STARTED;
    }
}
