package cn.suqian.govshare.demo;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo city's budget year, as filed through the filing service: dozens of requests, every rule of the plan
 * firing at least once except R10 (no assessment is published yet, so it asks for review everywhere), exemptions
 * shown as such, finance's decisions recorded.
 */
@IntegrationTest
class FilingDemoTests {

    @LocalServerPort
    int port;

    @Test
    @SuppressWarnings("unchecked")
    void the_demo_budget_year_makes_every_rule_speak() {
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 1;
        Map<String, Object> board = Api.as(port, "finance").get().uri("/api/v1/eligibility?year=" + year).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) board.get("items");
        assertThat(items).hasSizeGreaterThanOrEqualTo(30);
        Set<String> fired = new HashSet<>();
        Set<String> exempted = new HashSet<>();
        Set<String> review = new HashSet<>();
        for (var i : items) {
            fired.addAll((List<String>) i.get("fired"));
            exempted.addAll((List<String>) i.get("exempted"));
            review.addAll((List<String>) i.get("review"));
        }
        assertThat(fired).contains("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9");
        assertThat(review).contains("R10", "R11");
        assertThat(exempted).isNotEmpty();
        assertThat(items).anySatisfy(i -> assertThat(i.get("decision")).isNotNull());
        assertThat(items).extracting(i -> i.get("verdict")).contains("NOT_ELIGIBLE", "NEEDS_REVIEW");
    }
}
