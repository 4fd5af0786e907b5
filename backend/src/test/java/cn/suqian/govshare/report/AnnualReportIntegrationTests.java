package cn.suqian.govshare.report;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;
import cn.suqian.govshare.connection.Notifications;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.facility.MigrationStatus;
import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;
import cn.suqian.govshare.report.AnnualReport.Correction;
import cn.suqian.govshare.report.AnnualReport.Narrative;
import cn.suqian.govshare.report.AnnualReport.Submission;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import cn.suqian.govshare.web.InvalidInputException;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.suqian.govshare.db.schema.Tables.ANNUAL_REPORT;
import static cn.suqian.govshare.support.CatalogueResources.aResource;
import static cn.suqian.govshare.support.Facilities.aDataRoom;
import static cn.suqian.govshare.support.Facilities.aPrivateNetwork;
import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static cn.suqian.govshare.support.IntervalStats.anInterval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The annual report end to end over the real application: each prefilled figure against the records it was
 * measured from, the window's deadline with on-time / late / missing, reminders delivered to a real HTTP
 * receiver through connection status's channels, discrepancies beyond the tolerance, immutable versions with
 * their differences, and scoping (a department sees and edits only its own reports).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnualReportIntegrationTests {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String ORG = "ar-fig";

    @LocalServerPort
    int port;
    @Autowired
    AnnualReports reports;
    @Autowired
    Reminders reminders;
    @Autowired
    Notifications notifications;
    @Autowired
    Db db;
    @Autowired
    DSLContext dsl;

    DisposableServer receiver;
    final List<JsonNode> received = new CopyOnWriteArrayList<>();

    static CurrentUser dept(String org) {
        return new CurrentUser("dept-" + org, org, Role.DEPARTMENT, org);
    }

    static Clock at(int year, int month, int day, int hour) {
        return Clock.fixed(LocalDateTime.of(year, month, day, hour, 0).atZone(ZONE).toInstant(), ZONE);
    }

    void post(String user, String path, Object body, int status) {
        var result = Api.as(port, user).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as(path + " " + result.getResponseBody()).isEqualTo(status);
    }

    @BeforeAll
    void setUp() {
        receiver = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.post("/hook/**", (req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(body -> {
                    received.add(JsonMapper.builder().build().readTree(body));
                    return res.status(200).sendString(Mono.just("ok")).then();
                }))).bindNow();
        // an organisation of the test's own, with records whose figures are known
        post("admin", "/api/v1/organisations", Map.of("code", ORG, "name", "年报测试园区", "type", "DEVELOPMENT_ZONE", "parentCode", "suqian"), 201);
        post("admin", "/api/v1/networks", aPrivateNetwork().code("ar-fig.net1").organisation(ORG).name("专网一").migrated(LocalDate.of(2026, 3, 1)).build(), 201);
        post("admin", "/api/v1/networks", aPrivateNetwork().code("ar-fig.net2").organisation(ORG).name("专网二").migrated(LocalDate.of(2025, 12, 31)).build(), 201);
        post("admin", "/api/v1/networks", aPrivateNetwork().code("ar-fig.net3").organisation(ORG).name("专网三").build(), 201);
        post("admin", "/api/v1/data-rooms", aDataRoom().code("ar-fig.room1").organisation(ORG).name("机房一").migrated(LocalDate.of(2026, 6, 30)).build(), 201);
        post("admin", "/api/v1/data-rooms", aDataRoom().code("ar-fig.room2").organisation(ORG).name("机房二").build(), 201);
        post("admin", "/api/v1/systems", aSystem().code("ar-fig.s1").organisation(ORG).name("在用云上系统").mustConnect(true)
                .protectionLevel(3).protectionAssessedOn(LocalDate.of(2026, 3, 1)).json(), 201);
        post("admin", "/api/v1/systems", aSystem().code("ar-fig.s2").organisation(ORG).name("待整合专网系统").status(LifecycleStatus.TO_INTEGRATE)
                .deployment(Deployment.OWN_DATA_ROOM).dataRoom("ar-fig.room2").network(NetworkType.PRIVATE_NETWORK).privateNetwork("ar-fig.net3").migrationPlannedOn(LocalDate.of(2027, 6, 30))
                .mustConnect(true).json(), 201);
        post("admin", "/api/v1/systems", aSystem().code("ar-fig.s3").organisation(ORG).name("僵尸系统").status(LifecycleStatus.ZOMBIE)
                .mustConnect(false).protectionLevel(2).protectionAssessedOn(LocalDate.of(2025, 5, 1)).json(), 201);
        post("admin", "/api/v1/systems", aSystem().code("ar-fig.s4").organisation(ORG).name("待清理系统").status(LifecycleStatus.TO_CLEAN_UP)
                .mustConnect(false).json(), 201);
        post("admin", "/api/v1/systems", aSystem().code("ar-fig.s5").organisation(ORG).name("已清理系统").status(LifecycleStatus.TO_CLEAN_UP)
                .mustConnect(false).json(), 201);
        Api.as(port, "admin").post().uri("/api/v1/systems/ar-fig.s5/retire").exchange().expectStatus().is2xxSuccessful();
        post("admin", "/api/v1/connection-targets", Map.of("code", "ar-fig.s1.hb", "systemCode", "ar-fig.s1", "kind", "INTERFACE",
                "name", "年报测试接口", "probe", "HEARTBEAT"), 201);
        post("admin", "/api/v1/catalogue", aResource().code("399077/00001").name("资源一").provider(ORG).sharing(SharingType.UNCONDITIONAL)
                .open(OpenAttribute.OPEN).baseDatabases(BaseDatabase.POPULATION, BaseDatabase.SOCIAL_CREDIT).mountedOn(LocalDate.of(2026, 2, 1)).json(), 201);
        post("admin", "/api/v1/catalogue", aResource().code("399077/00002").name("资源二").provider(ORG).sharedOnCondition("限本单位业务")
                .open(OpenAttribute.CONDITIONALLY_OPEN).baseDatabases(BaseDatabase.POPULATION).mountedOn(LocalDate.of(2024, 2, 1)).json(), 201);
        post("admin", "/api/v1/catalogue", aResource().code("399077/00003").name("资源三").provider(ORG).sharing(SharingType.UNCONDITIONAL)
                .open(OpenAttribute.NOT_OPEN).baseDatabases(BaseDatabase.LEGAL_ENTITY).json(), 201);
        // traffic in 2026: provided 100 calls (5 failed), consumed 40 (none failed)
        String stats = "[" + anInterval().start(LocalDateTime.of(2026, 6, 1, 10, 0).atZone(ZONE).toOffsetDateTime()).provider(ORG)
                .consumer("water").resource("ar-fig-res").calls(100, 5).json() + ","
                + anInterval().start(LocalDateTime.of(2026, 6, 2, 10, 0).atZone(ZONE).toOffsetDateTime()).provider("water")
                .consumer(ORG).resource("water-res-ar").calls(40, 0).json() + "]";
        post("admin", "/api/v1/exchange/stats", stats, 200);
        Api.as(port, "admin").post().uri("/api/v1/exchange/rollups/refresh").exchange().expectStatus().is2xxSuccessful();
    }

    @AfterAll
    void tearDown() {
        receiver.disposeNow();
    }

    static Map<String, Double> figures(AnnualReport r) {
        Map<String, Double> m = new LinkedHashMap<>();
        r.sections().forEach(s -> s.figures().forEach(f -> m.put(f.key(), f.measured())));
        return m;
    }

    @Test
    void every_prefilled_figure_matches_the_records_it_was_measured_from() {
        AnnualReport draft = reports.startDraft(dept(ORG), 2026, ORG).block();
        assertThat(draft.sections()).extracting(AnnualReport.Section::key).containsExactly("systems", "connection", "facilities", "catalogue",
                "baseDatabases", "exchange", "availability", "zombies", "keyTasks", "protection", "filings");
        Map<String, Double> f = figures(draft);
        Map<String, Double> expected = new HashMap<>();
        // inventory: four active systems (s5 retired this year)
        expected.put("systems.total", 4.0);
        expected.put("systems.status.IN_USE", 1.0);
        expected.put("systems.status.TO_INTEGRATE", 1.0);
        expected.put("systems.status.TO_CLEAN_UP", 1.0);
        expected.put("systems.status.ZOMBIE", 1.0);
        expected.put("systems.deployment.GOV_CLOUD", 3.0);
        expected.put("systems.deployment.OWN_DATA_ROOM", 1.0);
        expected.put("systems.network.EGOV_EXTRANET", 3.0);
        expected.put("systems.network.PRIVATE_NETWORK", 1.0);
        // must connect: s1 (a heartbeat target, never measured) and s2 (no target at all)
        expected.put("connection.mustConnect", 2.0);
        expected.put("connection.CONNECTED", 0.0);
        expected.put("connection.NOT_CONNECTED", 0.0);
        expected.put("connection.NOT_REGISTERED", 1.0);
        expected.put("connection.NO_DATA", 1.0);
        expected.put("connection.declaredConnected", 0.0);
        // facilities: net1 migrated in 2026, net2 on 2025-12-31 (last year), net3 not started
        expected.put("facilities.networks", 3.0);
        expected.put("facilities.networksMigrated", 1.0);
        expected.put("facilities.networksClosed", 0.0);
        expected.put("facilities.networksRemaining", 1.0);
        expected.put("facilities.dataRooms", 2.0);
        expected.put("facilities.dataRoomsMigrated", 1.0);
        expected.put("facilities.dataRoomsClosed", 0.0);
        // catalogue: three resources, two mounted (one since 2026)
        expected.put("catalogue.compiled", 3.0);
        expected.put("catalogue.mounted", 2.0);
        expected.put("catalogue.mountedInYear", 1.0);
        expected.put("catalogue.sharing.UNCONDITIONAL", 2.0);
        expected.put("catalogue.sharing.CONDITIONAL", 1.0);
        expected.put("catalogue.sharing.NOT_SHARED", 0.0);
        expected.put("catalogue.open.OPEN", 1.0);
        expected.put("catalogue.open.CONDITIONALLY_OPEN", 1.0);
        expected.put("catalogue.open.NOT_OPEN", 1.0);
        // base databases: mounted resources only (resource three is not mounted)
        expected.put("baseDatabases.POPULATION", 2.0);
        expected.put("baseDatabases.LEGAL_ENTITY", 0.0);
        expected.put("baseDatabases.NATURAL_RESOURCES", 0.0);
        expected.put("baseDatabases.ELECTRONIC_LICENCE", 0.0);
        expected.put("baseDatabases.SOCIAL_CREDIT", 1.0);
        // exchange
        expected.put("exchange.providedCalls", 100.0);
        expected.put("exchange.providedSuccessRate", 95.0);
        expected.put("exchange.consumedCalls", 40.0);
        expected.put("exchange.consumedSuccessRate", 100.0);
        // no availability measured: unknown, never 100 or 0
        expected.put("availability.percent", null);
        expected.put("availability.incidents", 0.0);
        // zombies: s3 and s4 open, s5 cleaned this year
        expected.put("zombies.found", 3.0);
        Map<?, ?> candidates = Api.as(port, "leader").get().uri("/api/v1/exchange/zombies?organisation=" + ORG + "&size=1000").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        expected.put("zombies.candidates", ((Number) candidates.get("total")).doubleValue());
        expected.put("zombies.confirmed", 0.0);
        expected.put("zombies.open", 2.0);
        expected.put("zombies.cleaned", 1.0);
        // the organisation leads no key task
        expected.put("keyTasks.due", 0.0);
        // protection: s1 (level 3, assessed 2026) and s3 (level 2, assessed 2025)
        expected.put("protection.filed", 2.0);
        expected.put("protection.notFiled", 2.0);
        expected.put("protection.levelThreeOrAbove", 1.0);
        expected.put("protection.assessedInYear", 1.0);
        // no funding request filed (the figures against filings made: FilingToFundingIntegrationTests)
        expected.put("filings.submitted", 0.0);
        expected.forEach((key, value) -> assertThat(f.get(key)).as(key).isEqualTo(value));
        assertThat(f).containsKey("exchange.providedRecords").containsKey("exchange.consumedRecords");
        // each figure links to its evidence: the page listing the rows and the API returning them
        draft.sections().forEach(s -> s.figures().forEach(x -> {
            assertThat(x.evidence().page()).as(x.key()).startsWith("/");
            assertThat(x.evidence().api()).as(x.key()).startsWith("/api/v1/");
        }));
        var evidence = draft.sections().getFirst().figures().get(1).evidence();
        assertThat(evidence.page()).isEqualTo("/systems.html?organisation=ar-fig&lifecycleStatus=IN_USE");
        // the evidence API answers with what the figure says
        Api.as(port, "leader").get().uri(evidence.api()).exchange().expectStatus().isOk();
        Api.as(port, "leader").get().uri("/api/v1/systems?organisation=ar-fig&lifecycleStatus=IN_USE").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void key_task_milestones_are_counted_from_the_task_board() {
        // 电子政务办 leads tasks whose milestones fall due in 2018: the figure equals the board's own milestones
        List<Map<String, Object>> tasks = Api.as(port, "leader").get().uri("/api/v1/tasks").exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
        long due = 0;
        long missed = 0;
        for (Map<String, Object> t : tasks) {
            if (!((List<?>) t.get("leadOrganisationCodes")).contains("egov")) {
                continue;
            }
            for (Object o : (List<?>) t.get("milestones")) {
                Map<?, ?> m = (Map<?, ?>) o;
                if (m.get("deadline") != null && m.get("deadline").toString().startsWith("2018-")) {
                    due++;
                    missed += "MISSED".equals(m.get("status")) ? 1 : 0;
                }
            }
        }
        assertThat(due).isPositive();
        long finalDue = due;
        long finalMissed = missed;
        Map<String, Double> measured = db.inTransaction(Actor.system("test"), d -> {
            Map<String, Double> m = new HashMap<>();
            reports.measure(d, "egov", 2018, java.time.OffsetDateTime.now()).stream().filter(s -> s.key().equals("keyTasks"))
                    .forEach(s -> s.figures().forEach(x -> m.put(x.key(), x.value())));
            return m;
        });
        assertThat(measured.get("keyTasks.due")).isEqualTo((double) finalDue);
        assertThat(measured.get("keyTasks.missed")).isEqualTo((double) finalMissed);
    }

    @Test
    void the_deadline_decides_on_time_late_and_missing_and_the_office_edits_it() {
        int year = 2031;
        Api.as(port, "admin").put().uri("/api/v1/annual-reports/windows/" + year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.opensOn").isEqualTo("2032-01-01").jsonPath("$.deadline").isEqualTo("2032-01-10");
        Api.as(port, "dept-water").put().uri("/api/v1/annual-reports/windows/" + year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isForbidden();
        // before opening: a draft may be written but not submitted
        AnnualReports before = reports.at(at(2031, 12, 20, 10));
        before.startDraft(dept("water"), year, "water").block();
        assertThatThrownBy(() -> before.submit(dept("water"), year, "water").block()).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems().getFirst().code().code()).isEqualTo("windowNotOpen"));
        assertThat(submission(before, year, "water")).isEqualTo(Submission.PENDING);
        // on the deadline day, late in the evening: on time
        AnnualReports lastDay = reports.at(at(2032, 1, 10, 23));
        lastDay.submit(dept("water"), year, "water").block();
        // the day after: late; and who has not submitted is missing
        AnnualReports dayAfter = reports.at(at(2032, 1, 11, 9));
        dayAfter.startDraft(dept("finance"), year, "finance").block();
        AnnualReport late = dayAfter.submit(dept("finance"), year, "finance").block();
        assertThat(late.late()).isTrue();
        assertThat(submission(dayAfter, year, "water")).isEqualTo(Submission.ON_TIME);
        assertThat(submission(dayAfter, year, "finance")).isEqualTo(Submission.LATE);
        assertThat(submission(dayAfter, year, "education")).isEqualTo(Submission.MISSING);
        assertThat(submission(lastDay, year, "education")).isEqualTo(Submission.PENDING);
        // the office moves the deadline (stored data): a submission after it is late, by the stored deadline
        Api.as(port, "admin").put().uri("/api/v1/annual-reports/windows/" + year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("opensOn", "2032-01-01", "deadline", "2032-01-20")).exchange().expectStatus().isOk();
        AnnualReports extended = reports.at(at(2032, 1, 15, 9));
        extended.startDraft(dept("education"), year, "education").block();
        assertThat(extended.submit(dept("education"), year, "education").block().late()).isFalse();
        // the first submission decides: finance stays late
        assertThat(submission(extended, year, "finance")).isEqualTo(Submission.LATE);
        Api.as(port, "admin").put().uri("/api/v1/annual-reports/windows/" + year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("opensOn", "2031-06-01")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("afterReportedYear");
    }

    static Submission submission(AnnualReports at, int year, String org) {
        return at.overview(new CurrentUser("leader", "领导小组", Role.LEADER, "gov-office"), year).block().rows().stream()
                .filter(r -> r.organisationCode().equals(org)).findFirst().orElseThrow().submission();
    }

    @Test
    void reminders_reach_a_real_receiver_from_the_opening_day_until_submitted() {
        int year = 2033;
        Api.as(port, "admin").put().uri("/api/v1/annual-reports/windows/" + year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("deadline", "2034-01-10", "remindDaysAfter", 5)).exchange().expectStatus().isOk();
        Api.as(port, "admin").put().uri("/api/v1/connections/notifications/channels/ar-hook").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "年报提醒接收", "kind", "WEBHOOK", "url", "http://127.0.0.1:" + receiver.port() + "/hook/ar"))
                .exchange().expectStatus().is2xxSuccessful();
        post("admin", "/api/v1/connections/notifications/subscriptions",
                Map.of("channelCode", "ar-hook", "organisationCode", "civil-affairs", "events", List.of("ANNUAL_REPORT_REMINDER")), 201);
        // statistics submits on the opening day, before the reminders run
        AnnualReports opening = reports.at(at(2034, 1, 1, 8));
        opening.startDraft(dept("statistics"), year, "statistics").block();
        opening.submit(dept("statistics"), year, "statistics").block();
        // before the window opens: nothing
        assertThat(reminders.run(reports.at(at(2033, 12, 31, 9)))).isZero();
        int first = reminders.run(reports.at(at(2034, 1, 1, 9)));
        assertThat(first).isPositive();
        // once a day: the same day again sends nothing
        assertThat(reminders.run(reports.at(at(2034, 1, 1, 17)))).isZero();
        notifications.sendPending().block();
        List<JsonNode> mine = received.stream().filter(j -> j.path("data").path("year").asInt() == year).toList();
        assertThat(mine).hasSize(1);
        JsonNode message = mine.getFirst();
        assertThat(message.path("event").asString()).isEqualTo("ANNUAL_REPORT_REMINDER");
        assertThat(message.path("organisation").asString()).isEqualTo("civil-affairs");
        assertThat(message.path("title").asString()).contains("年度报告", "2033");
        assertThat(message.path("data").path("overdue").asBoolean()).isFalse();
        // in the app: the department sees its own reminders; statistics, submitted, got none
        List<Map<String, Object>> civil = reminderList("dept-civil-affairs", year);
        assertThat(civil).hasSize(1).allSatisfy(r -> assertThat(r).containsEntry("organisationCode", "civil-affairs"));
        assertThat(reminderList("dept-statistics", year)).isEmpty();
        // after the deadline the reminder says overdue; after remindDaysAfter it stops
        received.clear();
        reminders.run(reports.at(at(2034, 1, 12, 9)));
        notifications.sendPending().block();
        assertThat(received.stream().filter(j -> j.path("data").path("year").asInt() == year).toList())
                .singleElement().satisfies(j -> assertThat(j.path("data").path("overdue").asBoolean()).isTrue());
        assertThat(reminders.run(reports.at(at(2034, 1, 16, 9)))).isZero();
        // civil-affairs submits: no more reminders for it
        AnnualReports later = reports.at(at(2034, 1, 13, 8));
        later.startDraft(dept("civil-affairs"), year, "civil-affairs").block();
        later.submit(dept("civil-affairs"), year, "civil-affairs").block();
        received.clear();
        reminders.run(reports.at(at(2034, 1, 13, 9)));
        notifications.sendPending().block();
        assertThat(received.stream().filter(j -> j.path("data").path("year").asInt() == year).toList()).isEmpty();
        assertThat(reminderList("dept-civil-affairs", year)).hasSize(2);
    }

    List<Map<String, Object>> reminderList(String user, int year) {
        return Api.as(port, user).get().uri("/api/v1/annual-reports/reminders?year=" + year).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
    }

    @Test
    void corrections_need_reasons_and_those_beyond_the_tolerance_are_flagged_as_discrepancies() {
        int year = 2035;
        Api.as(port, "admin").put().uri("/api/v1/annual-reports/windows/" + year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tolerancePercent", 10)).exchange().expectStatus().isOk();
        AnnualReports jan = reports.at(at(2036, 1, 5, 9));
        AnnualReport draft = jan.startDraft(dept(ORG), year, ORG).block();
        assertThat(figures(draft).get("systems.total")).isEqualTo(4.0);
        // without a reason: refused, nothing saved
        assertThatThrownBy(() -> jan.saveDraft(dept(ORG), year, ORG, new AnnualReport.DraftInput(Map.of(),
                Map.of("systems.total", new Correction(5.0, " ")))).block())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(p -> p.code().code()).containsExactly("reasonRequired"));
        assertThatThrownBy(() -> jan.saveDraft(dept(ORG), year, ORG, new AnnualReport.DraftInput(Map.of(),
                Map.of("no.such.figure", new Correction(5.0, "x")))).block()).isInstanceOf(InvalidInputException.class);
        // 4 -> 5 is 25% off (beyond 10%); 3 -> 3.2 cloud systems is 6.7% (within); 0 -> 1 connected differs whatever the tolerance
        AnnualReport saved = jan.saveDraft(dept(ORG), year, ORG, new AnnualReport.DraftInput(
                Map.of("systems", new Narrative("完成清单核查", null, "明年全部上云")),
                Map.of("systems.total", new Correction(5.0, "含一套在建系统"),
                        "systems.deployment.GOV_CLOUD", new Correction(3.2, "按折算"),
                        "connection.CONNECTED", new Correction(1.0, "自报已联调")))).block();
        Map<String, AnnualReport.Figure> byKey = new HashMap<>();
        saved.sections().forEach(s -> s.figures().forEach(x -> byKey.put(x.key(), x)));
        assertThat(byKey.get("systems.total").discrepancy()).isTrue();
        assertThat(byKey.get("systems.total").difference()).isEqualTo(25.0);
        assertThat(byKey.get("systems.deployment.GOV_CLOUD").discrepancy()).isFalse();
        assertThat(byKey.get("connection.CONNECTED").discrepancy()).isTrue();
        assertThat(saved.discrepancies()).isEqualTo(2);
        // a draft's discrepancies are not yet flagged; the submission stores them for leadership, auditors and the assessment
        assertThat(reports.discrepancies(new CurrentUser("auditor", "审计局", Role.AUDITOR, "audit"), year).block()).isEmpty();
        jan.submit(dept(ORG), year, ORG).block();
        List<Map<String, Object>> listed = Api.as(port, "auditor").get().uri("/api/v1/annual-reports/discrepancies?year=" + year).exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
        assertThat(listed).extracting(m -> m.get("figure")).containsExactlyInAnyOrder("systems.total", "connection.CONNECTED");
        assertThat(listed).allSatisfy(m -> assertThat(m).containsEntry("organisationCode", ORG));
        var published = db.inTransaction(Actor.system("test"), d -> reports.discrepancies(d, year));
        assertThat(published).extracting(AnnualReports.Discrepancy::figure).containsExactlyInAnyOrder("systems.total", "connection.CONNECTED");
        assertThat(db.inTransaction(Actor.system("test"), d -> reports.submissions(d, year)).get(ORG)).isEqualTo(Submission.ON_TIME);
        Api.as(port, "leader").get().uri("/api/v1/annual-reports?year=" + year).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.discrepancies").isEqualTo(2);
    }

    @Test
    void a_submission_is_immutable_the_office_returns_it_and_a_resubmission_is_a_new_version_with_its_differences() {
        int year = 2037;
        Api.as(port, "admin").put().uri("/api/v1/annual-reports/windows/" + year).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isOk();
        AnnualReports jan = reports.at(at(2038, 1, 4, 9));
        jan.startDraft(dept("housing"), year, "housing").block();
        jan.saveDraft(dept("housing"), year, "housing", new AnnualReport.DraftInput(Map.of("exchange", new Narrative("接口稳定", "高峰偏慢", "扩容")),
                Map.of())).block();
        AnnualReport v1 = jan.submit(dept("housing"), year, "housing").block();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.status()).isEqualTo(AnnualReport.Status.SUBMITTED);
        // no draft to edit any more, through the service or straight in the database
        assertThatThrownBy(() -> jan.saveDraft(dept("housing"), year, "housing", new AnnualReport.DraftInput(Map.of(), Map.of())).block())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> dsl.update(ANNUAL_REPORT).set(ANNUAL_REPORT.NARRATIVE, org.jooq.JSONB.valueOf("{}"))
                .where(ANNUAL_REPORT.ID.eq(v1.id())).execute()).hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> dsl.deleteFrom(ANNUAL_REPORT).where(ANNUAL_REPORT.ID.eq(v1.id())).execute())
                .hasMessageContaining("cannot be deleted");
        // only the office returns, with a comment
        Api.as(port, "dept-housing").post().uri("/api/v1/annual-reports/" + year + "/housing/versions/1/return")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("comment", "x")).exchange().expectStatus().isForbidden();
        Api.as(port, "admin").post().uri("/api/v1/annual-reports/" + year + "/housing/versions/1/return")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("comment", " ")).exchange().expectStatus().isBadRequest();
        Api.as(port, "admin").post().uri("/api/v1/annual-reports/" + year + "/housing/versions/1/return")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("comment", "请补充问题分析")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("RETURNED").jsonPath("$.returnComment").isEqualTo("请补充问题分析");
        // the department starts version 2: narrative carried over, then changed, a figure corrected
        AnnualReports later = reports.at(at(2038, 1, 6, 9));
        AnnualReport v2 = later.startDraft(dept("housing"), year, "housing").block();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.sections().stream().filter(s -> s.key().equals("exchange")).findFirst().orElseThrow().narrative().problems()).isEqualTo("高峰偏慢");
        later.saveDraft(dept("housing"), year, "housing", new AnnualReport.DraftInput(
                Map.of("exchange", new Narrative("接口稳定", "高峰时段响应超过2秒，原因为数据库索引缺失", "扩容")),
                Map.of("catalogue.compiled", new Correction(99.0, "含待发布资源")))).block();
        AnnualReport submitted = later.submit(dept("housing"), year, "housing").block();
        assertThat(submitted.version()).isEqualTo(2);
        assertThat(submitted.differences()).extracting(AnnualReport.Difference::key)
                .containsExactlyInAnyOrder("catalogue.compiled", "exchange.problems");
        assertThat(submitted.differences()).filteredOn(d -> d.key().equals("catalogue.compiled")).singleElement()
                .satisfies(d -> assertThat(d.after()).isEqualTo("99"));
        assertThat(submitted.versions()).extracting(AnnualReport.VersionRef::status)
                .containsExactly(AnnualReport.Status.RETURNED, AnnualReport.Status.SUBMITTED);
        // version 1 stays as it was submitted
        Api.as(port, "auditor").get().uri("/api/v1/annual-reports/" + year + "/housing?version=1").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("RETURNED")
                .jsonPath("$.sections[?(@.key == 'exchange')].narrative.problems").isEqualTo(List.of("高峰偏慢"));
    }

    @Test
    void a_department_sees_and_edits_only_its_own_reports() {
        // the demo's 2025 reports: water's is readable by water, the office, leadership and auditors, not by finance's department
        Api.as(port, "dept-water").get().uri("/api/v1/annual-reports/2025/water").exchange().expectStatus().isOk();
        for (String reader : List.of("admin", "leader", "auditor")) {
            Api.as(port, reader).get().uri("/api/v1/annual-reports/2025/water").exchange().expectStatus().isOk();
        }
        Api.as(port, "dept-finance").get().uri("/api/v1/annual-reports/2025/water").exchange().expectStatus().isForbidden();
        // editing: the organisation's own department only (not even the office writes a department's report)
        for (String other : List.of("dept-finance", "admin", "leader", "auditor")) {
            Api.as(port, other).post().uri("/api/v1/annual-reports/2026/water/draft").exchange().expectStatus().isForbidden();
            Api.as(port, other).put().uri("/api/v1/annual-reports/2026/water/draft").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of()).exchange().expectStatus().isForbidden();
            Api.as(port, other).post().uri("/api/v1/annual-reports/2026/water/submit").exchange().expectStatus().isForbidden();
        }
        Api.as(port, "dept-water").post().uri("/api/v1/annual-reports/2026/water/draft").exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.editable").isEqualTo(true).jsonPath("$.status").isEqualTo("DRAFT");
        Api.as(port, "leader").get().uri("/api/v1/annual-reports/2026/water").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.editable").isEqualTo(false);
        // the 2026 window opens on 1 January 2027: not yet
        Api.as(port, "dept-water").post().uri("/api/v1/annual-reports/2026/water/submit").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("windowNotOpen");
        // lists: a department gets its own row and its own discrepancies only
        Api.as(port, "dept-water").get().uri("/api/v1/annual-reports?year=2025").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.rows.length()").isEqualTo(1).jsonPath("$.rows[0].organisationCode").isEqualTo("water");
        Api.as(port, "dept-finance").get().uri("/api/v1/annual-reports/discrepancies?year=2025").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        Api.as(port, "leader").get().uri("/api/v1/annual-reports?year=2025").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.counts.LATE").isEqualTo(4)
                .jsonPath("$.rows[?(@.organisationCode == 'urban-mgmt')].submission").isEqualTo(List.of("MISSING"))
                .jsonPath("$.rows[?(@.organisationCode == 'transport')].submission").isEqualTo(List.of("LATE"))
                .jsonPath("$.discrepancies").isEqualTo(2);
        Api.as(port, "dept-water").get().uri("/api/v1/annual-reports/2025/summary.xlsx").exchange().expectStatus().isForbidden();
    }

    @Autowired
    List<AnnualReportSection> sections;

    Map<String, AnnualReportSection.Figure> measured(AnnualReportSection.Period period) {
        return db.inTransaction(Actor.system("test"), d -> {
            Map<String, AnnualReportSection.Figure> m = new LinkedHashMap<>();
            sections.forEach(s -> s.measure(d, period).forEach(x -> m.put(x.key(), x)));
            return m;
        });
    }

    @Test
    void a_past_years_standing_figures_count_the_registry_as_it_stood_at_the_year_end() throws Exception {
        String org = "ar-hist";
        post("admin", "/api/v1/organisations", Map.of("code", org, "name", "年报历史测试园区", "type", "DEVELOPMENT_ZONE", "parentCode", "suqian"), 201);
        post("admin", "/api/v1/systems", aSystem().code("ar-hist.s1").organisation(org).name("云上系统").mustConnect(true).protectionLevel(3).json(), 201);
        post("admin", "/api/v1/catalogue", aResource().code("399078/00001").name("历史资源").provider(org).sharing(SharingType.UNCONDITIONAL)
                .open(OpenAttribute.OPEN).baseDatabases(BaseDatabase.POPULATION).mountedOn(LocalDate.of(2026, 2, 1)).json(), 201);
        Thread.sleep(20);
        // the end of the "reported year": every change after it is after the year end
        java.time.OffsetDateTime yearEnd = java.time.OffsetDateTime.now();
        Thread.sleep(20);
        Map<String, Object> moved = new HashMap<>(aSystem().code("ar-hist.s1").organisation(org).name("云上系统").mustConnect(false)
                .deployment(Deployment.OTHER).status(LifecycleStatus.TO_CLEAN_UP).json());
        Api.as(port, "admin").put().uri("/api/v1/systems/ar-hist.s1").contentType(MediaType.APPLICATION_JSON).bodyValue(moved).exchange()
                .expectStatus().isOk();
        post("admin", "/api/v1/systems", aSystem().code("ar-hist.s2").organisation(org).name("年后新建系统").mustConnect(true).json(), 201);
        Api.as(port, "admin").post().uri("/api/v1/catalogue/resource/retire?code=399078/00001").exchange().expectStatus().is2xxSuccessful();

        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        // the past year, measured after its end: the registry as it stood then — the changes since do not move it
        Map<String, AnnualReportSection.Figure> past = measured(AnnualReportSection.Period.of(org, 2026, now).standingAt(yearEnd));
        assertThat(past.get("systems.total").value()).isEqualTo(1.0);
        assertThat(past.get("systems.deployment.GOV_CLOUD").value()).isEqualTo(1.0);
        assertThat(past.get("systems.status.IN_USE").value()).isEqualTo(1.0);
        assertThat(past.get("systems.status.TO_CLEAN_UP").value()).isEqualTo(0.0);
        assertThat(past.get("connection.mustConnect").value()).isEqualTo(1.0);
        assertThat(past.get("protection.filed").value()).isEqualTo(1.0);
        assertThat(past.get("zombies.open").value()).isEqualTo(0.0);
        assertThat(past.get("catalogue.compiled").value()).isEqualTo(1.0);
        assertThat(past.get("catalogue.mounted").value()).isEqualTo(1.0);
        assertThat(past.get("baseDatabases.POPULATION").value()).isEqualTo(1.0);
        LocalDate endDay = yearEnd.atZoneSameInstant(ZONE).toLocalDate();
        assertThat(past.get("systems.total").asOf()).isEqualTo(endDay);
        // a figure over the year carries no standing day
        assertThat(past.get("exchange.providedCalls").asOf()).isNull();

        // the registry today (the year not over when measured): the changes count
        Map<String, AnnualReportSection.Figure> today = measured(AnnualReportSection.Period.of(org, 2026, now));
        assertThat(today.get("systems.total").value()).isEqualTo(2.0);
        assertThat(today.get("systems.deployment.GOV_CLOUD").value()).isEqualTo(1.0);
        assertThat(today.get("systems.status.TO_CLEAN_UP").value()).isEqualTo(1.0);
        assertThat(today.get("connection.mustConnect").value()).isEqualTo(1.0);
        assertThat(today.get("zombies.open").value()).isEqualTo(1.0);
        assertThat(today.get("catalogue.compiled").value()).isEqualTo(0.0);
        assertThat(today.get("systems.total").asOf()).isEqualTo(now.atZoneSameInstant(ZONE).toLocalDate());

        // 2025: the registry's recorded history begins after 2025 ended, so nothing tells how it stood on
        // 31 December 2025 — the figure counts the registry when measured and says that day, not 2025-12-31
        Map<String, AnnualReportSection.Figure> before = measured(AnnualReportSection.Period.of(org, 2025, now));
        assertThat(before.get("systems.total").value()).isEqualTo(2.0);
        assertThat(before.get("systems.total").asOf()).isEqualTo(now.atZoneSameInstant(ZONE).toLocalDate()).isNotEqualTo(LocalDate.of(2025, 12, 31));
        // and the API shows it: the demo's 2025 report (measured in January 2026) carries its measuring day
        String body = Api.as(port, "leader").get().uri("/api/v1/annual-reports/2025/water").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode first = JsonMapper.builder().build().readTree(body).get("sections").get(0).get("figures").get(0);
        assertThat(first.get("key").asString()).isEqualTo("systems.total");
        assertThat(first.get("asOf").asString()).startsWith("2026-01-");
    }

    @Test
    void only_organisations_that_existed_in_the_reported_year_are_required_to_report() {
        String org = "ar-new";
        post("admin", "/api/v1/organisations", Map.of("code", org, "name", "年后新设园区", "type", "DEVELOPMENT_ZONE", "parentCode", "suqian"), 201);
        // created in 2026: not required for 2025 (neither listed nor missing), required for 2026
        var y2025 = reports.overview(new CurrentUser("leader", "领导小组", Role.LEADER, "gov-office"), 2025).block();
        assertThat(y2025.rows()).extracting(AnnualReports.OverviewRow::organisationCode).doesNotContain(org).contains("urban-mgmt", "water");
        assertThat(y2025.rows()).filteredOn(r -> r.organisationCode().equals("urban-mgmt")).extracting(AnnualReports.OverviewRow::submission)
                .containsExactly(Submission.MISSING);
        Map<String, Submission> submissions = db.inTransaction(Actor.system("test"), d -> reports.submissions(d, 2025));
        assertThat(submissions).doesNotContainKey(org).containsKey("water");
        var y2026 = reports.overview(new CurrentUser("leader", "领导小组", Role.LEADER, "gov-office"), 2026).block();
        assertThat(y2026.rows()).filteredOn(r -> r.organisationCode().equals(org)).extracting(AnnualReports.OverviewRow::submission)
                .containsExactly(Submission.PENDING);
        // nor is it reminded for 2025: reminders go to those required for the window's year
        List<String> required2025 = db.inTransaction(Actor.system("test"), d -> reports.reporting(d, 2025)).stream().map(o -> o.code()).toList();
        List<String> required2026 = db.inTransaction(Actor.system("test"), d -> reports.reporting(d, 2026)).stream().map(o -> o.code()).toList();
        assertThat(required2025).doesNotContain(org).contains("water");
        assertThat(required2026).contains(org);
    }

    @Test
    void finance_reads_submitted_reports_and_the_summary_but_changes_nothing() {
        Api.as(port, "finance").get().uri("/api/v1/annual-reports/2025/water").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED").jsonPath("$.editable").isEqualTo(false);
        Api.as(port, "finance").get().uri("/api/v1/annual-reports?year=2025").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.discrepancies").isEqualTo(2);
        Api.as(port, "finance").get().uri("/api/v1/annual-reports/discrepancies?year=2025").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(2);
        Api.as(port, "finance").get().uri("/api/v1/annual-reports/2025/summary.xlsx").exchange().expectStatus().isOk();
        // editing: refused — drafts, corrections, submissions, returns, windows, reminders
        Api.as(port, "finance").post().uri("/api/v1/annual-reports/2026/water/draft").exchange().expectStatus().isForbidden();
        Api.as(port, "finance").post().uri("/api/v1/annual-reports/2026/finance/draft").exchange().expectStatus().isForbidden();
        Api.as(port, "finance").put().uri("/api/v1/annual-reports/2025/water/draft").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("corrections", Map.of("systems.total", Map.of("value", 1, "reason", "x")))).exchange().expectStatus().isForbidden();
        Api.as(port, "finance").post().uri("/api/v1/annual-reports/2025/water/submit").exchange().expectStatus().isForbidden();
        Api.as(port, "finance").post().uri("/api/v1/annual-reports/2025/water/versions/1/return").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("comment", "退回")).exchange().expectStatus().isForbidden();
        Api.as(port, "finance").put().uri("/api/v1/annual-reports/windows/2040").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isForbidden();
        Api.as(port, "finance").post().uri("/api/v1/annual-reports/reminders/run").exchange().expectStatus().isForbidden();
        // the report finance read is unchanged
        Api.as(port, "leader").get().uri("/api/v1/annual-reports/2025/water").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
    }

    @Test
    void the_xlsx_summary_lists_every_organisation_with_its_figures_in_chinese() throws Exception {
        byte[] xlsx = Api.as(port, "leader").get().uri("/api/v1/annual-reports/2025/summary.xlsx").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            var heading = sheet.getRow(0);
            List<String> headings = new ArrayList<>();
            heading.forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).contains("单位", "报送情况", "政务信息系统·部署在政务云");
            int cloud = headings.indexOf("政务信息系统·部署在政务云");
            Map<String, List<String>> rows = new HashMap<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < headings.size(); c++) {
                    var cell = sheet.getRow(i).getCell(c);
                    cells.add(cell == null ? "" : cell.getStringCellValue());
                }
                rows.put(cells.getFirst(), cells);
            }
            // water reported 12 systems on the cloud (its correction), urban management never submitted
            assertThat(rows.get("water").get(cloud)).isEqualTo("12");
            assertThat(rows.get("water").get(2)).isEqualTo("按时报送");
            assertThat(rows.get("urban-mgmt").get(2)).isEqualTo("未报送");
            // the day water's standing figures count the registry on (the demo's registry history starts at start-up,
            // after the end of 2025: the measuring day)
            int asOf = headings.indexOf("存量数字截至");
            assertThat(asOf).isPositive();
            assertThat(rows.get("water").get(asOf)).matches("\\d{4}-\\d{2}-\\d{2}").isGreaterThan("2025-12-31");
        }
    }
}
