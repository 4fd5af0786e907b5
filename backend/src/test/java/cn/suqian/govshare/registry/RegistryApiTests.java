package cn.suqian.govshare.registry;

import cn.suqian.govshare.catalogue.CatalogueResource;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.support.CatalogueResources.aResource;
import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@SuppressWarnings("unchecked")
class RegistryApiTests {

    @LocalServerPort
    int port;

    static Map<String, Object> system(String code, String org) {
        return aSystem().code(code).organisation(org).name("测试系统 " + code).json();
    }

    @Test
    void a_system_on_a_private_network_without_a_migration_plan_is_refused_with_precise_errors() {
        var s = system("water.api-test-1", "water");
        s.put("network", "PRIVATE_NETWORK");
        s.put("platformConnectedOn", "2999-01-01");
        s.put("protectionLevel", 7);
        Api.as(port, "dept-water").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON).bodyValue(s)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'migrationPlannedOn')].code").value(c -> assertThat(c.toString()).contains("migrationPlanRequired"))
                .jsonPath("$.errors[?(@.field == 'privateNetworkCode')]").exists()
                .jsonPath("$.errors[?(@.field == 'platformConnectedOn')].value").value(v -> assertThat(v.toString()).contains("2999-01-01"))
                .jsonPath("$.errors[?(@.field == 'protectionLevel')].value").value(v -> assertThat(v.toString()).contains("7"));
        Api.as(port, "leader").get().uri("/api/v1/systems/water.api-test-1").exchange().expectStatus().isNotFound();
    }

    @Test
    void unknown_organisation_codes_are_named() {
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(system("ghost.s1", "ghost-bureau"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("organisationCode")
                .jsonPath("$.errors[0].value").isEqualTo("ghost-bureau")
                .jsonPath("$.errors[0].code").isEqualTo("unknownOrganisation")
                .jsonPath("$.errors[0].reason").isEqualTo("unknown organisation code");
    }

    @Test
    void create_update_retire_and_the_audit_trail_follows() {
        var client = Api.as(port, "dept-water");
        client.post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON).bodyValue(system("water.api-test-2", "water"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.createdAt").exists();
        var changed = system("water.api-test-2", "water");
        changed.put("annualOmCost", 125000.5);
        changed.put("exchangeAliases", List.of("CN/GOV/SQ-WATER/api-test-2"));
        client.put().uri("/api/v1/systems/water.api-test-2").contentType(MediaType.APPLICATION_JSON).bodyValue(changed)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.annualOmCost").isEqualTo(125000.50).jsonPath("$.exchangeAliases[0]").isEqualTo("CN/GOV/SQ-WATER/api-test-2");
        // another system may not claim the same alias
        var thief = system("water.api-test-3", "water");
        thief.put("exchangeAliases", List.of("CN/GOV/SQ-WATER/api-test-2"));
        client.post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON).bodyValue(thief)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("aliasTaken")
                .jsonPath("$.errors[0].params.system").isEqualTo("water.api-test-2");
        client.post().uri("/api/v1/systems/water.api-test-2/retire").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.retiredAt").exists().jsonPath("$.lifecycleStatus").isEqualTo("RETIRED");
        // retired: gone from the default list, still readable, kept in the audit trail
        client.get().uri("/api/v1/systems?q=api-test-2").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        client.get().uri("/api/v1/systems?q=api-test-2&includeRetired=true").exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        Api.as(port, "auditor").get().uri("/api/v1/audit?entityType=information_system&entityId=water.api-test-2").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(3)
                .jsonPath("$.items[0].actor").isEqualTo("dept-water");
    }

    @Test
    void departments_list_only_their_own_organisation_whatever_they_ask_for() {
        Api.as(port, "dept-water").get().uri("/api/v1/systems?organisation=finance&size=1000").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].organisationCode").value(codes ->
                        assertThat((List<String>) codes).isNotEmpty().containsOnly("water"));
        Api.as(port, "dept-water").get().uri("/api/v1/catalogue?size=1000").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].providerOrganisationCode").value(codes ->
                        assertThat((List<String>) codes).containsOnly("water"));
        Api.as(port, "leader").get().uri("/api/v1/systems?organisation=finance&size=1000").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].organisationCode").value(codes ->
                        assertThat((List<String>) codes).isNotEmpty().containsOnly("finance"));
    }

    @Test
    void lists_filter_sort_and_page() {
        var first = Api.as(port, "leader").get().uri("/api/v1/systems?sort=annualOmCost,desc&size=5").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) first.get("items");
        assertThat(items).hasSize(5);
        assertThat(items).extracting(i -> ((Number) i.get("annualOmCost")).doubleValue()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(((Number) first.get("total")).intValue()).isGreaterThan(200);
        var second = Api.as(port, "leader").get().uri("/api/v1/systems?sort=annualOmCost,desc&size=5&page=1").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Object>) second.get("items")).doesNotContainAnyElementsOf(List.copyOf(items));
        Api.as(port, "leader").get().uri("/api/v1/systems?network=PRIVATE_NETWORK&size=1000").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].network").value(n -> assertThat((List<String>) n).isNotEmpty().containsOnly("PRIVATE_NETWORK"));
        Api.as(port, "leader").get().uri("/api/v1/systems?sort=password,asc").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sort");
        Api.as(port, "leader").get().uri("/api/v1/systems?network=WIFI").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("network");
    }

    @Test
    void a_conditionally_shared_resource_must_state_its_condition() {
        Map<String, Object> r = aResource().code("390001/009901").name("测试资源").provider("water")
                .sharing(CatalogueResource.SharingType.CONDITIONAL).mounted(true).json();
        Api.as(port, "dept-water").post().uri("/api/v1/catalogue").contentType(MediaType.APPLICATION_JSON).bodyValue(r)
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'sharingCondition')].code").value(x -> assertThat(x.toString()).contains("conditionRequired"))
                .jsonPath("$.errors[?(@.field == 'mountedSince')]").exists();
        r.put("sharingCondition", "仅限水利防汛业务使用");
        r.put("mountedSince", "2020-01-01");
        r.put("items", List.of(Map.of("name", "站点编码", "dataType", "STRING")));
        Api.as(port, "dept-water").post().uri("/api/v1/catalogue").contentType(MediaType.APPLICATION_JSON).bodyValue(r)
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.items[0].dataType").isEqualTo("STRING").jsonPath("$.abstract").doesNotExist();
        Api.as(port, "dept-water").get().uri("/api/v1/catalogue/resource?code=390001/009901").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.sharingCondition").isEqualTo("仅限水利防汛业务使用");
    }

    @Test
    void progress_with_evidence_and_who_may_declare_a_milestone_met() {
        // co-responsible (T2: all departments) may report, not declare a lead's milestone met
        Api.as(port, "dept-water").post().uri("/api/v1/tasks/T2/progress").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "水利局 3 个系统迁入政务云", "evidence", "迁移验收单"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.progress[0].organisationCode").isEqualTo("water").jsonPath("$.status").isEqualTo("IN_PROGRESS");
        Api.as(port, "dept-water").post().uri("/api/v1/tasks/T2/progress").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "完成", "evidence", "x", "milestoneCode", "T2-M1", "metOn", "2026-01-01"))
                .exchange().expectStatus().isForbidden();
        // a lead declares it met, evidence required
        Api.as(port, "dept-egov").post().uri("/api/v1/tasks/T2/progress").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "完成", "milestoneCode", "T2-M1", "metOn", "2026-01-01"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("evidence");
        Api.as(port, "dept-egov").post().uri("/api/v1/tasks/T2/progress").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "全部已建系统完成迁移", "evidence", "政务云迁移总结报告", "milestoneCode", "T2-M1", "metOn", "2026-01-01"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("DONE").jsonPath("$.milestones[0].metOn").isEqualTo("2026-01-01");
    }
}
