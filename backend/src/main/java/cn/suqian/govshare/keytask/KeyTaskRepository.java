package cn.suqian.govshare.keytask;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static cn.suqian.govshare.db.schema.Tables.KEY_TASK;
import static cn.suqian.govshare.db.schema.Tables.KEY_TASK_MILESTONE;
import static cn.suqian.govshare.db.schema.Tables.KEY_TASK_PROGRESS;

/** Key tasks, their milestones and the progress reported against them. Called inside a {@code Db.tx}. */
@Repository
class KeyTaskRepository {

    /** A task as stored; its status is derived from its milestones. */
    record TaskRow(String code, KeyTask.Kind kind, int sequence, String title, String description,
                   List<String> leadOrganisationCodes, List<String> coOrganisationCodes, boolean coAllOrganisations) {
    }

    /** A milestone as stored. */
    record MilestoneRow(String taskCode, String code, String title, LocalDate deadline, LocalDate metOn) {
    }

    /** Tasks before safeguards, each in plan order; only the one asked for when a code is given. */
    List<TaskRow> tasks(DSLContext dsl, String code) {
        return dsl.selectFrom(KEY_TASK).where(code == null ? DSL.noCondition() : KEY_TASK.CODE.eq(code))
                .orderBy(KEY_TASK.KIND.desc(), KEY_TASK.SEQUENCE).fetchInto(TaskRow.class);
    }

    /** Every milestone, the earliest deadline first and undated ones last. */
    List<MilestoneRow> milestones(DSLContext dsl) {
        return dsl.selectFrom(KEY_TASK_MILESTONE)
                .orderBy(KEY_TASK_MILESTONE.DEADLINE.asc().nullsLast(), KEY_TASK_MILESTONE.CODE).fetchInto(MilestoneRow.class);
    }

    /** The codes of the tasks anyone has reported progress on. */
    Set<String> tasksWithProgress(DSLContext dsl) {
        return new HashSet<>(dsl.selectDistinct(KEY_TASK_PROGRESS.TASK_CODE).from(KEY_TASK_PROGRESS).fetch(KEY_TASK_PROGRESS.TASK_CODE));
    }

    /** A task's progress reports, newest first. */
    List<KeyTask.Progress> progress(DSLContext dsl, String taskCode) {
        return dsl.selectFrom(KEY_TASK_PROGRESS).where(KEY_TASK_PROGRESS.TASK_CODE.eq(taskCode))
                .orderBy(KEY_TASK_PROGRESS.REPORTED_AT.desc(), KEY_TASK_PROGRESS.ID.desc())
                .fetchInto(KeyTask.Progress.class);
    }

    void addProgress(DSLContext dsl, String taskCode, String milestoneCode, String organisationCode, String reportedBy,
                     String note, String evidence, LocalDate metOn) {
        dsl.insertInto(KEY_TASK_PROGRESS)
                .set(KEY_TASK_PROGRESS.TASK_CODE, taskCode)
                .set(KEY_TASK_PROGRESS.MILESTONE_CODE, milestoneCode)
                .set(KEY_TASK_PROGRESS.ORGANISATION_CODE, organisationCode)
                .set(KEY_TASK_PROGRESS.REPORTED_BY, reportedBy)
                .set(KEY_TASK_PROGRESS.NOTE, note)
                .set(KEY_TASK_PROGRESS.EVIDENCE, evidence)
                .set(KEY_TASK_PROGRESS.MET_ON, metOn)
                .execute();
    }

    void milestoneMet(DSLContext dsl, String milestoneCode, LocalDate metOn) {
        dsl.update(KEY_TASK_MILESTONE).set(KEY_TASK_MILESTONE.MET_ON, metOn)
                .set(KEY_TASK_MILESTONE.UPDATED_AT, OffsetDateTime.now())
                .where(KEY_TASK_MILESTONE.CODE.eq(milestoneCode)).execute();
    }
}
