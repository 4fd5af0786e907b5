package cn.suqian.govshare.support;

import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/**
 * Clients for the running test server, signed in as demo users (password "demo") or anonymous. Each request
 * uses a fresh connection: a refusal written before the server reads a request body (401, CSRF 403) may
 * leave a pooled keep-alive connection unusable for the next request, which would hang a test.
 */
public final class Api {

    public static final String DEMO_PASSWORD = "demo";

    private Api() {
    }

    public static WebTestClient anonymous(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Connection", "close").build();
    }

    public static WebTestClient as(int port, String username) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth(username, DEMO_PASSWORD))
                .defaultHeader("Connection", "close")
                .build();
    }

    public static WebTestClient bearer(int port, String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBearerAuth(token))
                .defaultHeader("Connection", "close")
                .build();
    }
}
