package cn.suqian.govshare.assessment;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.report.AnnualReport;
import cn.suqian.govshare.report.AnnualReports;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The yearly run on a schedule: once the annual-report deadline of a year (the annual report module's window) has passed, the
 * year is run once, recorded as a run by {@value #SYSTEM}, and becomes the draft year's result. A year that is already published
 * or final is left alone (its result is frozen; nothing overwrites it), and a year the schedule already ran is not run again —
 * the office re-runs on demand. Checked daily (cron {@code govshare.assessment.schedule-cron}); ShedLock keeps it to one node.
 */
@Component
public class AssessmentSchedule {

    static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(AssessmentSchedule.class);

    private final Db db;
    private final AnnualReports reports;
    private final Assessments assessments;

    AssessmentSchedule(Db db, AnnualReports reports, Assessments assessments) {
        this.db = db;
        this.reports = reports;
        this.assessments = assessments;
    }

    @Scheduled(cron = "${govshare.assessment.schedule-cron:0 30 2 * * *}", zone = cn.suqian.govshare.web.CityCalendar.ZONE_ID)
    @SchedulerLock(name = "assessment-yearly-run", lockAtMostFor = "PT30M")
    public void scheduled() {
        List<Integer> ran = runDue(LocalDate.now(AssessmentFacts.ZONE));
        if (!ran.isEmpty()) {
            log.info("Assessment: scheduled run of {} after the annual-report deadline", ran);
        }
    }

    /**
     * Runs each year whose annual-report deadline passed before {@code today} (within the last year) and that has no scheduled run
     * yet and is still a draft. Returns the years run.
     */
    public List<Integer> runDue(LocalDate today) {
        Actor system = new Actor(SYSTEM, null);
        List<AnnualReport.Window> due = db.inTransaction(system, dsl -> reports.windows(dsl)).stream()
                .filter(w -> w.deadline().isBefore(today) && !w.deadline().isBefore(today.minusYears(1)))
                .sorted(Comparator.comparingInt(AnnualReport.Window::year))
                .toList();
        List<Integer> ran = new ArrayList<>();
        for (AnnualReport.Window w : due) {
            boolean run = db.inTransaction(system, dsl -> {
                var view = assessments.yearView(dsl, w.year());
                if (view.state() != PublicationState.DRAFT) {
                    return false; // published or final: frozen, never overwritten
                }
                if (view.runs().stream().anyMatch(r -> SYSTEM.equals(r.startedBy()) && r.purpose() == AssessmentRun.Purpose.OFFICIAL)) {
                    return false; // once per year
                }
                assessments.run(dsl, system, w.year(), null);
                return true;
            });
            if (run) {
                ran.add(w.year());
            }
        }
        return ran;
    }
}
