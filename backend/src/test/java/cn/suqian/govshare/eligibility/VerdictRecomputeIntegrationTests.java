package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verdicts follow their facts when the facts change by an edit, not only on the scheduled re-read: a system edited
 * in the inventory, an organisation edited in the registry, an exemption granted and revoked — each recomputes the
 * verdicts concerned at once, and the verdict history says what changed and why.
 */
@IntegrationTest
class VerdictRecomputeIntegrationTests {

    static final int YEAR = 2027;

    @LocalServerPort
    int port;

    @SuppressWarnings("unchecked")
    Map<String, Object> send(String user, String method, String uri, Object body, int status) {
        var spec = switch (method) {
            case "PUT" -> Api.as(port, user).put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
            default -> Api.as(port, user).post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        };
        return spec.exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String user, String uri) {
        return Api.as(port, user).get().uri(uri).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    Map<String, Object> filing(String organisation, String system, String name) {
        Map<String, Object> f = new HashMap<>();
        f.put("organisationCode", organisation);
        f.put("budgetYear", YEAR);
        f.put("projectType", "OPERATION_MAINTENANCE");
        f.put("name", name);
        f.put("constructionAmount", 0);
        f.put("omAmount", 120000);
        f.put("fundingSources", List.of(Map.of("source", "财政预算", "construction", 0, "om", 80000),
                Map.of("source", "自筹", "construction", 0, "om", 40000)));
        f.put("systemCodes", List.of(system));
        f.put("deployment", "GOV_CLOUD");
        f.put("network", "NEW_PRIVATE_NETWORK");
        f.put("networkJustification", "监测专网");
        f.put("dataRoomWork", "BUILD");
        f.put("connectionPlan", "接入市级共享平台");
        f.put("protectionLevel", 2);
        f.put("performanceTargets", "数据按时共享");
        return f;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> outcome(Map<String, Object> verdict, String rule) {
        return ((List<Map<String, Object>>) verdict.get("outcomes")).stream().filter(o -> rule.equals(o.get("ruleId"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> verdict(long id) {
        return (Map<String, Object>) get("finance", "/api/v1/eligibility/filings/" + id).get("verdict");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history(long id) {
        return (List<Map<String, Object>>) get("finance", "/api/v1/eligibility/filings/" + id).get("history");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_inventory_edit_of_a_system_recomputes_the_verdicts_naming_it_with_the_edit_as_cause() {
        String code = "water.h12b-recompute";
        Map<String, Object> system = aSystem().code(code).name("水质监测运维对象").mustConnect(false).protectionLevel(1).json();
        send("dept-water", "POST", "/api/v1/systems", system, 201);
        long id = ((Number) send("dept-water", "POST", "/api/v1/filings", filing("water", code, "水质监测运维"), 201).get("id")).longValue();
        // several funding sources are kept as filed
        assertThat((List<Map<String, Object>>) get("dept-water", "/api/v1/filings/" + id).get("fundingSources"))
                .extracting(s -> s.get("source")).containsExactly("财政预算", "自筹");
        assertThat(outcome(verdict(id), "R11").get("result")).as("protection filed at level 1, the request asks level 2").isEqualTo("FIRED");
        int before = history(id).size();

        // the department files the system's classified protection at level 3 in the inventory: the verdict follows at once
        system.put("protectionLevel", 3);
        send("dept-water", "PUT", "/api/v1/systems/" + code, system, 200);
        Map<String, Object> after = verdict(id);
        assertThat(outcome(after, "R11").get("result")).isEqualTo("PASSED");
        assertThat(after.get("causeCode")).isEqualTo("systemEdited");
        assertThat((Map<String, Object>) after.get("causeParams")).containsEntry("systems", code).containsEntry("user", "dept-water");
        assertThat((List<Map<String, Object>>) after.get("changes")).anySatisfy(c -> {
            assertThat(c.get("system")).isEqualTo(code);
            assertThat(c.get("fact")).isEqualTo("system.protectionLevel");
            assertThat(((Number) c.get("before")).intValue()).isEqualTo(1);
            assertThat(((Number) c.get("after")).intValue()).isEqualTo(3);
        });
        List<Map<String, Object>> history = history(id);
        assertThat(history).hasSize(before + 1);
        assertThat(history.getFirst().get("causeCode")).isEqualTo("systemEdited");

        // an edit that changes nothing the rules read writes no verdict
        system.put("purpose", "水质在线监测");
        send("dept-water", "PUT", "/api/v1/systems/" + code, system, 200);
        assertThat(history(id)).hasSize(before + 1);

        // retiring the system: the request now names a system that is not registered
        send("dept-water", "POST", "/api/v1/systems/" + code + "/retire", Map.of("reason", "停用"), 200);
        Map<String, Object> retired = verdict(id);
        assertThat(retired.get("causeCode")).isEqualTo("systemRetired");
        assertThat((List<Map<String, Object>>) retired.get("changes")).anySatisfy(c -> assertThat(c.get("fact")).isEqualTo("system.registered"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_registry_edit_of_a_private_network_recomputes_its_organisations_requests() {
        String net = "water.h12b-recompute-net";
        send("dept-water", "POST", "/api/v1/networks", cn.suqian.govshare.support.Facilities.aPrivateNetwork().code(net).organisation("water")
                .name("水质监测专网").utilisation("20").measuredOn(java.time.LocalDate.now().minusDays(3)).build(), 201);
        String code = "water.h12b-recompute-on-net";
        Map<String, Object> system = aSystem().code(code).name("专网上的监测系统").mustConnect(false).protectionLevel(2)
                .onPrivateNetwork(net, java.time.LocalDate.now().plusYears(1)).json();
        send("dept-water", "POST", "/api/v1/systems", system, 201);
        Map<String, Object> body = filing("water", code, "专网监测运维");
        body.put("network", "EGOV_EXTRANET");
        body.remove("networkJustification");
        long id = ((Number) send("dept-water", "POST", "/api/v1/filings", body, 201).get("id")).longValue();
        int before = history(id).size();
        assertThat(verdict(id).toString()).contains("system.privateNetworkUtilisation");

        // the network's utilisation is measured again: the requests of its organisation follow at once, the edit as cause
        send("dept-water", "PUT", "/api/v1/networks/" + net, cn.suqian.govshare.support.Facilities.aPrivateNetwork().code(net).organisation("water")
                .name("水质监测专网").utilisation("65").measuredOn(java.time.LocalDate.now()).build(), 200);
        Map<String, Object> after = verdict(id);
        assertThat(after.get("causeCode")).isEqualTo("recordEdited");
        assertThat((Map<String, Object>) after.get("causeParams")).containsEntry("records", net).containsEntry("user", "dept-water");
        assertThat((List<Map<String, Object>>) after.get("changes")).anySatisfy(c -> {
            assertThat(c.get("fact")).isEqualTo("system.privateNetworkUtilisation");
            assertThat(((Number) c.get("after")).doubleValue()).isEqualTo(65.0);
        });
        assertThat(history(id)).hasSize(before + 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_registry_edit_of_an_organisation_recomputes_its_requests_verdicts() {
        String org = "h12b-recompute-park";
        send("admin", "POST", "/api/v1/organisations", Map.of("code", org, "name", "资格重算测试园区", "type", "DEVELOPMENT_ZONE",
                "parentCode", "suqian"), 201);
        String code = org + ".s1";
        send("admin", "POST", "/api/v1/systems", aSystem().code(code).organisation(org).name("园区政务系统").mustConnect(false).protectionLevel(2).json(), 201);
        long id = ((Number) send("admin", "POST", "/api/v1/filings", filing(org, code, "园区机房扩建"), 201).get("id")).longValue();
        assertThat(outcome(verdict(id), "R5").get("result")).as("not a county or district").isEqualTo("NOT_APPLICABLE");

        // the office records that the organisation is a county/district: building a data room is now refused (R5)
        send("admin", "PUT", "/api/v1/organisations/" + org, Map.of("code", org, "name", "资格重算测试园区", "type", "COUNTY_DISTRICT",
                "parentCode", "suqian"), 200);
        Map<String, Object> after = verdict(id);
        assertThat(outcome(after, "R5").get("result")).isEqualTo("FIRED");
        assertThat(after.get("verdict")).isEqualTo("NOT_ELIGIBLE");
        assertThat(after.get("causeCode")).isEqualTo("organisationEdited");
        assertThat((List<Map<String, Object>>) after.get("changes")).anySatisfy(c -> {
            assertThat(c.get("fact")).isEqualTo("organisation.type");
            assertThat(c.get("before")).isEqualTo("DEVELOPMENT_ZONE");
            assertThat(c.get("after")).isEqualTo("COUNTY_DISTRICT");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void granting_and_revoking_an_exemption_are_recorded_in_the_verdict_history() {
        String code = "water.h12b-exempt";
        send("dept-water", "POST", "/api/v1/systems", aSystem().code(code).name("水文专网运维对象").mustConnect(false).protectionLevel(3).json(), 201);
        long id = ((Number) send("dept-water", "POST", "/api/v1/filings", filing("water", code, "水文专网运维"), 201).get("id")).longValue();
        assertThat(outcome(verdict(id), "R3").get("result")).isEqualTo("FIRED");

        long exemption = ((Number) send("admin", "POST", "/api/v1/exemptions", Map.of("budgetYear", YEAR, "ruleId", "R3", "filingId", id,
                "organisationCode", "water", "reason", "涉密改造过渡期"), 201).get("id")).longValue();
        assertThat(outcome(verdict(id), "R3").get("result")).isEqualTo("EXEMPTED");
        assertThat(history(id).getFirst().get("causeCode")).isEqualTo("exemptionGranted");

        send("dept-water", "POST", "/api/v1/exemptions/" + exemption + "/revoke", Map.of("reason", "x"), 403);
        send("admin", "POST", "/api/v1/exemptions/" + exemption + "/revoke", Map.of("reason", "过渡期结束"), 200);
        Map<String, Object> revoked = verdict(id);
        assertThat(outcome(revoked, "R3").get("result")).isEqualTo("FIRED");
        assertThat(revoked.get("causeCode")).isEqualTo("exemptionRevoked");
        assertThat(history(id)).extracting(h -> h.get("causeCode")).startsWith("exemptionRevoked", "exemptionGranted");
    }
}
