package cn.suqian.govshare.web;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Unknown and forbidden pages get a page (in the reader's language, by its script); API paths keep JSON problems. */
@IntegrationTest
class ErrorPageTests {

    @LocalServerPort
    int port;

    /** A signed-in page session for a demo user. */
    WebTestClient session(String username) {
        var anonymous = Api.anonymous(port);
        String csrf = anonymous.get().uri("/login").exchange().expectBody(String.class).returnResult()
                .getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        String session = anonymous.post().uri("/login").cookie("XSRF-TOKEN", csrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + username + "&password=demo&_csrf=" + csrf)
                .exchange().expectStatus().isFound().expectBody(String.class).returnResult().getResponseCookies().getFirst("SESSION").getValue();
        return Api.anonymous(port).mutate().defaultCookie("SESSION", session).build();
    }

    @Test
    void an_unknown_page_is_a_404_page_not_json() {
        session("leader").get().uri("/no-such-page").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(body -> assertThat(body).contains("data-status=\"404\"", "/js/error.js"));
    }

    @Test
    void a_page_the_role_may_not_see_is_a_403_page() {
        var department = session("dept-water");
        for (String page : new String[] {"/users.html", "/tokens.html", "/audit.html"}) {
            department.get().uri(page).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).value(body -> assertThat(body).contains("data-status=\"403\""));
        }
        session("admin").get().uri("/users.html").exchange().expectStatus().isOk();
        department.get().uri("/import.html").exchange().expectStatus().isOk();
    }

    @Test
    void api_paths_keep_their_json_problems() {
        Api.as(port, "leader").get().uri("/api/v1/no-such-endpoint").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
