package cn.suqian.govshare.registry;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's reference data is present after a fresh start. */
@IntegrationTest
class RegistryReferenceDataTests {

    @LocalServerPort
    int port;

    @Test
    void the_organisations_the_plan_names_and_the_counties_and_districts_are_there() {
        Api.as(port, "leader").get().uri("/api/v1/organisations?size=100").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("市电子政务办公室", "市审计局", "市信用办",
                        "人民银行宿迁市中心支行", "市委市政府督查室", "沭阳县", "泗阳县", "泗洪县", "宿城区", "宿豫区"));
        Api.as(port, "leader").get().uri("/api/v1/organisations?type=COUNTY_DISTRICT").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(5);
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
}
