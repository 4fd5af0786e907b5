package cn.suqian.govshare.keytask;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import org.jooq.DSLContext;
import cn.suqian.govshare.web.AccessRefusedException;
import cn.suqian.govshare.web.ResponseCode;
import cn.suqian.govshare.web.ProblemCode;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The key-task board. Lead and co-responsible organisations (and the e-government office) report
 * progress with evidence; only a lead organisation or the office may declare a milestone met.
 */
@Service
public class KeyTaskService {

    private final Db db;
    private final KeyTaskRepository repository;

    KeyTaskService(Db db, KeyTaskRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    public record ProgressReport(String note, String evidence, String milestoneCode, LocalDate metOn) {
    }

    public Mono<List<KeyTask>> list(CurrentUser user) {
        return db.tx(dsl -> load(dsl, user, null, false));
    }

    /** Every task with its milestones (no progress history), inside the caller's transaction. */
    public List<KeyTask> list(DSLContext dsl, CurrentUser user) {
        return load(dsl, user, null, false);
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
                throw new AccessRefusedException(ResponseCode.NOT_TASK_UNIT, user.username(), code);
            }
            List<FieldProblem> problems = new ArrayList<>();
            String note = report.note() == null ? null : report.note().strip();
            if (note == null || note.isEmpty()) {
                problems.add(FieldProblem.required("note", report.note()));
            } else if (note.length() > 4000) {
                problems.add(FieldProblem.maxLength("note", note.substring(0, 40) + "…", 4000));
            }
            KeyTask.Milestone milestone = null;
            if (report.milestoneCode() != null && !report.milestoneCode().isBlank()) {
                milestone = task.milestones().stream().filter(m -> m.code().equals(report.milestoneCode())).findFirst().orElse(null);
                if (milestone == null) {
                    problems.add(FieldProblem.of("milestoneCode", report.milestoneCode(), ProblemCode.NOT_MILESTONE_OF, code));
                }
            }
            if (report.metOn() != null) {
                if (milestone == null) {
                    problems.add(FieldProblem.of("metOn", report.metOn(), ProblemCode.MET_ON_NEEDS_MILESTONE));
                } else if (milestone.metOn() != null) {
                    problems.add(FieldProblem.of("metOn", report.metOn(), ProblemCode.MILESTONE_ALREADY_MET, milestone.code(), milestone.metOn()));
                }
                if (report.metOn().isAfter(cn.suqian.govshare.web.CityCalendar.today())) {
                    problems.add(FieldProblem.notInFuture("metOn", report.metOn()));
                }
                if (report.evidence() == null || report.evidence().isBlank()) {
                    problems.add(FieldProblem.of("evidence", null, ProblemCode.EVIDENCE_REQUIRED));
                }
                if (user.role() != Role.EGOV_ADMIN && !task.leadOrganisationCodes().contains(user.organisationCode())) {
                    throw new AccessRefusedException(ResponseCode.LEAD_DECLARES_MET);
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            repository.addProgress(dsl, code, milestone == null ? null : milestone.code(), user.organisationCode(), user.username(),
                    note, report.evidence() == null || report.evidence().isBlank() ? null : report.evidence().strip(), report.metOn());
            if (report.metOn() != null) {
                repository.milestoneMet(dsl, milestone.code(), report.metOn());
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
        LocalDate today = cn.suqian.govshare.web.CityCalendar.today();
        Set<String> withReports = repository.tasksWithProgress(dsl);
        Map<String, List<KeyTask.Milestone>> milestones = repository.milestones(dsl).stream()
                .collect(Collectors.groupingBy(KeyTaskRepository.MilestoneRow::taskCode, Collectors.mapping(
                        m -> KeyTask.Milestone.of(m.code(), m.title(), m.deadline(), m.metOn(), today, withReports.contains(m.taskCode())),
                        Collectors.toList())));
        List<KeyTask> result = new ArrayList<>();
        for (var t : repository.tasks(dsl, code)) {
            List<KeyTask.Milestone> ms = milestones.getOrDefault(t.code(), List.of());
            boolean canReport = user.role() == Role.EGOV_ADMIN || (user.role() == Role.DEPARTMENT
                    && (t.leadOrganisationCodes().contains(user.organisationCode()) || t.coOrganisationCodes().contains(user.organisationCode())
                    || t.coAllOrganisations()));
            List<KeyTask.Progress> progress = withProgress ? repository.progress(dsl, t.code()) : null;
            result.add(new KeyTask(t.code(), t.kind(), t.sequence(), t.title(), t.description(), t.leadOrganisationCodes(),
                    t.coOrganisationCodes(), t.coAllOrganisations(), KeyTask.derive(ms, withReports.contains(t.code())), ms,
                    canReport, progress));
        }
        return result;
    }
}
