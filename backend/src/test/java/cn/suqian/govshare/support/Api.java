package cn.suqian.govshare.support;

import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/**
 * Clients for the running test server, signed in as demo users (password "demo") or anonymous, on pooled
 * keep-alive connections like any real client: refusals written before a request body is read leave the
 * connection usable (see {@code web.UnreadBodyFilter} and {@code EarlyRefusalTests}).
 */
public final class Api {

    public static final String DEMO_PASSWORD = "demo";

    private Api() {
    }

    public static WebTestClient anonymous(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    public static WebTestClient as(int port, String username) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth(username, DEMO_PASSWORD))
                .build();
    }

    public static WebTestClient bearer(int port, String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBearerAuth(token))
                .build();
    }
}
