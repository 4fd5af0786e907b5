package cn.suqian.govshare.support;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
        return client(port).build();
    }

    public static WebTestClient as(int port, String username) {
        return client(port).defaultHeaders(h -> h.setBasicAuth(username, DEMO_PASSWORD)).build();
    }

    public static WebTestClient bearer(int port, String token) {
        return client(port).defaultHeaders(h -> h.setBearerAuth(token)).build();
    }

    /**
     * A client of the test server. Every response body is read in full as it arrives (a stream of events excepted) and
     * its pooled buffers released: a test that asserts only a status ({@code expectStatus().isForbidden()}) leaves the
     * body unread, and Netty's leak detector then reports the response's buffers — in the service's own log, where
     * they read as the service's leaks. Bodies up to 16 MB (a year's export, a whole list) are decoded in memory.
     */
    private static WebTestClient.Builder client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .filter((request, next) -> next.exchange(request).flatMap(Api::readWhole));
    }

    private static Mono<ClientResponse> readWhole(ClientResponse response) {
        if (response.headers().contentType().filter(MediaType.TEXT_EVENT_STREAM::isCompatibleWith).isPresent()) {
            return Mono.just(response);
        }
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return response.mutate().body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))).build();
                })
                .switchIfEmpty(Mono.fromSupplier(() -> response.mutate().body(Flux.empty()).build()));
    }
}
