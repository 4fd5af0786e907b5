package cn.suqian.govshare.overview;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leadership overview end to end on the demo city: figures rolled up from the owning modules equal what those
 * modules' own pages say; year-over-year from a rollup a year before; the key-task timeline with days late; alerts
 * with links; departments scoped to their own organisation; the ranking
 * exactly as the assessment board of the latest published year gives it, never a draft year's.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    OverviewRollup rollup;
    @Autowired
    OverviewRepository repository;
    @Autowired
    Db db;
    @Autowired
    Overview overview;
    @Autowired
    cn.suqian.govshare.assessment.Assessments assessments;

    @BeforeAll
    void rollUp() {
        assertThat(rollup.refresh()).isPositive();
    }

    JsonNode get(String user, String uri) {
        return Api.as(port, user).get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static Map<String, JsonNode> byKey(JsonNode overview) {
        Map<String, JsonNode> out = new HashMap<>();
        overview.get("figures").forEach(f -> out.put(f.get("key").asString(), f));
        return out;
    }

    @Test
    void headline_figures_equal_what_the_inventory_and_catalogue_say() {
        JsonNode overview = get("leader", "/api/v1/overview");
        assertThat(overview.get("organisation").asString()).isEmpty();
        assertThat(overview.get("asOf").asString()).isEqualTo(LocalDate.now(OverviewRollup.ZONE).toString());
        Map<String, JsonNode> f = byKey(overview);
        JsonNode systems = get("leader", "/api/v1/systems/summary");
        assertThat(f.get("systemsActive").get("value").asLong()).isEqualTo(systems.get("total").asLong()).isPositive();
        assertThat(f.get("systemsOnExtranet").get("value").asLong()).isEqualTo(systems.get("byNetwork").get("EGOV_EXTRANET").asLong());
        assertThat(f.get("systemsOnExtranet").get("denominator").asLong()).isEqualTo(systems.get("total").asLong());
        assertThat(f.get("systemsOnGovCloud").get("value").asLong()).isEqualTo(systems.get("byDeployment").get("GOV_CLOUD").asLong());
        assertThat(f.get("systemsOnExtranet").get("shown").asDouble())
                .isCloseTo(100.0 * systems.get("byNetwork").get("EGOV_EXTRANET").asLong() / systems.get("total").asLong(), org.assertj.core.data.Offset.offset(0.01));
        long mounted = get("leader", "/api/v1/catalogue?mounted=true&size=1").get("total").asLong();
        long compiled = get("leader", "/api/v1/catalogue?size=1").get("total").asLong();
        assertThat(f.get("catalogueCompiled").get("value").asLong()).isEqualTo(compiled);
        assertThat(f.get("catalogueMounted").get("value").asLong()).isEqualTo(mounted);
        assertThat(f.get("baseDatabasesCovered").get("denominator").asLong()).isEqualTo(5);
        // every figure links to the page with the records behind it
        overview.get("figures").forEach(x -> assertThat(x.get("link").asString()).startsWith("/").contains(".html"));
        // nothing stored a year ago: no year-over-year change is invented
        assertThat(f.get("systemsActive").get("change").isNull()).isTrue();
    }

    @Test
    void must_connect_systems_count_as_connection_monitoring_measured_them_and_no_data_is_left_out() {
        rollup.refresh(); // today's figures from the measurements as they stand now
        LocalDate today = LocalDate.now(OverviewRollup.ZONE);
        java.util.Set<String> must = new HashSet<>();
        get("leader", "/api/v1/systems?mustConnect=true&size=1000").get("items").forEach(s -> must.add(s.get("code").asString()));
        assertThat(must).isNotEmpty();
        long connected = 0;
        long known = 0;
        long unmeasured = 0;
        for (JsonNode s : get("leader", "/api/v1/connections/connected?from=" + today.minusDays(30) + "&to=" + today)) {
            if (must.contains(s.get("systemCode").asString())) {
                String c = s.get("connectedness").asString();
                known += c.equals("NO_DATA") ? 0 : 1;
                unmeasured += c.equals("NO_DATA") ? 1 : 0;
                connected += c.equals("CONNECTED") ? 1 : 0;
            }
        }
        Map<String, JsonNode> figures = byKey(get("leader", "/api/v1/overview"));
        // those left out are counted apart, so the page can say how many the percentage does not include
        assertThat(figures.get("mustConnectUnmeasured").get("value").asLong()).isEqualTo(unmeasured);
        assertThat(figures.get("mustConnectUnmeasured").get("denominator").isNull()).isTrue();
        JsonNode figure = figures.get("mustConnectConnected");
        if (known == 0) {
            assertThat(figure.get("value").isNull()).as("nothing measured: no data, not 0 %").isTrue();
        } else {
            assertThat(figure.get("value").asLong()).isEqualTo(connected);
            assertThat(figure.get("denominator").asLong()).isEqualTo(known);
        }
    }

    @Test
    void rollups_of_the_same_day_running_at_once_all_succeed_and_leave_one_days_figures() throws Exception {
        // the scheduled rollup, the one at start-up and one asked for by hand may overlap: each deletes and rewrites the
        // day, and without serialising them the later insert met the earlier one's rows (duplicate primary key)
        int expected = rollup.refresh();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var runs = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(rollup::refresh));
            }
            for (var run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        }
        LocalDate today = LocalDate.now(OverviewRollup.ZONE);
        int stored = db.inTransaction(Actor.system("test"), dsl -> dsl.fetchCount(
                cn.suqian.govshare.db.schema.Tables.OVERVIEW_FIGURE, cn.suqian.govshare.db.schema.Tables.OVERVIEW_FIGURE.DAY.eq(today)));
        assertThat(stored).isEqualTo(expected);
    }

    @Test
    void year_over_year_compares_with_the_rollup_a_year_before() {
        LocalDate yearAgo = LocalDate.now(OverviewRollup.ZONE).minusYears(1).minusDays(2); // nearest earlier within a week
        Map<Figure, double[]> figures = new EnumMap<>(Figure.class);
        figures.put(Figure.SYSTEMS_ACTIVE, new double[]{3, Double.NaN});
        figures.put(Figure.SYSTEMS_ON_EXTRANET, new double[]{1, 4});
        db.inTransaction(Actor.system("test"), dsl -> repository.replaceDay(dsl, yearAgo, Map.of("water", figures)));
        overview.forget(); // answers are kept for a while; a rollup forgets them, as this test must

        Map<String, JsonNode> f = byKey(get("leader", "/api/v1/overview?organisation=water"));
        JsonNode active = f.get("systemsActive");
        assertThat(active.get("yearAgo").asDouble()).isEqualTo(3.0);
        assertThat(active.get("yearAgoDay").asString()).isEqualTo(yearAgo.toString());
        assertThat(active.get("change").asDouble()).isEqualTo(active.get("shown").asDouble() - 3.0);
        JsonNode extranet = f.get("systemsOnExtranet");
        assertThat(extranet.get("yearAgo").asDouble()).isEqualTo(25.0);
        assertThat(extranet.get("change").asDouble()).isCloseTo(extranet.get("shown").asDouble() - 25.0, org.assertj.core.data.Offset.offset(0.011));
    }

    @Test
    void a_department_sees_its_own_organisation_and_is_refused_another() {
        JsonNode own = get("dept-water", "/api/v1/overview");
        assertThat(own.get("organisation").asString()).isEqualTo("water");
        Map<String, JsonNode> f = byKey(own);
        JsonNode systems = get("dept-water", "/api/v1/systems/summary");
        assertThat(f.get("systemsActive").get("value").asLong()).isEqualTo(systems.get("total").asLong());
        Api.as(port, "dept-water").get().uri("/api/v1/overview?organisation=finance").exchange().expectStatus().isForbidden();
        // the office may look at any organisation
        assertThat(get("admin", "/api/v1/overview?organisation=water").get("organisation").asString()).isEqualTo("water");
    }

    @Test
    void the_timeline_gives_days_late_and_the_alerts_count_every_missed_milestone() {
        JsonNode timeline = get("leader", "/api/v1/overview/timeline");
        assertThat(timeline.size()).isGreaterThanOrEqualTo(10);
        LocalDate today = LocalDate.now(OverviewRollup.ZONE);
        int missed = 0;
        for (JsonNode task : timeline) {
            assertThat(task.get("link").asString()).isEqualTo("/tasks.html?code=" + task.get("code").asString());
            for (JsonNode m : task.get("milestones")) {
                if (m.get("status").asString().equals("MISSED")) {
                    missed++;
                    LocalDate deadline = LocalDate.parse(m.get("deadline").asString());
                    assertThat(m.get("daysLate").asLong()).isEqualTo(ChronoUnit.DAYS.between(deadline, today)).isPositive();
                }
            }
        }
        assertThat(missed).isPositive(); // the plan's 2017/2018 deadlines are long past in the demo
        JsonNode alerts = get("leader", "/api/v1/overview/alerts?limit=100");
        assertThat(alerts.get("totals").get("OVERDUE_TASK").asLong()).isEqualTo(missed);
        assertThat(alerts.get("totals").has("OPEN_INCIDENT")).isTrue();
        assertThat(alerts.get("totals").has("NEW_ANOMALY")).isTrue();
        alerts.get("items").forEach(a -> assertThat(a.get("link").asString()).startsWith("/"));
        // annual reports of the latest open window, as the annual-report module counts them
        JsonNode windows = get("leader", "/api/v1/annual-reports/windows");
        int year = 0;
        for (JsonNode w : windows) {
            if (!LocalDate.parse(w.get("opensOn").asString()).isAfter(today)) {
                year = Math.max(year, w.get("year").asInt());
            }
        }
        assertThat(year).as("the demo has an open annual-report window").isPositive();
        JsonNode reports = get("leader", "/api/v1/annual-reports?year=" + year);
        long lateOrMissing = 0;
        long discrepant = 0;
        for (JsonNode row : reports.get("rows")) {
            String s = row.get("submission").asString();
            lateOrMissing += s.equals("LATE") || s.equals("MISSING") ? 1 : 0;
            discrepant += row.get("discrepancies").asInt() > 0 ? 1 : 0;
        }
        assertThat(alerts.get("totals").get("LATE_REPORT").asLong()).isEqualTo(lateOrMissing).isPositive();
        assertThat(alerts.get("totals").get("DISCREPANT_REPORT").asLong()).isEqualTo(discrepant);
        String lateLink = null;
        for (JsonNode a : alerts.get("items")) {
            if (a.get("kind").asString().equals("LATE_REPORT")) {
                lateLink = a.get("link").asString();
            }
        }
        assertThat(lateLink).startsWith("/annual-report.html?year=" + year + "&organisation=");
        // the budget year's filings awaiting review and not-eligible requests, as the filing and eligibility modules count them
        int budgetYear = today.getYear() + 1;
        assertThat(alerts.get("totals").get("FILING_AWAITING_REVIEW").asLong())
                .isEqualTo(get("admin", "/api/v1/filings?year=" + budgetYear + "&status=SUBMITTED,UNDER_REVIEW").size());
        assertThat(alerts.get("totals").get("NOT_ELIGIBLE_REQUEST").asLong())
                .isEqualTo(get("admin", "/api/v1/eligibility?year=" + budgetYear + "&verdict=NOT_ELIGIBLE").get("items").size());
        // finance does not read annual reports: none among its alerts
        assertThat(get("finance", "/api/v1/overview/alerts").get("totals").get("LATE_REPORT").asLong()).isZero();
    }

    /** This test's own year: run, never published, later than any year another test or the demo publishes. */
    static final int DRAFT_YEAR = 2041;

    @Test
    void the_ranking_is_the_assessment_board_of_the_latest_published_year_and_never_a_draft() {
        Actor office = new Actor("admin", null);
        db.inTransaction(office, dsl -> assessments.run(dsl, office, DRAFT_YEAR, null));
        // what the assessment module says: the years, their states, the latest published (or final) one
        Integer latest = null;
        boolean draftListed = false;
        for (JsonNode y : get("admin", "/api/v1/assessments")) {
            String state = y.get("state").asString();
            if (y.get("year").asInt() == DRAFT_YEAR) {
                draftListed = state.equals("DRAFT");
            }
            if ((state.equals("PUBLISHED") || state.equals("FINAL")) && (latest == null || y.get("year").asInt() > latest)) {
                latest = y.get("year").asInt();
            }
        }
        assertThat(draftListed).as("the draft year is there to be (not) shown").isTrue();
        JsonNode ranking = get("finance", "/api/v1/overview/ranking");
        if (latest == null) { // no year published on this database: nothing shown, nothing invented
            assertThat(ranking.get("published").asBoolean()).isFalse();
            assertThat(ranking.get("organisations").size()).isZero();
            return;
        }
        assertThat(ranking.get("published").asBoolean()).isTrue();
        assertThat(ranking.get("year").asInt()).isEqualTo(latest).isNotEqualTo(DRAFT_YEAR);
        JsonNode board = get("finance", "/api/v1/assessments/" + latest + "/results");
        assertThat(ranking.get("state").asString()).isEqualTo(board.get("state").asString());
        assertThat(ranking.get("organisations")).isEqualTo(board.get("rows")).isNotEmpty();
        // each pillar's leaders score at least as high as every other organisation of the group, its laggards at most as high
        assertThat(ranking.get("pillars").size()).isPositive();
        for (JsonNode p : ranking.get("pillars")) {
            List<Double> group = new ArrayList<>();
            for (JsonNode r : board.get("rows")) {
                if (r.get("peerGroup").asString().equals(p.get("peerGroup").asString())) {
                    for (JsonNode ps : r.get("pillars")) {
                        if (ps.get("code").asString().equals(p.get("code").asString()) && !ps.get("score").isNull()) {
                            group.add(ps.get("score").asDouble());
                        }
                    }
                }
            }
            group.sort(Comparator.reverseOrder());
            assertThat(p.get("leaders").get(0).get("score").asDouble()).isEqualTo(group.getFirst());
            if (!p.get("laggards").isEmpty()) {
                assertThat(p.get("laggards").get(0).get("score").asDouble()).isEqualTo(group.getLast());
            }
            Set<String> leaders = new HashSet<>();
            p.get("leaders").forEach(e -> leaders.add(e.get("organisationCode").asString()));
            p.get("laggards").forEach(e -> assertThat(leaders).doesNotContain(e.get("organisationCode").asString()));
        }
        // a department sees its own row only, as on the assessment board
        JsonNode own = get("dept-water", "/api/v1/overview/ranking");
        assertThat(own.get("organisations")).isEqualTo(get("dept-water", "/api/v1/assessments/" + latest + "/results").get("rows"));
        own.get("organisations").forEach(r -> assertThat(r.get("organisationCode").asString()).isEqualTo("water"));
        assertThat(own.get("pillars")).as("no leaders or laggards among one organisation").isEmpty();
    }
}
