package cn.suqian.govshare.assessment;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessment end to end over the real application: a run over every organisation, manual values, publication
 * that freezes (a re-run reproduces exactly the same numbers though the registries changed), the challenge flow
 * with a corrected result version, the final grade handed to eligibility (R10), and a what-if that changes nothing
 * published. Year 2032 is this test's own.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssessmentIntegrationTests {

    static final int YEAR = 2032;
    static final Actor OFFICE = new Actor("admin", null);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    Assessments assessments;
    @Autowired
    Db db;
    @Autowired
    PublishedGrades grades;

    JsonNode call(String user, String method, String path, Object body, int status) {
        var spec = Api.as(port, user).method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
        var exchange = body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        var result = exchange.expectBody(String.class).returnResult();
        String text = result.getResponseBody() == null ? "" : result.getResponseBody();
        assertThat(result.getStatus().value()).as(method + " " + path + " " + text).isEqualTo(status);
        return text.isBlank() || !text.startsWith("{") && !text.startsWith("[") ? null : JSON.readTree(text);
    }

    org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec upload(String user, String path, String name, byte[] content) {
        var body = new org.springframework.http.client.MultipartBodyBuilder();
        body.part("file", new org.springframework.core.io.ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return Api.as(port, user).post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(body.build())).exchange();
    }

    static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode indicator(JsonNode scorecard, String code) {
        for (JsonNode i : scorecard.get("indicators")) {
            if (i.get("code").asString().equals(code)) {
                return i;
            }
        }
        throw new AssertionError("no indicator " + code);
    }

    @Test
    @Order(1)
    void a_run_scores_every_organisation_with_each_indicator_explained() {
        call("admin", "POST", "/api/v1/systems", aSystem().code("water.as1").organisation("water").name("考核测试系统").mustConnect(false).json(), 201);
        var outcome = db.inTransaction(OFFICE, dsl -> assessments.run(dsl, OFFICE, YEAR, null));
        assertThat(outcome.run().purpose()).isEqualTo(AssessmentRun.Purpose.OFFICIAL);
        assertThat(outcome.run().status()).isEqualTo(AssessmentRun.Status.DONE);
        assertThat(outcome.scores()).extracting(Scoring.OrganisationScore::organisationCode).contains("water").doesNotContain("suqian");

        JsonNode card = call("admin", "GET", "/api/v1/assessments/" + YEAR + "/results/water", null, 200);
        assertThat(card.get("methodology").get("version").asInt()).isEqualTo(1);
        JsonNode cloud = indicator(card, "cloud");
        assertThat(cloud.get("status").asString()).isEqualTo("SCORED");
        assertThat(cloud.get("formula").asString()).contains("/");
        assertThat(cloud.get("evidence").toString()).contains("/systems.html?code=water.as1");
        // a future year has no exchange traffic and no report window: no data, left out, never 0
        assertThat(indicator(card, "served").get("status").asString()).isEqualTo("NO_DATA");
        assertThat(indicator(card, "reportOnTime").get("status").asString()).isEqualTo("NO_DATA");
        assertThat(indicator(card, "onlineServices").get("points").isNull()).isTrue();
        // departments read their own scorecard only
        call("dept-water", "GET", "/api/v1/assessments/" + YEAR + "/results/water", null, 200);
        call("dept-water", "GET", "/api/v1/assessments/" + YEAR + "/results/finance", null, 403);
        JsonNode board = call("dept-water", "GET", "/api/v1/assessments/" + YEAR + "/results", null, 200);
        assertThat(board.get("rows")).hasSize(1);
    }

    @Test
    @Order(2)
    void manual_values_need_evidence_and_a_reason_and_are_the_office_s() {
        call("admin", "PUT", "/api/v1/assessments/" + YEAR + "/manual-values",
                Map.of("organisationCode", "water", "indicatorCode", "onlineServices", "value", 80), 400);
        call("dept-water", "PUT", "/api/v1/assessments/" + YEAR + "/manual-values",
                Map.of("organisationCode", "water", "indicatorCode", "onlineServices", "value", 100, "evidence", "x", "reason", "y"), 403);
        call("admin", "PUT", "/api/v1/assessments/" + YEAR + "/manual-values",
                Map.of("organisationCode", "water", "indicatorCode", "cloud", "value", 80, "evidence", "x", "reason", "y"), 400);
        call("admin", "PUT", "/api/v1/assessments/" + YEAR + "/manual-values", Map.of("organisationCode", "water", "indicatorCode", "onlineServices",
                "value", 80, "evidence", "政务服务网事项清单 2032", "reason", "年度核查"), 204);
        db.inTransaction(OFFICE, dsl -> assessments.run(dsl, OFFICE, YEAR, null));
        JsonNode online = indicator(call("admin", "GET", "/api/v1/assessments/" + YEAR + "/results/water", null, 200), "onlineServices");
        assertThat(online.get("points").asDouble()).isEqualTo(4.8);
        assertThat(online.get("evidence").toString()).contains("政务服务网事项清单 2032");
    }

    @Test
    @Order(3)
    void a_published_year_is_frozen_and_a_re_run_reproduces_exactly_the_same_numbers() {
        JsonNode before = call("leader", "GET", "/api/v1/assessments/" + YEAR + "/results", null, 200);
        call("dept-water", "POST", "/api/v1/assessments/" + YEAR + "/publish", Map.of(), 403);
        call("admin", "POST", "/api/v1/assessments/" + YEAR + "/publish", Map.of("challengeUntil", LocalDate.now().plusDays(10).toString()), 200);
        // the registries change after publication ...
        call("admin", "POST", "/api/v1/systems", aSystem().code("water.as2").organisation("water").name("发布后新增系统").mustConnect(true).json(), 201);
        // ... a re-run still reproduces the frozen numbers, as a reproduction beside the result, not over it
        var again = db.inTransaction(OFFICE, dsl -> assessments.run(dsl, OFFICE, YEAR, null));
        assertThat(again.run().purpose()).isEqualTo(AssessmentRun.Purpose.REPRODUCTION);
        assertThat(again.reproduces()).isTrue();
        JsonNode after = call("leader", "GET", "/api/v1/assessments/" + YEAR + "/results", null, 200);
        assertThat(after.get("runId")).isEqualTo(before.get("runId"));
        assertThat(after.get("rows").toString()).isEqualTo(before.get("rows").toString());
        call("admin", "PUT", "/api/v1/assessments/" + YEAR + "/manual-values", Map.of("organisationCode", "water", "indicatorCode", "onlineServices",
                "value", 10, "evidence", "x", "reason", "y"), 400);
    }

    @Test
    @Order(4)
    void a_run_started_over_http_streams_its_progress() {
        JsonNode run = call("admin", "POST", "/api/v1/assessments/" + YEAR + "/runs", null, 202);
        long id = run.get("id").asLong();
        List<String> events = Api.as(port, "admin").get().uri("/api/v1/assessments/" + YEAR + "/runs/" + id + "/events")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().collectList().block(java.time.Duration.ofSeconds(30));
        assertThat(String.join("\n", events)).contains("done");
        call("dept-water", "GET", "/api/v1/assessments/" + YEAR + "/runs", null, 403);
    }

    @Test
    @Order(5)
    void a_department_challenges_an_indicator_and_the_office_corrects_or_rejects_with_a_reason() {
        JsonNode card = call("dept-water", "GET", "/api/v1/assessments/" + YEAR + "/results/water", null, 200);
        double total = card.get("total").asDouble();
        assertThat(card.get("canChallenge").asBoolean()).isTrue();
        call("dept-water", "POST", "/api/v1/assessments/" + YEAR + "/challenges",
                Map.of("organisationCode", "finance", "indicatorCode", "cloud", "reason", "x"), 403);
        call("dept-water", "POST", "/api/v1/assessments/" + YEAR + "/challenges",
                Map.of("organisationCode", "water", "indicatorCode", "noSuch", "reason", "x"), 400);
        JsonNode accepted = call("dept-water", "POST", "/api/v1/assessments/" + YEAR + "/challenges",
                Map.of("organisationCode", "water", "indicatorCode", "onlineServices", "reason", "事项已全部接入一网通办"), 201);
        // its evidence: a file judged by its content, kept with its checksum, read back only as a download
        String files = "/api/v1/assessments/" + YEAR + "/challenges/" + accepted.get("id").asLong() + "/attachments";
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        upload("dept-water", files, "接入清单.pdf", "<html><script>alert(1)</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("fileType");
        upload("dept-transport", files, "接入清单.pdf", pdf).expectStatus().isNotFound(); // another department's challenge
        upload("admin", files, "接入清单.pdf", pdf).expectStatus().isForbidden(); // only the department that filed it
        JsonNode file = JSON.readTree(upload("dept-water", files, "一网通办接入清单.pdf", pdf).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(file.get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(file.get("sha256").asString()).isEqualTo(java.util.HexFormat.of().formatHex(sha256(pdf)));
        var download = Api.as(port, "auditor").get().uri(files + "/" + file.get("id").asLong()).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().value(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, v -> assertThat(v).startsWith("attachment"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(download).isEqualTo(pdf);
        Api.as(port, "dept-transport").get().uri(files + "/" + file.get("id").asLong()).exchange().expectStatus().isNotFound();
        JsonNode listed = call("dept-water", "GET", "/api/v1/assessments/" + YEAR + "/challenges", null, 200);
        assertThat(listed.findValuesAsString("fileName")).contains("一网通办接入清单.pdf");
        JsonNode rejected = call("dept-water", "POST", "/api/v1/assessments/" + YEAR + "/challenges",
                Map.of("organisationCode", "water", "indicatorCode", "cloud", "reason", "系统已上云"), 201);
        call("admin", "POST", "/api/v1/assessments/" + YEAR + "/finalise", null, 400); // challenges undecided
        call("dept-water", "POST", "/api/v1/assessments/" + YEAR + "/challenges/" + accepted.get("id").asLong() + "/decision",
                Map.of("accept", true, "reason", "x", "correctedPercent", 100), 403);
        call("admin", "POST", "/api/v1/assessments/" + YEAR + "/challenges/" + accepted.get("id").asLong() + "/decision",
                Map.of("accept", true, "reason", "核实清单，事项均已接入", "correctedPercent", 100), 200);
        call("admin", "POST", "/api/v1/assessments/" + YEAR + "/challenges/" + rejected.get("id").asLong() + "/decision",
                Map.of("accept", false, "reason", ""), 400);
        JsonNode decided = call("admin", "POST", "/api/v1/assessments/" + YEAR + "/challenges/" + rejected.get("id").asLong() + "/decision",
                Map.of("accept", false, "reason", "清单显示该系统仍在自建机房"), 200);
        assertThat(decided.get("status").asString()).isEqualTo("REJECTED");

        JsonNode corrected = call("dept-water", "GET", "/api/v1/assessments/" + YEAR + "/results/water", null, 200);
        assertThat(corrected.get("resultVersion").asInt()).isEqualTo(2);
        assertThat(corrected.get("correctionReason").asString()).contains("核实清单");
        assertThat(corrected.get("total").asDouble()).isGreaterThan(total);
        assertThat(indicator(corrected, "onlineServices").get("points").asDouble()).isEqualTo(6.0);
        JsonNode audit = call("admin", "GET", "/api/v1/audit?entityType=assessment_challenge", null, 200);
        assertThat(audit.toString()).contains("核实清单");
    }

    @Test
    @Order(6)
    void the_final_grade_is_what_rule_r10_reads() {
        call("admin", "POST", "/api/v1/assessments/" + YEAR + "/finalise", null, 200);
        JsonNode card = call("admin", "GET", "/api/v1/assessments/" + YEAR + "/results/water", null, 200);
        var grade = db.inTransaction(OFFICE, dsl -> grades.grade(dsl, "water", YEAR)).orElseThrow();
        assertThat(grade.label()).isEqualTo(card.get("grade").asString());
        assertThat(grade.passing()).isEqualTo(!"不合格".equals(grade.label()));
        assertThat(grade.link()).contains("/assessment-scorecard.html?year=" + YEAR + "&organisation=water");
        java.util.Optional<cn.suqian.govshare.eligibility.AssessmentGrades.Grade> none = db.inTransaction(OFFICE, dsl -> grades.grade(dsl, "water", YEAR + 1));
        assertThat(none).isEmpty();
    }

    @Test
    @Order(7)
    void a_what_if_runs_another_version_on_the_same_facts_and_changes_nothing_published() {
        JsonNode before = call("admin", "GET", "/api/v1/assessments/" + YEAR + "/results", null, 200);
        String yaml = MethodologyService.defaultYaml().replace("weight: 6, parameters: {predicate: CLOUD}", "weight: 30, parameters: {predicate: CLOUD}");
        call("dept-water", "POST", "/api/v1/methodologies/" + YEAR, Map.of("yaml", yaml, "changeLog", "上云权重提高"), 403);
        call("admin", "POST", "/api/v1/methodologies/" + YEAR, Map.of("yaml", "pillars: []", "changeLog", "x"), 400);
        JsonNode v2 = call("admin", "POST", "/api/v1/methodologies/" + YEAR, Map.of("yaml", yaml, "changeLog", "上云权重提高"), 201);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("author").asString()).isEqualTo("admin");
        JsonNode whatIf = call("admin", "POST", "/api/v1/assessments/" + YEAR + "/what-if?version=2", null, 200);
        assertThat(whatIf.get("baseVersion").asInt()).isEqualTo(1);
        assertThat(whatIf.get("rows").toString()).contains("\"otherTotal\"").contains("indicatorPoints");
        JsonNode after = call("admin", "GET", "/api/v1/assessments/" + YEAR + "/results", null, 200);
        assertThat(after.toString()).isEqualTo(before.toString());
        String exported = Api.as(port, "auditor").get().uri("/api/v1/methodologies/" + YEAR + "/2/yaml").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().collectList().map(l -> String.join("", l)).block();
        assertThat(exported).contains("weight: 30").contains("网络通");
    }

    @Test
    @Order(8)
    @SuppressWarnings("unchecked")
    void rule_r10_reads_the_final_grade_of_the_previous_year_for_the_budget_year_s_requests() {
        // the demo city's 2025 assessment is final: water's budget-year 2026 requests read its grade as evidence
        JsonNode card = call("finance", "GET", "/api/v1/assessments/2025/results/water", null, 200);
        assertThat(card.get("state").asString()).isEqualTo("FINAL");
        boolean failing = "不合格".equals(card.get("grade").asString());
        Map<String, Object> f = new java.util.HashMap<>();
        f.put("organisationCode", "water");
        f.put("budgetYear", 2026);
        f.put("projectType", "NEW_BUILD");
        f.put("name", "考核衔接测试项目");
        f.put("constructionAmount", 100000);
        f.put("omAmount", 0);
        f.put("fundingSources", List.of(Map.of("source", "财政预算", "construction", 100000, "om", 0)));
        f.put("systemCodes", List.of("water.s01"));
        f.put("plannedSystems", List.of(Map.of("name", "考核衔接测试系统", "purpose", "水利业务")));
        f.put("deployment", "GOV_CLOUD");
        f.put("network", "EGOV_EXTRANET");
        f.put("providedResources", List.of("201001/000001"));
        f.put("connectionPlan", "通过前置机接入市级共享平台");
        f.put("protectionLevel", 2);
        f.put("performanceTargets", "共享率100%");
        JsonNode filing = call("dept-water", "POST", "/api/v1/filings", f, 201);
        JsonNode detail = call("finance", "GET", "/api/v1/eligibility/filings/" + filing.get("id").asLong(), null, 200);
        JsonNode r10 = null;
        for (JsonNode o : detail.get("verdict").get("outcomes")) {
            if (o.get("ruleId").asString().equals("R10")) {
                r10 = o;
            }
        }
        assertThat(r10).as("R10 outcome").isNotNull();
        assertThat(r10.get("result").asString()).isEqualTo(failing ? "FIRED" : "PASSED");
        JsonNode grade = r10.get("evidence").get("organisation.assessmentGrade");
        assertThat(grade.get("value").asString()).isEqualTo(failing ? "FAILING" : "PASSING");
        assertThat(grade.get("detail").asString()).isEqualTo(card.get("grade").asString());
        assertThat(grade.get("link").asString()).isEqualTo("/assessment-scorecard.html?year=2025&organisation=water");
        if (failing) {
            assertThat(r10.get("verdict").asString()).isEqualTo("NEEDS_REVIEW");
        }
    }
}
