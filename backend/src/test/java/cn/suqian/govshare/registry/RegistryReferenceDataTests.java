package cn.suqian.govshare.registry;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's reference data, and the demo city imported from its fixture files, are present after a fresh start. */
@IntegrationTest
class RegistryReferenceDataTests {

    @LocalServerPort
    int port;

    @Test
    void the_organisations_the_plan_names_and_the_counties_and_districts_are_there() {
        Api.as(port, "leader").get().uri("/api/v1/organisations?size=100").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("市电子政务办公室", "市审计局", "市信用办",
                        "人民银行宿迁市中心支行", "市委市政府督查室", "沭阳县", "泗阳县", "泗洪县", "宿城区", "宿豫区"));
        // the plan's three counties and two districts (other tests in the shared database may add organisations of their own)
        Api.as(port, "leader").get().uri("/api/v1/organisations?type=COUNTY_DISTRICT&size=100").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("沭阳县", "泗阳县", "泗洪县", "宿城区", "宿豫区")
                        .doesNotContain("市审计局", "市电子政务办公室"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_ten_tasks_and_four_safeguards_carry_the_plans_real_deadlines() {
        List<Map<String, Object>> tasks = Api.as(port, "finance").get().uri("/api/v1/tasks").exchange()
                .expectStatus().isOk().expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(m -> (Map<String, Object>) m).toList();
        assertThat(tasks).hasSize(14);
        assertThat(tasks.stream().filter(t -> t.get("kind").equals("TASK"))).hasSize(10);
        Map<String, Object> t5 = tasks.stream().filter(t -> t.get("code").equals("T5")).findFirst().orElseThrow();
        assertThat(t5.get("leadOrganisationCodes")).isEqualTo(List.of("egov"));
        assertThat((List<Map<String, Object>>) t5.get("milestones")).extracting(m -> m.get("deadline"))
                .containsExactly("2018-06-30", "2018-12-31");
        Map<String, Object> t4 = tasks.stream().filter(t -> t.get("code").equals("T4")).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) t4.get("milestones")).extracting(m -> m.get("deadline"))
                .containsExactly("2017-12-31", "2018-04-30", "2018-08-31");
        Map<String, Object> s4 = tasks.stream().filter(t -> t.get("code").equals("S4")).findFirst().orElseThrow();
        assertThat(s4.get("leadOrganisationCodes")).isEqualTo(List.of("audit"));
    }

    @Test
    void a_milestone_past_its_deadline_and_not_met_is_missed_and_its_task_overdue() {
        // T7 (open-data platform, due 2018-12-31) has no report in the demo city
        Api.as(port, "leader").get().uri("/api/v1/tasks/T7").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("OVERDUE")
                .jsonPath("$.milestones[0].status").isEqualTo("MISSED");
    }

    @Test
    void the_demo_city_is_loaded_from_its_fixture_files_through_the_registry() {
        var leader = Api.as(port, "leader");
        leader.get().uri("/api/v1/systems/egov.exchange-platform").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("市级数据共享交换平台")
                .jsonPath("$.annualOmCost").isEqualTo(1850000.00)
                .jsonPath("$.exchangeAliases[0]").isEqualTo("CN/GOV/SQ-EGOV/exchange");
        leader.get().uri("/api/v1/networks/public-security.net").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.classified").isEqualTo(true)
                .jsonPath("$.migrationStatus").isEqualTo("EXEMPT");
        leader.get().uri("/api/v1/data-rooms/civil-affairs.room").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.migrationStatus").isEqualTo("MIGRATED")
                .jsonPath("$.migratedOn").isEqualTo("2023-01-01");
        leader.get().uri("/api/v1/connection-targets/egov.provincial-link").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.kind").isEqualTo("PROVINCIAL_LINK")
                .jsonPath("$.probe").isEqualTo("HTTP")
                .jsonPath("$.organisationCode").isEqualTo("egov");
        leader.get().uri("/api/v1/catalogue/resource?code=311001/001101").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.sharingType").isEqualTo("CONDITIONAL")
                .jsonPath("$.sourceSystemCode").isEqualTo("agriculture.s02")
                .jsonPath("$.items.length()").isEqualTo(4);
        leader.get().uri("/api/v1/tasks/T3").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.progress[?(@.organisationCode == 'ndrc')].evidence").isEqualTo(List.of("宿发改〔2017〕512号 清理整合情况报告"))
                .jsonPath("$.milestones[0].metOn").isEqualTo("2017-12-28");
    }
}
