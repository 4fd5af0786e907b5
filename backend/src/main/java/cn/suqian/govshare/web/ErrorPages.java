package cn.suqian.govshare.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page a person sees for an unknown or forbidden page: the usual header and a message in the
 * reader's language ({@code error.html}, which its script words from the bundles), with the real status.
 * API paths never get it: they keep their JSON problems.
 */
@Component
public final class ErrorPages {

    private static final String STATUS_PLACEHOLDER = "data-status=\"0\"";
    /** Read once at start-up, never on the event loop. */
    private final String template = load();

    /** Whether a request is for the API (JSON problems) rather than a page. */
    public static boolean isApi(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator") || path.startsWith("/v3/api-docs");
    }

    /** The page's HTML for {@code status}. */
    public String html(HttpStatus status) {
        return template.replace(STATUS_PLACEHOLDER, "data-status=\"" + status.value() + "\"");
    }

    /** Writes the error page with {@code status}. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl(CacheControl.noStore());
        byte[] body = html(status).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static String load() {
        try (InputStream in = new ClassPathResource("static/error.html").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("static/error.html is part of the frontend module", e);
        }
    }
}
