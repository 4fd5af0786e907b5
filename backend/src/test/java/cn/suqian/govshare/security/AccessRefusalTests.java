package cn.suqian.govshare.security;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.suqian.govshare.support.CatalogueResources.aResource;
import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's access matrix: who may call each endpoint, proved by calling every endpoint as every
 * kind of caller. Refusals are 401 (unknown caller) or 403 (known, not allowed), always as JSON problems,
 * never a redirect to the login page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRefusalTests {

    @LocalServerPort
    int port;

    String machineToken;

    record Call(HttpMethod method, String path, String body, Set<String> allowed) {
    }

    static final Set<String> PEOPLE = Set.of("admin", "leader", "finance", "auditor", "dept-water");
    static final Set<String> EVERYONE = Set.of("admin", "leader", "finance", "auditor", "dept-water", "machine");

    static final List<Call> MATRIX = List.of(
            new Call(HttpMethod.GET, "/api/v1/me", null, EVERYONE),
            new Call(HttpMethod.GET, "/api/v1/organisations", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/organisations/finance", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/organisations/water/contact", "{\"contactPerson\":\"王五\"}", Set.of("admin", "dept-water")),
            new Call(HttpMethod.PUT, "/api/v1/organisations/finance/contact", "{\"contactPerson\":\"王五\"}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/system/status", null, Set.of("admin")),
            // leadership overview: people read the city; a department only its own organisation
            new Call(HttpMethod.GET, "/api/v1/overview", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/overview?organisation=water", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/overview?organisation=finance", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/overview/timeline", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/overview/alerts", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/overview/ranking", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/users", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/users", "{}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/users/leader/enabled", "{\"enabled\":true}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/users/leader/password", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/users/no-such-user/password-reset", null, Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/me/password", "{}", PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/exchange/thresholds", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/exchange/thresholds/no-such-threshold", "{\"value\":1}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/tokens", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/tokens", "{}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/audit", null, Set.of("admin", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/audit/verify", null, Set.of("admin", "auditor")),
            new Call(HttpMethod.GET, "/actuator/prometheus", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/actuator/info", null, Set.of("admin")),
            // organisations: administration
            new Call(HttpMethod.POST, "/api/v1/organisations", "{}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/organisations/water", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/organisations/no-such-org/retire", null, Set.of("admin")),
            // system inventory
            new Call(HttpMethod.GET, "/api/v1/systems", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/systems/summary", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/systems/export?format=csv", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/systems/template", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/systems/water.s01", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/systems/finance.s01", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.POST, "/api/v1/systems", "{\"organisationCode\":\"finance\"}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/systems", "{\"organisationCode\":\"water\"}", Set.of("admin", "dept-water")),
            new Call(HttpMethod.PUT, "/api/v1/systems/finance.s01", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/systems/finance.matrix-probe/retire", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/systems/import", "", Set.of("admin", "dept-water")),
            // catalogue
            new Call(HttpMethod.GET, "/api/v1/catalogue", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/catalogue/export", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/catalogue/template?format=csv", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/catalogue/resource?code={finance-resource}", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.POST, "/api/v1/catalogue", "{\"providerOrganisationCode\":\"finance\"}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/catalogue/resource?code={finance-resource}", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/catalogue/import", "", Set.of("admin", "dept-water")),
            // networks, data rooms, connection targets
            new Call(HttpMethod.GET, "/api/v1/networks", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/networks/finance.net", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.POST, "/api/v1/networks", "{\"organisationCode\":\"finance\"}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/networks/finance.net", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/networks/finance.net-probe/retire", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/data-rooms", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/data-rooms/finance.room-probe", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.POST, "/api/v1/data-rooms", "{\"organisationCode\":\"finance\"}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/data-rooms/finance.room-probe", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/data-rooms/finance.room-probe/retire", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/connection-targets", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/connection-targets/finance.fep", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.POST, "/api/v1/connection-targets", "{\"systemCode\":\"finance.s01\"}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/connection-targets/finance.fep", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/connection-targets/finance.target-probe/retire", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/catalogue/resource/retire?code=390099/000001", null, Set.of("admin")),
            // record histories: whoever may read the record
            new Call(HttpMethod.GET, "/api/v1/organisations/finance/history", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/systems/water.s01/history", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/systems/finance.s01/history", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/catalogue/resource/history?code={finance-resource}", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/networks/finance.net/history", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/data-rooms/finance.room-probe/history", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/connection-targets/finance.fep/history", null, Set.of("admin", "leader", "finance", "auditor")),
            // key tasks
            new Call(HttpMethod.GET, "/api/v1/tasks", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/tasks/T5", null, PEOPLE),
            new Call(HttpMethod.POST, "/api/v1/tasks/T5/progress", "{}", Set.of("admin", "dept-water")),
            new Call(HttpMethod.POST, "/api/v1/tasks/T3/progress", "{}", Set.of("admin")),
            // exchange metrics: machines and the office push; people read (departments: own organisation)
            new Call(HttpMethod.POST, "/api/v1/exchange/stats", "[]", Set.of("admin", "machine")),
            new Call(HttpMethod.POST, "/api/v1/exchange/opmon", "{\"records\":[]}", Set.of("admin", "machine")),
            new Call(HttpMethod.GET, "/api/v1/exchange/summary?from=2026-11-01T00:00:00%2B08:00&to=2026-11-02T00:00:00%2B08:00", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/exchange/series?from=2026-11-01T00:00:00%2B08:00&to=2026-11-02T00:00:00%2B08:00", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/exchange/flows?from=2026-11-01T00:00:00%2B08:00&to=2026-11-02T00:00:00%2B08:00", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/exchange/top-resources?from=2026-11-01T00:00:00%2B08:00&to=2026-11-02T00:00:00%2B08:00", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/exchange/year-over-year?year=2026", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/exchange/anomalies", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/exchange/anomalies/999999", "{\"status\":\"NORMAL\"}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/exchange/quarantine", null, Set.of("admin", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/exchange/opmon/faulty", null, Set.of("admin", "auditor")),
            new Call(HttpMethod.POST, "/api/v1/exchange/quarantine/reprocess", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/exchange/zombies", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/exchange/zombies/none/decision", "{}", Set.of("admin")),
            // connection status: people read (departments: own), editors plan maintenance, machines push heartbeats
            new Call(HttpMethod.GET, "/api/v1/connections/status", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/connections/status/water.s01.api", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/connections/incidents", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/connections/availability", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/connections/connected", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/connections/maintenance", null, PEOPLE),
            new Call(HttpMethod.POST, "/api/v1/connections/maintenance", "{}", Set.of("admin", "dept-water")),
            new Call(HttpMethod.POST, "/api/v1/connections/maintenance/999999/cancel", null, Set.of("admin", "dept-water")),
            new Call(HttpMethod.POST, "/api/v1/connections/heartbeats", "[]", Set.of("admin", "machine")),
            new Call(HttpMethod.PUT, "/api/v1/connections/targets/water.s01.api/probe-settings", "{\"timeoutMs\":1}", Set.of("admin", "dept-water")),
            new Call(HttpMethod.POST, "/api/v1/connections/targets/water.s01.api/check", null, Set.of("admin", "dept-water")),
            new Call(HttpMethod.GET, "/api/v1/connections/settings", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/connections/settings", "{\"no_such\":1}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/connections/notifications/channels", null, Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/connections/notifications/channels/matrix-probe", "{}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/connections/notifications/subscriptions", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/connections/notifications/subscriptions", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/connections/notifications/subscriptions/999999/remove", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/connections/notifications/deliveries", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/exchange/rollups/refresh", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/exchange/sources", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/exchange/sources", "{}", Set.of("admin")),
            new Call(HttpMethod.PUT, "/api/v1/exchange/sources/none", "{}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/exchange/sources/none/runs", null, Set.of("admin")),
            // annual reports: the office, leadership, auditors and finance read all; a department reads and edits its own only
            new Call(HttpMethod.GET, "/api/v1/annual-reports?year=2025", null, Set.of("admin", "leader", "auditor", "finance", "dept-water")),
            new Call(HttpMethod.GET, "/api/v1/annual-reports/windows", null, Set.of("admin", "leader", "auditor", "finance", "dept-water")),
            new Call(HttpMethod.PUT, "/api/v1/annual-reports/windows/2040", "{}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/annual-reports/discrepancies?year=2025", null, Set.of("admin", "leader", "auditor", "finance", "dept-water")),
            new Call(HttpMethod.GET, "/api/v1/annual-reports/reminders", null, Set.of("admin", "leader", "auditor", "finance", "dept-water")),
            // yearly assessment (issue 14): everyone reads (departments their own), the office runs, publishes and decides
            new Call(HttpMethod.GET, "/api/v1/methodologies", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/methodologies/default.yaml", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/methodologies/2041/1/yaml", null, PEOPLE),
            new Call(HttpMethod.POST, "/api/v1/methodologies/2041", "{}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/assessments", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/assessments/history", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/assessments/2041/results", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/assessments/2041/results/water", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/assessments/2041/results/finance", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/assessments/2041/runs", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.POST, "/api/v1/assessments/2041/publish", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/assessments/2041/finalise", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/assessments/2041/what-if?version=9", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/assessments/2041/manual-values", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/assessments/2041/manual-values", "{}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/assessments/2041/challenges", null, PEOPLE),
            new Call(HttpMethod.POST, "/api/v1/assessments/2041/challenges", "{\"organisationCode\":\"water\"}", Set.of("dept-water")),
            new Call(HttpMethod.POST, "/api/v1/assessments/2041/challenges/999999/decision", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/annual-reports/reminders/run", null, Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/annual-reports/2025/summary.xlsx", null, Set.of("admin", "leader", "auditor", "finance")),
            new Call(HttpMethod.GET, "/api/v1/annual-reports/2025/water", null, Set.of("admin", "leader", "auditor", "finance", "dept-water")),
            new Call(HttpMethod.GET, "/api/v1/annual-reports/2025/finance", null, Set.of("admin", "leader", "auditor", "finance")),
            new Call(HttpMethod.POST, "/api/v1/annual-reports/2040/water/draft", null, Set.of("dept-water")),
            new Call(HttpMethod.PUT, "/api/v1/annual-reports/2040/water/draft", "{}", Set.of("dept-water")),
            new Call(HttpMethod.POST, "/api/v1/annual-reports/2040/water/draft/remeasure", null, Set.of("dept-water")),
            new Call(HttpMethod.POST, "/api/v1/annual-reports/2040/finance/submit", null, Set.of()),
            new Call(HttpMethod.POST, "/api/v1/annual-reports/2025/water/versions/1/return", "{}", Set.of("admin")),
            // project filing and eligibility (issue 12): departments file their own, the office reviews, finance decides
            new Call(HttpMethod.GET, "/api/v1/filings?year=2027", null, PEOPLE),
            new Call(HttpMethod.POST, "/api/v1/filings", "{\"organisationCode\":\"water\"}", Set.of("admin", "dept-water")),
            new Call(HttpMethod.POST, "/api/v1/filings", "{\"organisationCode\":\"finance\"}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/filings/windows", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/filings/windows/2030", "{}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/filings/{finance-filing}", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/filings/{finance-filing}/history", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.PUT, "/api/v1/filings/{finance-filing}", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/filings/{finance-filing}/transitions", "{\"action\":\"START_REVIEW\"}", Set.of("admin")),
            new Call(HttpMethod.GET, "/api/v1/eligibility?year=2027", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/eligibility/export?year=2027&format=csv", null, PEOPLE),
            new Call(HttpMethod.GET, "/api/v1/eligibility/filings/{finance-filing}", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/eligibility/systems/finance.s01?year=2027", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/eligibility/organisations/finance?year=2027", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/eligibility/rules?year=2027", null, PEOPLE),
            new Call(HttpMethod.PUT, "/api/v1/eligibility/rules/2027/R99", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/eligibility/recompute?year=2027", null, Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/eligibility/filings/{finance-filing}/decision", "{}", Set.of("finance")),
            new Call(HttpMethod.GET, "/api/v1/eligibility/decisions/flagged", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/eligibility/effectiveness?year=2027", null, Set.of("admin", "leader", "finance", "auditor")),
            new Call(HttpMethod.GET, "/api/v1/exemptions", null, PEOPLE),
            new Call(HttpMethod.POST, "/api/v1/exemptions", "{}", Set.of("admin")),
            new Call(HttpMethod.POST, "/api/v1/exemptions/999999/revoke", "{\"reason\":\"x\"}", Set.of("admin")));

    String financeResource;

    @BeforeAll
    void issueMachineToken() {
        financeResource = (String) ((Map<?, ?>) ((List<?>) Api.as(port, "admin").get().uri("/api/v1/catalogue?organisation=finance&size=1")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items")).getFirst()).get("code");
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aSystem().code("finance.matrix-probe").organisation("finance").name("权限矩阵探针系统").mustConnect(false).json())
                .exchange().expectStatus().isCreated();
        Api.as(port, "admin").post().uri("/api/v1/data-rooms").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "finance.room-probe", "organisationCode", "finance", "name", "探针机房", "migrationStatus", "NOT_STARTED"))
                .exchange().expectStatus().isCreated();
        Api.as(port, "admin").post().uri("/api/v1/connection-targets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "finance.target-probe", "systemCode", "finance.matrix-probe", "kind", "INTERFACE",
                        "name", "探针接口", "probe", "HEARTBEAT"))
                .exchange().expectStatus().isCreated();
        Api.as(port, "admin").post().uri("/api/v1/catalogue").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aResource().code("390099/000001").name("探针资源").provider("finance").json())
                .exchange().expectStatus().isCreated();
        Api.as(port, "admin").post().uri("/api/v1/networks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "finance.net-probe", "organisationCode", "finance", "name", "探针专网", "migrationStatus", "NOT_STARTED"))
                .exchange().expectStatus().isCreated();
        financeFiling = String.valueOf(Api.as(port, "dept-finance").post().uri("/api/v1/filings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organisationCode", "finance", "budgetYear", 2027, "projectType", "OPERATION_MAINTENANCE",
                        "name", "权限矩阵探针备案", "deployment", "GOV_CLOUD", "network", "EGOV_EXTRANET"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id"));
        machineToken = (String) Api.as(port, "admin").post().uri("/api/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "access-matrix-probe", "organisationCode", "egov"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token");
    }

    WebTestClient client(String caller) {
        return caller.equals("machine") ? Api.bearer(port, machineToken) : Api.as(port, caller);
    }

    String financeFiling;

    String path(Call call) {
        return call.path().replace("{finance-resource}", financeResource).replace("{finance-filing}", financeFiling);
    }

    static WebTestClient.RequestHeadersSpec<?> body(WebTestClient.RequestBodySpec spec, Call call) {
        if (call.body() == null) {
            return spec;
        }
        if (call.body().isEmpty()) { // a spreadsheet upload: an empty CSV, refused as invalid when allowed at all
            return spec.contentType(MediaType.parseMediaType("text/csv")).bodyValue("x\n");
        }
        return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
    }

    @Test
    void every_caller_gets_exactly_the_access_the_matrix_states() {
        List<String> wrong = new ArrayList<>();
        for (Call call : MATRIX) {
            for (String caller : EVERYONE) {
                var spec = client(caller).method(call.method()).uri(path(call)).accept(MediaType.APPLICATION_JSON);
                var result = body(spec, call).exchange().expectBody(String.class).returnResult();
                int status = result.getStatus().value();
                boolean allowed = call.allowed().contains(caller);
                if (allowed && (status == 401 || status == 403 || status >= 500)) {
                    wrong.add(caller + " " + call.method() + " " + call.path() + " -> " + status + " (should be allowed)");
                }
                if (!allowed) {
                    String type = String.valueOf(result.getResponseHeaders().getContentType());
                    if (status != 403 || !type.startsWith("application/problem+json")) {
                        wrong.add(caller + " " + call.method() + " " + call.path() + " -> " + status + " " + type + " (should be a 403 problem)");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void unauthenticated_api_calls_get_401_problems_never_a_login_redirect() {
        for (Call call : MATRIX) {
            var spec = Api.anonymous(port).method(call.method()).uri(path(call)).accept(MediaType.TEXT_HTML);
            var result = body(spec, call).exchange().expectBody(String.class).returnResult();
            assertThat(result.getStatus().value()).as(call.path()).isEqualTo(401);
            assertThat(result.getResponseHeaders().getContentType()).as(call.path())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result.getResponseHeaders().getLocation()).isNull();
        }
    }

    @Test
    void wrong_password_and_unknown_token_are_401() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("leader", "not-the-password")).build()
                .get().uri("/api/v1/me").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.status").isEqualTo(401);
        Api.bearer(port, "gs_nonsense").get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_department_cannot_change_another_organisations_data_and_nothing_changes() {
        Api.as(port, "dept-water").put().uri("/api/v1/organisations/finance/contact")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contactPerson", "入侵者", "contactPhone", "110"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("finance"));
        Api.as(port, "leader").get().uri("/api/v1/organisations/finance").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.contactPerson").value(p -> assertThat(p).isNotEqualTo("入侵者"));
    }

    @Test
    void a_department_may_change_its_own_organisation() {
        Api.as(port, "dept-water").put().uri("/api/v1/organisations/water/contact")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contactPerson", "水利联络员", "contactPhone", "0527-84361234"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.contactPerson").isEqualTo("水利联络员");
    }

    @Test
    void a_machine_token_identifies_its_client_and_stops_working_once_revoked() {
        var issued = Api.as(port, "admin").post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "exchange-platform", "organisationCode", "egov"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String token = (String) issued.get("token");
        Api.bearer(port, token).get().uri("/api/v1/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("INGEST").jsonPath("$.username").isEqualTo("token:exchange-platform");
        Api.as(port, "admin").delete().uri("/api/v1/tokens/" + issued.get("id")).exchange().expectStatus().isNoContent();
        Api.bearer(port, token).get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        // the token value itself is never listed
        Api.as(port, "admin").get().uri("/api/v1/tokens").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(token).contains("exchange-platform"));
    }

    @Test
    void invalid_input_is_refused_with_every_offending_field() {
        Api.as(port, "admin").post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "X!", "role", "LEADER", "password", "short"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'username')]").exists()
                .jsonPath("$.errors[?(@.field == 'displayName')]").exists()
                .jsonPath("$.errors[?(@.field == 'organisationCode')]").exists()
                .jsonPath("$.errors[?(@.field == 'password')]").exists();
        Api.as(port, "dept-water").put().uri("/api/v1/organisations/water/contact").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contactPhone", "call me maybe"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("contactPhone")
                .jsonPath("$.errors[0].value").isEqualTo("call me maybe");
    }

    @Test
    void browser_sessions_need_the_csrf_token_for_writes() {
        var anonymous = Api.anonymous(port);
        var loginPage = anonymous.get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        String csrf = loginPage.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        var login = anonymous.post().uri("/login")
                .cookie("XSRF-TOKEN", csrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=dept-water&password=demo&_csrf=" + csrf)
                .exchange().expectStatus().isFound().expectBody(String.class).returnResult();
        assertThat(login.getResponseHeaders().getLocation()).hasToString("/");
        String session = login.getResponseCookies().getFirst("SESSION").getValue();

        anonymous.put().uri("/api/v1/organisations/water/contact").cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("contactPerson", "无令牌"))
                .exchange().expectStatus().isForbidden();
        assertThat(contactPerson("water")).isNotEqualTo("无令牌");
        anonymous.put().uri("/api/v1/organisations/water/contact").cookie("SESSION", session)
                .cookie("XSRF-TOKEN", csrf).header("X-XSRF-TOKEN", csrf)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("contactPerson", "有令牌"))
                .exchange().expectStatus().isOk();
        assertThat(contactPerson("water")).isEqualTo("有令牌");
        // pages: anonymous gets the login page, a wrong password is sent back to it with ?error
        anonymous.get().uri("/").exchange().expectStatus().isFound().expectHeader().location("/login");
        anonymous.post().uri("/login").cookie("XSRF-TOKEN", csrf).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=dept-water&password=wrong&_csrf=" + csrf)
                .exchange().expectStatus().isFound().expectHeader().location("/login?error");
    }

    String contactPerson(String organisation) {
        return (String) Api.as(port, "leader").get().uri("/api/v1/organisations/" + organisation).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("contactPerson");
    }
}
