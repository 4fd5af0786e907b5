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

        /** taskStarted: someone has reported progress on the milestone's task, so its open milestones are being worked on. */
        static Milestone of(String code, String title, LocalDate deadline, LocalDate metOn, LocalDate today, boolean taskStarted) {
            MilestoneStatus s = metOn != null ? MilestoneStatus.MET
                    : deadline != null && deadline.isBefore(today) ? MilestoneStatus.MISSED
                    : taskStarted ? MilestoneStatus.IN_PROGRESS : MilestoneStatus.NOT_STARTED;
            return new Milestone(code, title, deadline, metOn, s, metOn != null && deadline != null && metOn.isAfter(deadline));
        }
    }

    /**
     * NOT_STARTED / IN_PROGRESS: not met and not yet due, on a task nobody / somebody has reported progress
     * on (the same words as the task's status, so a card never says 未开始 above a milestone 进行中);
     * MISSED: the deadline passed without the milestone being met.
     */
    public enum MilestoneStatus { NOT_STARTED, IN_PROGRESS, MET, MISSED }

    public record Progress(long id, OffsetDateTime reportedAt, String organisationCode, String reportedBy, String milestoneCode,
                           String note, String evidence, LocalDate metOn) {
    }

    /**
     * A task's status from its milestones alone, so the two always agree: done when every milestone is met,
     * overdue when one was missed, in progress when one is met or in progress (or, with no milestones, when
     * progress was reported), else not started.
     */
    static Status derive(List<Milestone> milestones, boolean anyProgress) {
        if (!milestones.isEmpty() && milestones.stream().allMatch(m -> m.status() == MilestoneStatus.MET)) {
            return Status.DONE;
        }
        if (milestones.stream().anyMatch(m -> m.status() == MilestoneStatus.MISSED)) {
            return Status.OVERDUE;
        }
        boolean moving = milestones.isEmpty() ? anyProgress
                : milestones.stream().anyMatch(m -> m.status() == MilestoneStatus.MET || m.status() == MilestoneStatus.IN_PROGRESS);
        return moving ? Status.IN_PROGRESS : Status.NOT_STARTED;
    }
}
