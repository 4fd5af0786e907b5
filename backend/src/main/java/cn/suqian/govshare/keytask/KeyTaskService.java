package cn.suqian.govshare.keytask;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import org.jooq.DSLContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static cn.suqian.govshare.db.schema.Tables.KEY_TASK;
import static cn.suqian.govshare.db.schema.Tables.KEY_TASK_MILESTONE;
import static cn.suqian.govshare.db.schema.Tables.KEY_TASK_PROGRESS;

/**
 * The key-task board. Lead and co-responsible organisations (and the e-government office) report
 * progress with evidence; only a lead organisation or the office may declare a milestone met.
 */
@Service
public class KeyTaskService {

    private final Db db;

    KeyTaskService(Db db) {
        this.db = db;
    }

    public record ProgressReport(String note, String evidence, String milestoneCode, LocalDate metOn) {
    }

    public Mono<List<KeyTask>> list(CurrentUser user) {
        return db.tx(dsl -> load(dsl, user, null, false));
    }

    public Mono<KeyTask> get(CurrentUser user, String code) {
        return db.tx(dsl -> one(dsl, user, code));
    }

    public Mono<KeyTask> report(CurrentUser user, String code, ProgressReport report) {
        return db.tx(dsl -> report(dsl, user, code, report));
    }

    /** The same, inside a transaction the caller already holds. */
    public KeyTask report(DSLContext dsl, CurrentUser user, String code, ProgressReport report) {
        {
            KeyTask task = one(dsl, user, code);
            if (!task.canReport()) {
                throw new AccessDeniedException(user.username() + " is neither a lead nor a co-responsible unit of task " + code);
            }
            List<FieldProblem> problems = new ArrayList<>();
            String note = report.note() == null ? null : report.note().strip();
            if (note == null || note.isEmpty()) {
                problems.add(new FieldProblem("note", report.note(), "required"));
            } else if (note.length() > 4000) {
                problems.add(new FieldProblem("note", note.substring(0, 40) + "…", "at most 4000 characters"));
            }
            KeyTask.Milestone milestone = null;
            if (report.milestoneCode() != null && !report.milestoneCode().isBlank()) {
                milestone = task.milestones().stream().filter(m -> m.code().equals(report.milestoneCode())).findFirst().orElse(null);
                if (milestone == null) {
                    problems.add(new FieldProblem("milestoneCode", report.milestoneCode(), "not a milestone of task " + code));
                }
            }
            if (report.metOn() != null) {
                if (milestone == null) {
                    problems.add(new FieldProblem("metOn", report.metOn(), "a date met needs the milestone it refers to"));
                } else if (milestone.metOn() != null) {
                    problems.add(new FieldProblem("metOn", report.metOn(), "milestone " + milestone.code() + " was already met on " + milestone.metOn()));
                }
                if (report.metOn().isAfter(LocalDate.now())) {
                    problems.add(new FieldProblem("metOn", report.metOn(), "cannot be in the future"));
                }
                if (report.evidence() == null || report.evidence().isBlank()) {
                    problems.add(new FieldProblem("evidence", null, "declaring a milestone met needs evidence"));
                }
                if (user.role() != Role.EGOV_ADMIN && !task.leadOrganisationCodes().contains(user.organisationCode())) {
                    throw new AccessDeniedException("only a lead organisation or the e-government office may declare a milestone met");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            dsl.insertInto(KEY_TASK_PROGRESS)
                    .set(KEY_TASK_PROGRESS.TASK_CODE, code)
                    .set(KEY_TASK_PROGRESS.MILESTONE_CODE, milestone == null ? null : milestone.code())
                    .set(KEY_TASK_PROGRESS.ORGANISATION_CODE, user.organisationCode())
                    .set(KEY_TASK_PROGRESS.REPORTED_BY, user.username())
                    .set(KEY_TASK_PROGRESS.NOTE, note)
                    .set(KEY_TASK_PROGRESS.EVIDENCE, report.evidence() == null || report.evidence().isBlank() ? null : report.evidence().strip())
                    .set(KEY_TASK_PROGRESS.MET_ON, report.metOn())
                    .execute();
            if (report.metOn() != null) {
                dsl.update(KEY_TASK_MILESTONE).set(KEY_TASK_MILESTONE.MET_ON, report.metOn())
                        .set(KEY_TASK_MILESTONE.UPDATED_AT, java.time.OffsetDateTime.now())
                        .where(KEY_TASK_MILESTONE.CODE.eq(milestone.code())).execute();
            }
            return one(dsl, user, code);
        }
    }

    private KeyTask one(DSLContext dsl, CurrentUser user, String code) {
        List<KeyTask> found = load(dsl, user, code, true);
        if (found.isEmpty()) {
            throw new NotFoundException("key task", code);
        }
        return found.getFirst();
    }

    private List<KeyTask> load(DSLContext dsl, CurrentUser user, String code, boolean withProgress) {
        LocalDate today = LocalDate.now();
        var tasks = dsl.selectFrom(KEY_TASK).where(code == null ? org.jooq.impl.DSL.noCondition() : KEY_TASK.CODE.eq(code))
                .orderBy(KEY_TASK.KIND.desc(), KEY_TASK.SEQUENCE).fetch();
        Map<String, List<KeyTask.Milestone>> milestones = dsl.selectFrom(KEY_TASK_MILESTONE)
                .orderBy(KEY_TASK_MILESTONE.DEADLINE.asc().nullsLast(), KEY_TASK_MILESTONE.CODE).fetch().stream()
                .collect(Collectors.groupingBy(m -> m.getTaskCode(), Collectors.mapping(
                        m -> KeyTask.Milestone.of(m.getCode(), m.getTitle(), m.getDeadline(), m.getMetOn(), today), Collectors.toList())));
        Set<String> withReports = new HashSet<>(dsl.selectDistinct(KEY_TASK_PROGRESS.TASK_CODE).from(KEY_TASK_PROGRESS)
                .fetch(KEY_TASK_PROGRESS.TASK_CODE));
        List<KeyTask> result = new ArrayList<>();
        for (var t : tasks) {
            List<KeyTask.Milestone> ms = milestones.getOrDefault(t.getCode(), List.of());
            List<String> leads = List.of(t.getLeadOrganisationCodes());
            List<String> co = List.of(t.getCoOrganisationCodes());
            boolean canReport = user.role() == Role.EGOV_ADMIN || (user.role() == Role.DEPARTMENT
                    && (leads.contains(user.organisationCode()) || co.contains(user.organisationCode()) || t.getCoAllOrganisations()));
            List<KeyTask.Progress> progress = withProgress
                    ? dsl.selectFrom(KEY_TASK_PROGRESS).where(KEY_TASK_PROGRESS.TASK_CODE.eq(t.getCode()))
                    .orderBy(KEY_TASK_PROGRESS.REPORTED_AT.desc(), KEY_TASK_PROGRESS.ID.desc())
                    .fetch(p -> new KeyTask.Progress(p.getId(), p.getReportedAt(), p.getOrganisationCode(), p.getReportedBy(),
                            p.getMilestoneCode(), p.getNote(), p.getEvidence(), p.getMetOn()))
                    : null;
            result.add(new KeyTask(t.getCode(), t.getKind(), t.getSequence(), t.getTitle(), t.getDescription(),
                    leads, co, t.getCoAllOrganisations(), KeyTask.derive(ms, withReports.contains(t.getCode())), ms, canReport, progress));
        }
        return result;
    }
}
