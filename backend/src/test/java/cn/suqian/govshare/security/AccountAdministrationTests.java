package cn.suqian.govshare.security;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the users and tokens pages rely on: a generated password shown once, the owner replacing it, resets,
 * disabling, a token's last use, and every change in the audit trail.
 */
@IntegrationTest
class AccountAdministrationTests {

    @LocalServerPort
    int port;

    WebTestClient basic(String username, String password) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth(username, password)).build();
    }

    int me(String username, String password) {
        return basic(username, password).get().uri("/api/v1/me").exchange().expectBody(String.class).returnResult().getStatus().value();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> create(String username) {
        return Api.as(port, "admin").post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "displayName", "管理页测试", "role", "DEPARTMENT", "organisationCode", "water"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_generated_password_is_shown_once_and_its_owner_must_replace_it() {
        Map<String, Object> created = create("admin-page-new");
        String initial = (String) created.get("initialPassword");
        assertThat(initial).hasSizeGreaterThanOrEqualTo(12);
        assertThat(((Map<String, Object>) created.get("account")).get("passwordChangeRequired")).isEqualTo(true);
        // never listed again
        Api.as(port, "admin").get().uri("/api/v1/users").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("admin-page-new").doesNotContain(initial));

        basic("admin-page-new", initial).get().uri("/api/v1/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.passwordChangeRequired").isEqualTo(true);

        // the current password must be right, the new one long enough and different
        basic("admin-page-new", initial).put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "wrong-password", "newPassword", "short"))
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'currentPassword')].code").isEqualTo("currentPasswordWrong")
                .jsonPath("$.errors[?(@.field == 'newPassword')].code").isEqualTo("minLength");
        basic("admin-page-new", initial).put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", initial, "newPassword", initial))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("samePassword");

        basic("admin-page-new", initial).put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", initial, "newPassword", "my-own-password"))
                .exchange().expectStatus().isNoContent();
        assertThat(me("admin-page-new", initial)).isEqualTo(401);
        basic("admin-page-new", "my-own-password").get().uri("/api/v1/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.passwordChangeRequired").isEqualTo(false);
    }

    @Test
    void a_reset_password_replaces_the_old_one_at_once_and_disabling_locks_the_account_out() {
        String initial = (String) create("admin-page-reset").get("initialPassword");
        assertThat(me("admin-page-reset", initial)).isEqualTo(200);

        @SuppressWarnings("unchecked")
        Map<String, Object> reset = Api.as(port, "admin").post().uri("/api/v1/users/admin-page-reset/password-reset")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String fresh = (String) reset.get("password");
        assertThat(fresh).isNotEqualTo(initial);
        assertThat(me("admin-page-reset", initial)).isEqualTo(401);
        assertThat(me("admin-page-reset", fresh)).isEqualTo(200);

        Api.as(port, "admin").put().uri("/api/v1/users/admin-page-reset/enabled").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", false)).exchange().expectStatus().isOk();
        assertThat(me("admin-page-reset", fresh)).isEqualTo(401);
        Api.as(port, "admin").post().uri("/api/v1/users/nobody-here/password-reset").exchange().expectStatus().isNotFound();

        // creation, reset and disabling are each in the trail, never with a password hash
        Api.as(port, "auditor").get().uri("/api/v1/audit?entityType=app_user&limit=200").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> {
                    assertThat(body).contains("admin-page-reset").doesNotContain("password_hash").doesNotContain(fresh);
                    assertThat(body.split("\"entityId\":\"admin-page-reset\"", -1).length - 1).isGreaterThanOrEqualTo(3);
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_token_shows_when_it_was_last_used_and_using_it_is_not_an_audited_change() {
        Map<String, Object> issued = Api.as(port, "admin").post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "last-use-probe")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> before = token(issued.get("id"));
        assertThat(before.get("lastUsedAt")).isNull();

        Api.bearer(port, (String) issued.get("token")).get().uri("/api/v1/me").exchange().expectStatus().isOk();
        assertThat(token(issued.get("id")).get("lastUsedAt")).isNotNull();

        Api.as(port, "auditor").get().uri("/api/v1/audit?entityType=api_token&limit=200").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("last_used_at"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> token(Object id) {
        List<Map<String, Object>> all = Api.as(port, "admin").get().uri("/api/v1/tokens").exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream().map(m -> (Map<String, Object>) m).toList();
        return all.stream().filter(t -> id.equals(t.get("id"))).findFirst().orElseThrow();
    }
}
