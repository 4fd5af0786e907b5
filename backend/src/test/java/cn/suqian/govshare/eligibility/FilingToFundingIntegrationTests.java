package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From a department's filing to its verdict to finance's decision to the audit trail, through the API as people
 * use it; attachments judged by content and served only as downloads; a past year's verdicts untouched when a later
 * year's rules change.
 */
@IntegrationTest
class FilingToFundingIntegrationTests {

    @LocalServerPort
    int port;

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    Map<String, Object> filing(int year, String name, String network) {
        Map<String, Object> f = new HashMap<>();
        f.put("organisationCode", "water");
        f.put("budgetYear", year);
        f.put("projectType", "NEW_BUILD");
        f.put("name", name);
        f.put("constructionAmount", 800000);
        f.put("omAmount", 0);
        f.put("fundingSources", List.of(Map.of("source", "财政预算", "construction", 800000, "om", 0)));
        f.put("systemCodes", List.of("water.s01"));
        f.put("plannedSystems", List.of(Map.of("name", name + "系统", "purpose", "水利业务")));
        f.put("deployment", "GOV_CLOUD");
        f.put("network", network);
        f.put("networkJustification", "NEW_PRIVATE_NETWORK".equals(network) ? "水文监测专用" : null);
        f.put("providedResources", List.of("201001/000001"));
        f.put("connectionPlan", "通过前置机接入市级共享平台");
        f.put("protectionLevel", 2);
        f.put("performanceTargets", "汛期监测数据共享率100%");
        return f;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(String user, String uri, Object body, int status) {
        return Api.as(port, user).post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String user, String uri) {
        return Api.as(port, user).get().uri(uri).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    long createFiled(int year, String name, String network) {
        long id = ((Number) post("dept-water", "/api/v1/filings", filing(year, name, network), 201).get("id")).longValue();
        attach(id, "可研报告.pdf", PDF).expectStatus().isCreated();
        post("dept-water", "/api/v1/filings/" + id + "/transitions", Map.of("action", "SUBMIT"), 200);
        return id;
    }

    org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec attach(long id, String name, byte[] content) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(MediaType.TEXT_PLAIN);
        return Api.as(port, "dept-water").post().uri("/api/v1/filings/" + id + "/attachments?kind=FEASIBILITY_STUDY")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build())).exchange();
    }

    @Test
    @SuppressWarnings("unchecked")
    void filing_to_verdict_to_funding_decision_to_audit_trail() {
        long id = ((Number) post("dept-water", "/api/v1/filings", filing(2027, "防汛指挥调度新建项目", "NEW_PRIVATE_NETWORK"), 201).get("id")).longValue();

        // incomplete: the feasibility study is missing, so it cannot be submitted
        var refused = post("dept-water", "/api/v1/filings/" + id + "/transitions", Map.of("action", "SUBMIT"), 400);
        assertThat((List<Map<String, Object>>) refused.get("errors")).extracting(e -> e.get("code")).contains("attachmentRequired");

        // an HTML page named .pdf is refused by its content; a real PDF is kept with its checksum
        attach(id, "可研报告.pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("fileType");
        attach(id, "可研报告.html", PDF).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("fileNameMismatch");
        Map<String, Object> attachment = (Map<String, Object>) attach(id, "可研报告.pdf", PDF).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(attachment.get("contentType")).isEqualTo("application/pdf");
        assertThat((String) attachment.get("sha256")).hasSize(64);
        var download = Api.as(port, "leader").get().uri("/api/v1/filings/" + id + "/attachments/" + attachment.get("id")).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult();
        assertThat(download.getResponseBody()).isEqualTo(PDF);
        assertThat(download.getResponseHeaders().getFirst("Content-Disposition")).startsWith("attachment");
        assertThat(download.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");

        // submitted after the 2027 window closed: accepted, marked late
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Api.as(port, "dept-water").put().uri("/api/v1/filings/windows/2027").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("opensOn", today.minusDays(90).toString(), "closesOn", today.minusDays(1).toString()))
                .exchange().expectStatus().isForbidden();
        Api.as(port, "admin").put().uri("/api/v1/filings/windows/2027").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("opensOn", today.minusDays(90).toString(), "closesOn", today.minusDays(1).toString()))
                .exchange().expectStatus().isOk();
        var submitted = post("dept-water", "/api/v1/filings/" + id + "/transitions", Map.of("action", "SUBMIT", "comment", "请审核"), 200);
        assertThat(submitted.get("status")).isEqualTo("SUBMITTED");
        assertThat(submitted.get("late")).isEqualTo(true);

        // only the office reviews; another department cannot even read it
        post("dept-water", "/api/v1/filings/" + id + "/transitions", Map.of("action", "START_REVIEW"), 403);
        Api.as(port, "dept-finance").get().uri("/api/v1/filings/" + id).exchange().expectStatus().isForbidden();
        post("admin", "/api/v1/filings/" + id + "/transitions", Map.of("action", "START_REVIEW"), 200);
        post("admin", "/api/v1/filings/" + id + "/transitions", Map.of("action", "REJECT"), 400);
        assertThat(post("admin", "/api/v1/filings/" + id + "/transitions", Map.of("action", "APPROVE", "comment", "同意"), 200).get("status"))
                .isEqualTo("APPROVED");

        // the verdict: a new private network (R3) is not eligible; no assessment is published, so R10 names the missing grade
        var detail = get("finance", "/api/v1/eligibility/filings/" + id);
        var verdict = (Map<String, Object>) detail.get("verdict");
        assertThat(verdict.get("verdict")).isEqualTo("NOT_ELIGIBLE");
        var outcomes = (List<Map<String, Object>>) verdict.get("outcomes");
        assertThat(outcomes).extracting(o -> o.get("ruleId")).contains("R1", "R2", "R3", "R5", "R6", "R7", "R8", "R10", "R11");
        assertThat(outcomes).filteredOn(o -> o.get("ruleId").equals("R3")).singleElement()
                .satisfies(o -> {
                    assertThat(o.get("result")).isEqualTo("FIRED");
                    assertThat((String) o.get("planText")).contains("原则上不再另行建设新的业务专网");
                    assertThat((Map<String, Object>) o.get("evidence")).containsKey("filing.network");
                });
        assertThat(outcomes).filteredOn(o -> o.get("ruleId").equals("R10")).singleElement()
                .satisfies(o -> {
                    assertThat(o.get("result")).isEqualTo("NEEDS_REVIEW");
                    assertThat((List<String>) o.get("missing")).containsExactly("organisation.assessmentGrade");
                });
        assertThat((List<?>) detail.get("history")).hasSizeGreaterThanOrEqualTo(2); // created as a draft, then filed

        // funding it against "not eligible" needs a reason, and is flagged to auditors
        post("finance", "/api/v1/eligibility/filings/" + id + "/decision", Map.of("decision", "FUNDED"), 400);
        post("admin", "/api/v1/eligibility/filings/" + id + "/decision", Map.of("decision", "FUNDED", "reason", "x"), 403);
        var decision = post("finance", "/api/v1/eligibility/filings/" + id + "/decision",
                Map.of("decision", "FUNDED", "reason", "防汛急需，领导小组会议纪要〔2026〕12号"), 201);
        assertThat(decision.get("againstVerdict")).isEqualTo(true);
        List<Map<String, Object>> flagged = Api.as(port, "auditor").get().uri("/api/v1/eligibility/decisions/flagged?year=2027").exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
        assertThat(flagged).extracting(d -> ((Number) d.get("filingId")).longValue()).contains(id);

        // an exemption from R3 (an "in principle" rule): eligible by exemption as far as R3 goes, shown beside the verdict
        post("dept-water", "/api/v1/exemptions", Map.of("budgetYear", 2027, "ruleId", "R3", "filingId", id, "reason", "x"), 403);
        post("admin", "/api/v1/exemptions", Map.of("budgetYear", 2027, "ruleId", "R8", "filingId", id, "reason", "x"), 400);
        post("admin", "/api/v1/exemptions", Map.of("budgetYear", 2027, "ruleId", "R3", "filingId", id, "reason", "水文专网属涉密改造过渡"), 201);
        var after = (Map<String, Object>) get("finance", "/api/v1/eligibility/filings/" + id).get("verdict");
        assertThat((List<Map<String, Object>>) after.get("outcomes")).filteredOn(o -> o.get("ruleId").equals("R3")).singleElement()
                .satisfies(o -> assertThat(o.get("result")).isEqualTo("EXEMPTED"));
        assertThat((String) after.get("cause")).contains("exemption");
        assertThat(after.get("causeCode")).isEqualTo("exemptionGranted");
        // R3 no longer decides: what remains is what the other rules say (R10 at least asks for review)
        boolean othersBlock = ((List<Map<String, Object>>) after.get("outcomes")).stream().anyMatch(o -> !o.get("ruleId").equals("R3")
                && "FIRED".equals(o.get("result")) && "NOT_ELIGIBLE".equals(o.get("verdict")));
        assertThat(after.get("verdict")).isEqualTo(othersBlock ? "NOT_ELIGIBLE" : "NEEDS_REVIEW");

        // the audit trail holds every transition, the decision and the exemption
        var trail = get("auditor", "/api/v1/audit?entityType=filing_transition&entityId=" + id + "&limit=50");
        assertThat((List<Map<String, Object>>) trail.get("items")).hasSizeGreaterThanOrEqualTo(4);
        assertThat((List<?>) get("auditor", "/api/v1/audit?entityType=funding_decision&entityId=" + id).get("items")).isNotEmpty();
        var history = get("dept-water", "/api/v1/filings/" + id + "/history");
        assertThat((List<Map<String, Object>>) history.get("transitions")).extracting(t -> t.get("to"))
                .containsExactly("DRAFT", "SUBMITTED", "UNDER_REVIEW", "APPROVED");

        // the board lists it with its reasons; the export says them in Chinese
        var board = get("finance", "/api/v1/eligibility?year=2027&rule=R3");
        assertThat((List<Map<String, Object>>) board.get("items")).extracting(i -> ((Number) i.get("filingId")).longValue()).contains(id);
        String csv = new String(Api.as(port, "finance").get().uri("/api/v1/eligibility/export?year=2027&format=csv").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(csv).contains("资格结论", "防汛指挥调度新建项目", "已豁免");
        Api.as(port, "finance").get().uri("/api/v1/eligibility/export?year=2027&format=xlsx").exchange().expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // departments see only their own on the board
        var own = get("dept-finance", "/api/v1/eligibility?year=2027");
        assertThat((List<Map<String, Object>>) own.get("items")).allMatch(i -> "finance".equals(i.get("organisationCode")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_later_years_rule_change_leaves_a_past_years_verdicts_as_they_were() {
        long past = createFiled(2026, "水资源监测往年项目", "EGOV_EXTRANET");
        var before = (Map<String, Object>) get("finance", "/api/v1/eligibility/filings/" + past).get("verdict");

        Api.as(port, "admin").put().uri("/api/v1/eligibility/rules/2027/R3").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("condition", "filing.network in ['NEW_PRIVATE_NETWORK', 'EXISTING_PRIVATE_NETWORK']",
                        "summary", "新建或继续使用业务专网的项目，不予批准", "changeReason", "2027年起专网一律迁移"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        Api.as(port, "admin").put().uri("/api/v1/eligibility/rules/2027/R3").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("condition", "filing.network ==", "changeReason", "x"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("conditionSyntax");

        var after = (Map<String, Object>) get("finance", "/api/v1/eligibility/filings/" + past).get("verdict");
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat(after.get("rules")).isEqualTo(before.get("rules"));
        assertThat((List<String>) after.get("rules")).allMatch(k -> k.startsWith("2026/"));
        var reproduction = get("auditor", "/api/v1/eligibility/filings/" + past + "/verdicts/" + before.get("id") + "/reproduction");
        assertThat(reproduction.get("identical")).isEqualTo(true);
        assertThat((List<?>) get("leader", "/api/v1/eligibility/rules?year=2026").get("rules")).hasSize(11);
    }
}
