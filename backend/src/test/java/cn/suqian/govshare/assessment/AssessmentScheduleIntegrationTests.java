package cn.suqian.govshare.assessment;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.report.AnnualReports;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled yearly run after the annual-report deadline (years 2044–2045 are this test's own), and the filing facts the
 * "filed completely and in time" indicator reads from the filing module's records (budget year 2047, assessed in 2046), and the
 * refresh periods the exchange capability measures from its traffic records.
 */
@IntegrationTest
class AssessmentScheduleIntegrationTests {

    static final Actor OFFICE = new Actor("admin", null);
    static final CurrentUser ADMIN = new CurrentUser("admin", "admin", Role.EGOV_ADMIN, null);

    @LocalServerPort
    int port;
    @Autowired
    AssessmentSchedule schedule;
    @Autowired
    Assessments assessments;
    @Autowired
    AnnualReports reports;
    @Autowired
    AssessmentFacts facts;
    @Autowired
    Db db;
    @Autowired
    cn.suqian.govshare.exchange.ExchangeQueries exchange;
    @Autowired
    cn.suqian.govshare.exchange.ExchangeRollups rollups;

    @Test
    void the_year_is_run_once_by_system_after_the_annual_report_deadline_and_a_published_result_is_never_overwritten() {
        int year = 2044;
        LocalDate deadline = LocalDate.of(year + 1, 1, 20);
        db.inTransaction(OFFICE, dsl -> reports.putWindow(dsl, ADMIN, year, new AnnualReports.WindowInput(LocalDate.of(year + 1, 1, 1), deadline, null, null)));

        assertThat(schedule.runDue(deadline)).doesNotContain(year); // on the deadline day: not yet
        assertThat(db.inTransaction(OFFICE, dsl -> assessments.yearView(dsl, year)).runs()).isEmpty();

        assertThat(schedule.runDue(deadline.plusDays(1))).containsExactly(year);
        var view = db.inTransaction(OFFICE, dsl -> assessments.yearView(dsl, year));
        assertThat(view.runs()).hasSize(1);
        AssessmentRun run = view.runs().getFirst();
        assertThat(run.startedBy()).isEqualTo("system");
        assertThat(run.purpose()).isEqualTo(AssessmentRun.Purpose.OFFICIAL);
        assertThat(run.status()).isEqualTo(AssessmentRun.Status.DONE);
        assertThat(view.publication().officialRunId()).isEqualTo(run.id());

        // once per year: the next days do not run it again
        assertThat(schedule.runDue(deadline.plusDays(2))).isEmpty();
        assertThat(db.inTransaction(OFFICE, dsl -> assessments.yearView(dsl, year)).runs()).hasSize(1);

        // a year published before the schedule came to it is left alone: no run, the published result as it was
        int published = year + 1;
        LocalDate nextDeadline = LocalDate.of(published + 1, 1, 20);
        db.inTransaction(OFFICE, dsl -> reports.putWindow(dsl, ADMIN, published, new AnnualReports.WindowInput(LocalDate.of(published + 1, 1, 1),
                nextDeadline, null, null)));
        var official = db.inTransaction(OFFICE, dsl -> assessments.run(dsl, OFFICE, published, null));
        db.inTransaction(OFFICE, dsl -> assessments.publish(dsl, OFFICE, published, new Assessments.PublishInput(nextDeadline.plusDays(30))));
        assertThat(schedule.runDue(nextDeadline.plusDays(1))).doesNotContain(published);
        var after = db.inTransaction(OFFICE, dsl -> assessments.yearView(dsl, published));
        assertThat(after.runs()).extracting(AssessmentRun::id).containsExactly(official.run().id());
        assertThat(after.publication().officialRunId()).isEqualTo(official.run().id());
        assertThat(after.state()).isEqualTo(PublicationState.PUBLISHED);
    }

    @Test
    void filing_facts_come_from_the_filing_module_s_records_of_the_next_budget_year() {
        int year = 2046;
        int budgetYear = year + 1;
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Map<String, Object> f = new HashMap<>();
        f.put("organisationCode", "water");
        f.put("budgetYear", budgetYear);
        f.put("projectType", "OPERATION_MAINTENANCE");
        f.put("name", "考核备案测试运维项目");
        f.put("constructionAmount", 0);
        f.put("omAmount", 120000);
        f.put("fundingSources", List.of(Map.of("source", "财政预算", "construction", 0, "om", 120000)));
        f.put("systemCodes", List.of("water.s01"));
        f.put("deployment", "GOV_CLOUD");
        f.put("network", "EGOV_EXTRANET");
        f.put("connectionPlan", "已接入");
        f.put("protectionLevel", 2);
        f.put("performanceTargets", "可用率99%");
        Api.as(port, "dept-water").post().uri("/api/v1/filings").contentType(MediaType.APPLICATION_JSON).bodyValue(f).exchange()
                .expectStatus().isCreated();
        // the window of the budget year closed yesterday: the draft left was never filed
        Api.as(port, "admin").put().uri("/api/v1/filings/windows/" + budgetYear).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("opensOn", today.minusDays(60).toString(), "closesOn", today.minusDays(1).toString()))
                .exchange().expectStatus().isOk();

        var snapshot = db.inTransaction(OFFICE, dsl -> facts.read(dsl, year, s -> { }));
        OrganisationFacts water = snapshot.organisations().stream().filter(o -> o.code().equals("water")).findFirst().orElseThrow();
        assertThat(water.filings().budgetYear()).isEqualTo(budgetYear);
        assertThat(water.filings().windowClosed()).isTrue();
        assertThat(water.filings().filings()).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo("DRAFT");
            assertThat(x.name()).isEqualTo("考核备案测试运维项目");
        });
        OrganisationFacts finance = snapshot.organisations().stream().filter(o -> o.code().equals("finance")).findFirst().orElseThrow();
        assertThat(finance.filings().filings()).isEmpty();

        var doc = MethodologyService.parse(MethodologyService.defaultYaml());
        var scores = Scoring.score(new Methodology.Definition(doc.pillars(), doc.grades()), snapshot.shared(), snapshot.organisations());
        var waterFilings = scores.stream().filter(s -> s.organisationCode().equals("water")).findFirst().orElseThrow()
                .indicators().stream().filter(i -> i.code().equals("filings")).findFirst().orElseThrow();
        assertThat(waterFilings.status()).isEqualTo(Scoring.Status.SCORED);
        assertThat(waterFilings.fraction()).isEqualTo(0.0);
        assertThat(waterFilings.inputs()).containsEntry("neverSubmitted", 1L);
        var financeFilings = scores.stream().filter(s -> s.organisationCode().equals("finance")).findFirst().orElseThrow()
                .indicators().stream().filter(i -> i.code().equals("filings")).findFirst().orElseThrow();
        assertThat(financeFilings.status()).isEqualTo(Scoring.Status.NOT_APPLICABLE);
        // resources carry their declared cycle for the refresh indicator; a year without platform traffic is no data, not 0
        assertThat(snapshot.organisations().stream().flatMap(o -> o.resources().stream())).allMatch(r -> r.updateCycle() != null);
        var refreshed = scores.stream().flatMap(s -> s.indicators().stream()).filter(i -> i.code().equals("refreshed")).toList();
        assertThat(refreshed).isNotEmpty().allMatch(i -> i.status() != Scoring.Status.SCORED);
    }

    @Test
    void refresh_periods_are_counted_from_the_exchange_traffic_records_of_each_resource() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(zone);
        List<LocalDate> days = List.of(today.minusDays(2), today.minusDays(9), today.minusDays(40));
        StringBuilder body = new StringBuilder("[");
        for (LocalDate d : days) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append("{\"intervalStart\":\"").append(d.atTime(12, 0).atZone(zone).toOffsetDateTime()).append("\",\"intervalSeconds\":300,")
                    .append("\"provider\":\"water\",\"consumer\":\"egov\",\"resource\":\"h14b.refresh.test\",\"calls\":5,\"failedCalls\":0,")
                    .append("\"records\":50,\"bytes\":500,\"latencyMsSum\":100,\"latencyMsMax\":30}");
        }
        // a day with calls but no records delivered does not count as refreshed
        body.append(",{\"intervalStart\":\"").append(today.minusDays(3).atTime(12, 0).atZone(zone).toOffsetDateTime()).append("\",\"intervalSeconds\":300,")
                .append("\"provider\":\"water\",\"consumer\":\"egov\",\"resource\":\"h14b.refresh.test\",\"calls\":5,\"failedCalls\":5,")
                .append("\"records\":0,\"bytes\":0,\"latencyMsSum\":100,\"latencyMsMax\":30}]");
        Api.as(port, "admin").post().uri("/api/v1/exchange/stats").contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString())
                .exchange().expectStatus().isOk();
        rollups.refresh();

        LocalDate from = today.minusDays(60);
        var report = db.inTransaction(OFFICE, dsl -> exchange.resourceActivity(dsl, from, today.plusDays(1)));
        assertThat(report.observedFrom()).isNotNull();
        var activity = report.resources().get("h14b.refresh.test");
        assertThat(activity).isNotNull();
        assertThat(activity.days()).isEqualTo(3);
        assertThat(activity.weeks()).isEqualTo((int) days.stream().map(d -> d.minusDays(d.getDayOfWeek().getValue() - 1L)).distinct().count());
        assertThat(activity.months()).isEqualTo((int) days.stream().map(d -> d.withDayOfMonth(1)).distinct().count());
        assertThat(activity.quarters()).isEqualTo((int) days.stream().map(d -> d.getYear() * 4 + (d.getMonthValue() - 1) / 3).distinct().count());
        assertThat(activity.halfYears()).isEqualTo((int) days.stream().map(d -> d.getYear() * 2 + (d.getMonthValue() - 1) / 6).distinct().count());
        assertThat(AssessmentFacts.periods("MONTHLY", activity)).isEqualTo(activity.months());
        assertThat(AssessmentFacts.periods("IRREGULAR", activity)).isZero();
        assertThat(AssessmentFacts.periods("WEEKLY", null)).isZero();
        // outside the period asked: not counted
        var before = db.inTransaction(OFFICE, dsl -> exchange.resourceActivity(dsl, from.minusYears(1), from));
        assertThat(before.resources()).doesNotContainKey("h14b.refresh.test");
    }
}
