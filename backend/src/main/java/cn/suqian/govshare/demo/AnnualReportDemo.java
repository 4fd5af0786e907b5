package cn.suqian.govshare.demo;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.report.AnnualReport;
import cn.suqian.govshare.report.AnnualReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo city's annual reports: the 2025 window (January 2026) with last year's reports as the departments
 * made them — drafted, written, submitted on their January day (most on time, some late, one returned by the
 * office and submitted again, two with corrections beyond the tolerance, a few never submitted) — and the 2026
 * window ready to open on 1 January 2027. Every step goes through {@link AnnualReports}, as the API's requests
 * do, with the service's clock set to the day being replayed.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "govshare.demo.enabled", havingValue = "true")
class AnnualReportDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AnnualReportDemo.class);
    static final int LAST_YEAR = 2025;
    static final ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;
    /** Never submitted: missing after the deadline. */
    static final Set<String> MISSING = Set.of("urban-mgmt", "disabled", "sucheng");
    /** Submitted after 10 January. */
    static final Map<String, Integer> LATE_DAY = Map.of("transport", 12, "quality", 13, "siyang", 14, "food-drug", 15);
    /** Corrections beyond the tolerance, with the department's reason. */
    static final Map<String, Map<String, AnnualReport.Correction>> CORRECTIONS = Map.of(
            "water", Map.of("systems.deployment.GOV_CLOUD", new AnnualReport.Correction(12.0, "含年底已签约迁移、尚未完成部署的系统")),
            "shuyang", Map.of("connection.CONNECTED", new AnnualReport.Correction(9.0, "县级前置机年内已联调，监测对象尚未登记")));
    /** Returned by the office on 11 January and submitted again the next day. */
    static final String RETURNED = "health";

    private final AnnualReports reports;
    private final Organisations organisations;
    private final Db db;

    AnnualReportDemo(AnnualReports reports, Organisations organisations, Db db) {
        this.reports = reports;
        this.organisations = organisations;
        this.db = db;
    }

    @Override
    public void run(ApplicationArguments args) {
        CurrentUser office = RegistryDemoData.OFFICE;
        Actor officeActor = office.actor();
        if (db.inTransaction(officeActor, dsl -> reports.windows(dsl).stream().anyMatch(w -> w.year() == LAST_YEAR))) {
            return;
        }
        long started = System.nanoTime();
        db.inTransaction(officeActor, dsl -> {
            reports.putWindow(dsl, office, LAST_YEAR, new AnnualReports.WindowInput(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 10), 20, 5.0));
            return reports.putWindow(dsl, office, LAST_YEAR + 1, new AnnualReports.WindowInput(null, null, null, null));
        });
        List<Organisation> reporting = db.inTransaction(Actor.system("demo"), organisations::active).stream()
                .filter(o -> o.type() != OrganisationType.CITY).toList();
        int submitted = 0;
        int i = 0;
        for (Organisation o : reporting) {
            i++;
            if (MISSING.contains(o.code())) {
                continue;
            }
            CurrentUser dept = new CurrentUser("dept-" + o.code(), o.name(), Role.DEPARTMENT, o.code());
            int day = LATE_DAY.getOrDefault(o.code(), 3 + i % 8);
            AnnualReports at = reports.at(clock(day, 9 + i % 7));
            db.inTransaction(dept.actor(), dsl -> {
                at.startDraft(dsl, dept, LAST_YEAR, o.code());
                at.saveDraft(dsl, dept, LAST_YEAR, o.code(), new AnnualReport.DraftInput(narrative(o), CORRECTIONS.getOrDefault(o.code(), Map.of())));
                return at.submit(dsl, dept, LAST_YEAR, o.code());
            });
            submitted++;
            if (o.code().equals(RETURNED)) {
                db.inTransaction(officeActor, dsl -> reports.at(clock(11, 10)).returnReport(dsl, office, LAST_YEAR, o.code(), 1,
                        new AnnualReports.ReturnInput("“明年工作计划”过于笼统，请补充上云和接入的具体时间表。")));
                AnnualReports next = reports.at(clock(12, 15));
                Map<String, AnnualReport.Narrative> revised = new LinkedHashMap<>(narrative(o));
                revised.put("systems", new AnnualReport.Narrative(revised.get("systems").achievements(), revised.get("systems").problems(),
                        "2026年6月底前完成两套在用系统上云；9月底前全部须接入系统接入共享平台。"));
                db.inTransaction(dept.actor(), dsl -> {
                    next.startDraft(dsl, dept, LAST_YEAR, o.code());
                    next.saveDraft(dsl, dept, LAST_YEAR, o.code(), new AnnualReport.DraftInput(revised, Map.of()));
                    return next.submit(dsl, dept, LAST_YEAR, o.code());
                });
            }
        }
        log.info("DEMO MODE: {} annual reports for {} submitted ({} missing) in {} ms; the {} window opens on 1 January {}",
                submitted, LAST_YEAR, MISSING.size(), (System.nanoTime() - started) / 1_000_000, LAST_YEAR + 1, LAST_YEAR + 2);
    }

    static Clock clock(int januaryDay, int hour) {
        return Clock.fixed(LocalDateTime.of(2026, 1, januaryDay, hour, 20).atZone(ZONE).toInstant(), ZONE);
    }

    static Map<String, AnnualReport.Narrative> narrative(Organisation o) {
        Map<String, AnnualReport.Narrative> n = new LinkedHashMap<>();
        n.put("systems", new AnnualReport.Narrative(o.name() + "完成系统清单核查，新建系统均部署在政务云。",
                "部分早期系统仍运行在自建机房，迁移需厂商配合。", "明年完成剩余系统上云迁移。"));
        n.put("exchange", new AnnualReport.Narrative("通过共享平台向相关部门提供数据，支撑“一网通办”。",
                "个别接口高峰期响应偏慢。", "优化接口性能，扩大共享范围。"));
        return n;
    }
}
