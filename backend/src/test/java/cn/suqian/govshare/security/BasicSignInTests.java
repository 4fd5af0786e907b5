package cn.suqian.govshare.security;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembered Basic sign-ins never outlive a password reset or a disabled account. */
@IntegrationTest
class BasicSignInTests {

    @LocalServerPort
    int port;

    WebTestClient basic(String username, String password) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth(username, password))
                .build();
    }

    int me(String username, String password) {
        return basic(username, password).get().uri("/api/v1/me").exchange().expectBody(String.class).returnResult().getStatus().value();
    }

    void createUser(String username, String password) {
        Api.as(port, "admin").post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "displayName", "缓存测试", "role", "LEADER",
                        "organisationCode", "gov-office", "password", password))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void after_a_password_reset_the_old_password_is_refused_at_once_and_the_new_one_works() {
        createUser("cache-reset", "first-password");
        assertThat(me("cache-reset", "first-password")).isEqualTo(200);
        assertThat(me("cache-reset", "first-password")).isEqualTo(200); // now remembered

        Api.as(port, "admin").put().uri("/api/v1/users/cache-reset/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "second-password"))
                .exchange().expectStatus().isNoContent();

        assertThat(me("cache-reset", "first-password")).isEqualTo(401);
        assertThat(me("cache-reset", "second-password")).isEqualTo(200);
    }

    @Test
    void a_disabled_account_is_refused_at_once_and_an_enabled_one_accepted_again() {
        createUser("cache-disable", "some-password");
        assertThat(me("cache-disable", "some-password")).isEqualTo(200);
        assertThat(me("cache-disable", "some-password")).isEqualTo(200);

        Api.as(port, "admin").put().uri("/api/v1/users/cache-disable/enabled").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", false)).exchange().expectStatus().isOk();
        assertThat(me("cache-disable", "some-password")).isEqualTo(401);

        Api.as(port, "admin").put().uri("/api/v1/users/cache-disable/enabled").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", true)).exchange().expectStatus().isOk();
        assertThat(me("cache-disable", "some-password")).isEqualTo(200);
    }

    @Test
    void a_password_reset_keeps_the_password_policy_and_names_unknown_users() {
        Api.as(port, "admin").put().uri("/api/v1/users/leader/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "short")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        Api.as(port, "admin").put().uri("/api/v1/users/nobody-here/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "long-enough-password")).exchange()
                .expectStatus().isNotFound();

        assertThat(me("leader", Api.DEMO_PASSWORD)).isEqualTo(200);
    }
}
