package cn.suqian.govshare.registry;

import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.support.CatalogueResources.aResource;
import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing registry records as the forms do: every registry's replacement is made at a version (ETag sent
 * back as If-Match) and a second save against the same version is refused with 409 editConflict, never
 * a silent overwrite; retirements carry a reason into the record's history; 已停用 is one state.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class RecordEditingTests {

    @LocalServerPort
    int port;

    /** One registry as the API serves it: where a record is read and replaced, and a field a form changes. */
    record Registry(String name, String createPath, String recordPath, String retirePath, String historyPath,
                    Map<String, Object> body, String field, Object first, Object second) {
    }

    List<Registry> registries;

    @BeforeAll
    void registries() {
        registries = List.of(
                new Registry("system", "/api/v1/systems", "/api/v1/systems/water.edit-1", "/api/v1/systems/water.edit-1/retire",
                        "/api/v1/systems/water.edit-1/history",
                        aSystem().code("water.edit-1").name("并发编辑测试系统").json(), "purpose", "第一人的修改", "第二人的修改"),
                new Registry("catalogue", "/api/v1/catalogue", "/api/v1/catalogue/resource?code=390001/009961",
                        "/api/v1/catalogue/resource/retire?code=390001/009961", "/api/v1/catalogue/resource/history?code=390001/009961",
                        aResource().code("390001/009961").name("并发编辑测试资源").json(), "abstract", "第一人的修改", "第二人的修改"),
                new Registry("network", "/api/v1/networks", "/api/v1/networks/water.edit-net", "/api/v1/networks/water.edit-net/retire",
                        "/api/v1/networks/water.edit-net/history",
                        mutable(Map.of("code", "water.edit-net", "organisationCode", "water", "name", "并发编辑测试专网",
                                "migrationStatus", "NOT_STARTED")), "purpose", "第一人的修改", "第二人的修改"),
                new Registry("data room", "/api/v1/data-rooms", "/api/v1/data-rooms/water.edit-room", "/api/v1/data-rooms/water.edit-room/retire",
                        "/api/v1/data-rooms/water.edit-room/history",
                        mutable(Map.of("code", "water.edit-room", "organisationCode", "water", "name", "并发编辑测试机房",
                                "migrationStatus", "NOT_STARTED")), "location", "第一人的修改", "第二人的修改"),
                new Registry("connection target", "/api/v1/connection-targets", "/api/v1/connection-targets/water.edit-target",
                        "/api/v1/connection-targets/water.edit-target/retire", "/api/v1/connection-targets/water.edit-target/history",
                        mutable(Map.of("code", "water.edit-target", "systemCode", "water.s01", "kind", "INTERFACE",
                                "name", "并发编辑测试接口", "probe", "HEARTBEAT")), "name", "第一人改的名称", "第二人改的名称"),
                new Registry("organisation", "/api/v1/organisations", "/api/v1/organisations/edit-park", "/api/v1/organisations/edit-park/retire",
                        "/api/v1/organisations/edit-park/history",
                        mutable(Map.of("code", "edit-park", "name", "并发编辑测试园区", "type", "DEVELOPMENT_ZONE", "parentCode", "suqian")),
                        "contactPerson", "张三", "李四"));
        WebTestClient admin = Api.as(port, "admin");
        for (Registry r : registries) {
            admin.post().uri(r.createPath()).contentType(MediaType.APPLICATION_JSON).bodyValue(r.body())
                    .exchange().expectStatus().isCreated().expectHeader().exists(HttpHeaders.ETAG);
        }
    }

    static Map<String, Object> mutable(Map<String, Object> m) {
        return new HashMap<>(m);
    }

    String etag(WebTestClient client, String path) {
        return client.get().uri(path).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseHeaders().getETag();
    }

    Map<String, Object> read(WebTestClient client, String path) {
        return client.get().uri(path).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void the_second_of_two_saves_made_from_the_same_version_is_refused_in_every_registry() {
        WebTestClient first = Api.as(port, "admin");
        WebTestClient second = Api.as(port, "dept-water");
        for (Registry r : registries) {
            WebTestClient other = r.name().equals("organisation") ? Api.as(port, "admin") : second;
            // both open the form at the same version
            String seenByFirst = etag(first, r.recordPath());
            String seenBySecond = etag(other, r.recordPath());
            assertThat(seenByFirst).as(r.name()).isEqualTo(seenBySecond).matches("\"\\d+\"");

            Map<String, Object> firstEdit = new HashMap<>(read(first, r.recordPath()));
            firstEdit.put(r.field(), r.first());
            String afterFirst = first.put().uri(r.recordPath()).header(HttpHeaders.IF_MATCH, seenByFirst)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(firstEdit)
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseHeaders().getETag();
            assertThat(afterFirst).as(r.name()).isNotEqualTo(seenByFirst);

            Map<String, Object> secondEdit = new HashMap<>(firstEdit);
            secondEdit.put(r.field(), r.second());
            other.put().uri(r.recordPath()).header(HttpHeaders.IF_MATCH, seenBySecond)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(secondEdit)
                    .exchange().expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.code").isEqualTo("editConflict")
                    .jsonPath("$.params.expected").isEqualTo(Integer.parseInt(seenBySecond.replace("\"", "")))
                    .jsonPath("$.params.current").isEqualTo(Integer.parseInt(afterFirst.replace("\"", "")));
            // the first change stands
            assertThat(read(first, r.recordPath()).get(r.field())).as(r.name()).isEqualTo(r.first());
            // a retirement made from the old version is refused the same way
            first.post().uri(r.retirePath()).header(HttpHeaders.IF_MATCH, seenBySecond).exchange().expectStatus().isEqualTo(409);
        }
    }

    @Test
    void a_department_edits_its_organisations_contacts_at_a_version_too() {
        WebTestClient dept = Api.as(port, "dept-water");
        String seen = etag(dept, "/api/v1/organisations/water");
        dept.put().uri("/api/v1/organisations/water/contact").header(HttpHeaders.IF_MATCH, seen)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("contactPerson", "王工", "contactPhone", "0527-84351111"))
                .exchange().expectStatus().isOk();
        dept.put().uri("/api/v1/organisations/water/contact").header(HttpHeaders.IF_MATCH, seen)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("contactPerson", "赵工"))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("editConflict");
        assertThat(read(dept, "/api/v1/organisations/water").get("contactPerson")).isEqualTo("王工");
    }

    @Test
    void retiring_with_a_reason_puts_it_in_the_records_history_for_whoever_may_read_the_record() {
        WebTestClient admin = Api.as(port, "admin");
        admin.post().uri("/api/v1/networks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "water.history-net", "organisationCode", "water", "name", "历史测试专网", "migrationStatus", "NOT_STARTED"))
                .exchange().expectStatus().isCreated();
        admin.post().uri("/api/v1/networks/water.history-net/retire").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "业务迁入外网")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.retiredAt").exists();
        Api.as(port, "dept-water").get().uri("/api/v1/networks/water.history-net/history").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].action").isEqualTo("RETIRE")
                .jsonPath("$[0].after.reason").isEqualTo("业务迁入外网")
                .jsonPath("$[0].actor").isEqualTo("admin")
                .jsonPath("$[?(@.action == 'INSERT')]").exists();
        // another department may not read it, nor its history
        Api.as(port, "dept-finance").get().uri("/api/v1/networks/water.history-net/history").exchange().expectStatus().isForbidden();
        // a reason too long to keep is refused before anything is retired
        admin.post().uri("/api/v1/systems/water.s02/retire").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "很".repeat(501))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        assertThat(read(admin, "/api/v1/systems/water.s02").get("retiredAt")).isNull();
    }

    @Test
    void read_only_roles_may_not_create_change_or_retire_any_registry_record() {
        for (String user : List.of("leader", "finance", "auditor")) {
            WebTestClient client = Api.as(port, user);
            for (Registry r : registries) {
                client.post().uri(r.createPath()).contentType(MediaType.APPLICATION_JSON).bodyValue(r.body())
                        .exchange().expectStatus().isForbidden();
                client.put().uri(r.recordPath()).contentType(MediaType.APPLICATION_JSON).bodyValue(r.body())
                        .exchange().expectStatus().isForbidden();
                client.post().uri(r.retirePath()).exchange().expectStatus().isForbidden();
                client.get().uri(r.historyPath()).exchange().expectStatus().isOk();
            }
        }
    }

    // ---- 已停用 means one thing ------------------------------------------------------------

    @Test
    void retired_systems_are_hidden_unless_asked_for_and_every_retired_system_is_retired_from_the_registry() {
        WebTestClient leader = Api.as(port, "leader");
        long total = Long.MAX_VALUE;
        for (int page = 0; page * 100L < total; page++) {
            Map<String, Object> listed = leader.get().uri("/api/v1/systems?size=100&page=" + page).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            total = ((Number) listed.get("total")).longValue();
            assertThat((List<Map<String, Object>>) listed.get("items")).isNotEmpty().allSatisfy(s -> {
                assertThat(s.get("lifecycleStatus")).isNotEqualTo("RETIRED");
                assertThat(s.get("retiredAt")).isNull();
            });
        }
        leader.get().uri("/api/v1/systems?lifecycleStatus=RETIRED").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
        leader.get().uri("/api/v1/systems/summary").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.byLifecycleStatus.RETIRED").isEqualTo(0);
        // the demo city's 17 systems marked 已停用 are retired, and shown when asked for
        Map<String, Object> retired = leader.get().uri("/api/v1/systems?lifecycleStatus=RETIRED&includeRetired=true&size=200")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) retired.get("items");
        assertThat(items).hasSizeGreaterThanOrEqualTo(17).allSatisfy(s -> assertThat(s.get("retiredAt")).isNotNull());
    }

    @Test
    void a_system_recorded_as_retired_by_form_or_spreadsheet_is_retired() {
        WebTestClient dept = Api.as(port, "dept-water");
        dept.post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aSystem().code("water.born-retired").name("登记即停用的系统").status(LifecycleStatus.RETIRED).json())
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.retiredAt").exists();
        String csv = "系统编码,所属单位编码,系统名称,资金类型,生命周期状态,部署方式,网络类型,须接入共享平台\n"
                + "water.sheet-retired,water,表格登记的停用系统,政府投资,已停用,政务云,电子政务外网,是\n";
        dept.post().uri("/api/v1/systems/import?fileName=retired.csv").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isOk();
        dept.get().uri("/api/v1/systems/water.sheet-retired").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.retiredAt").exists().jsonPath("$.lifecycleStatus").isEqualTo("RETIRED");
        for (String q : List.of("born-retired", "sheet-retired")) {
            dept.get().uri("/api/v1/systems?q=" + q).exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
            dept.get().uri("/api/v1/systems?includeRetired=true&q=" + q).exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        }
        // a retired system stays as it was retired: a row may repeat it, not change it
        dept.post().uri("/api/v1/systems/import?fileName=revived.csv").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv.replace("已停用", "在用").getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("retired");
    }

    @Test
    void retiring_a_system_takes_it_out_of_the_must_connect_and_connected_counts() {
        WebTestClient admin = Api.as(port, "admin");
        String org = "statistics";
        admin.post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aSystem().code("statistics.count-1").organisation(org).name("计数测试系统一").mustConnect(true).json())
                .exchange().expectStatus().isCreated();
        admin.post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(aSystem().code("statistics.count-2").organisation(org).name("计数测试系统二").mustConnect(true)
                        .connectedOn(java.time.LocalDate.of(2024, 3, 1)).json())
                .exchange().expectStatus().isCreated();
        Map<String, Object> before = summary(admin, org, false);
        Map<String, Object> beforeAll = summary(admin, org, true);

        admin.post().uri("/api/v1/systems/statistics.count-1/retire").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "测试")).exchange().expectStatus().isOk();
        admin.post().uri("/api/v1/systems/statistics.count-2/retire").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "测试")).exchange().expectStatus().isOk();

        for (boolean includeRetired : List.of(false, true)) {
            Map<String, Object> was = includeRetired ? beforeAll : before;
            Map<String, Object> now = summary(admin, org, includeRetired);
            int mustConnect = number(now, "mustConnect");
            int connected = number(now, "connected");
            // 应接入 falls by two, 已接入 by one, 应接未接 by one: with "含已停用" ticked or not
            assertThat(mustConnect).as("must connect, includeRetired=%s", includeRetired).isEqualTo(number(was, "mustConnect") - 2);
            assertThat(connected).as("connected, includeRetired=%s", includeRetired).isEqualTo(number(was, "connected") - 1);
            assertThat(mustConnect - connected).as("not connected, includeRetired=%s", includeRetired)
                    .isEqualTo(number(was, "mustConnect") - number(was, "connected") - 1);
        }
        assertThat(number(summary(admin, org, false), "total")).isEqualTo(number(before, "total") - 2);
        assertThat(number(summary(admin, org, true), "total")).isEqualTo(number(beforeAll, "total"));
    }

    Map<String, Object> summary(WebTestClient client, String org, boolean includeRetired) {
        return client.get().uri("/api/v1/systems/summary?organisation=" + org + "&includeRetired=" + includeRetired)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    static int number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }
}
