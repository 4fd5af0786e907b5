package cn.suqian.govshare.web;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.INFORMATION_SYSTEM;
import static cn.suqian.govshare.support.InformationSystems.aSystem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a JSON request body may not carry, refused with 400 naming the field rather than failing later with 500:
 * text PostgreSQL cannot store (the NUL character, half a surrogate pair) and a value of the wrong kind.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class RequestBodyTextTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    static String text(Map<String, Object> body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }

    List<Map<String, Object>> refused(String path, String json) {
        var problem = (Map<String, Object>) Api.as(port, "admin").post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(problem).containsEntry("code", "invalidInput");
        return (List<Map<String, Object>>) problem.get("errors");
    }

    @Test
    void text_postgresql_cannot_store_is_refused_naming_its_field_and_shown_escaped() {
        String json = text(aSystem().code("water.text-guard").organisation("water").name("NAME").json());
        for (String name : List.of("a\\u0000b", "a\\ud800", "\\udc00b")) {
            var errors = refused("/api/v1/systems", json.replace("\"NAME\"", "\"" + name + "\""));
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e).containsEntry("field", "name").containsEntry("code", "invalidCharacter");
                assertThat((String) e.get("value")).contains("\\u");
            });
        }
        assertThat(dsl.fetchCount(INFORMATION_SYSTEM, INFORMATION_SYSTEM.CODE.eq("water.text-guard"))).isZero();
        // a surrogate pair (an emoji) is text like any other
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.replace("\"NAME\"", "\"水务 \\ud83d\\udca7\"")).exchange().expectStatus().isCreated();
        assertThat(dsl.select(INFORMATION_SYSTEM.NAME).from(INFORMATION_SYSTEM).where(INFORMATION_SYSTEM.CODE.eq("water.text-guard"))
                .fetchOne(INFORMATION_SYSTEM.NAME)).isEqualTo("水务 \uD83D\uDCA7");
    }

    @Test
    void a_value_of_the_wrong_kind_is_refused_naming_where_it_is() {
        String json = text(aSystem().code("water.kind-guard").organisation("water").annualOmCost("1000").json());
        var errors = refused("/api/v1/systems", json.replace("\"annualOmCost\":1000", "\"annualOmCost\":\"a lot\""));
        assertThat(errors).singleElement().satisfies(e ->
                assertThat(e).containsEntry("field", "annualOmCost").containsEntry("code", "invalidValue").containsEntry("value", "a lot"));
    }

    @Test
    void heartbeats_refuse_it_too() {
        var errors = refused("/api/v1/connections/heartbeats", "{\"target\":\"no-such-target\",\"message\":\"up\\u0000\"}");
        assertThat(errors).extracting(e -> e.get("field") + ":" + e.get("code")).contains("message:invalidCharacter");
    }
}
