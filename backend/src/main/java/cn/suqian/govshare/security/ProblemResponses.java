package cn.suqian.govshare.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * API refusals as RFC 9457 problem bodies: 401 when the caller is not known, 403 when it is known but
 * not allowed. Never a redirect to the login page. Browsers' fetch calls (X-Requested-With) get no
 * WWW-Authenticate challenge, so no native password dialog pops up over a page whose session expired.
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e) {
        if (!"XMLHttpRequest".equals(exchange.getRequest().getHeaders().getFirst("X-Requested-With"))) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"GovShare\"");
        }
        return write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "Authentication required: HTTP Basic for users, 'Authorization: Bearer <token>' for machine clients"
                        + (e == null || e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }

    static Mono<Void> forbidden(ServerWebExchange exchange, AccessDeniedException e) {
        return write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
                e.getMessage() == null || e.getMessage().equals("Access Denied")
                        ? "Your role does not allow this request"
                        : e.getMessage());
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"about:blank\",\"title\":" + json(title) + ",\"status\":" + status.value()
                + ",\"detail\":" + json(detail) + ",\"instance\":" + json(exchange.getRequest().getPath().value()) + "}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
