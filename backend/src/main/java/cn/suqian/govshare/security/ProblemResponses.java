package cn.suqian.govshare.security;

import cn.suqian.govshare.web.AccessRefusedException;
import cn.suqian.govshare.web.ResponseCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Map;

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
        return write(exchange, HttpStatus.UNAUTHORIZED, ResponseCode.UNAUTHORIZED, Map.of(), e == null ? null : e.getMessage());
    }

    static Mono<Void> forbidden(ServerWebExchange exchange, AccessDeniedException e) {
        if (e instanceof AccessRefusedException refused) {
            return write(exchange, HttpStatus.FORBIDDEN, refused.code(), refused.params(), null);
        }
        if (e instanceof CsrfException) {
            return write(exchange, HttpStatus.FORBIDDEN, ResponseCode.CSRF_REFUSED, Map.of(), e.getMessage());
        }
        return write(exchange, HttpStatus.FORBIDDEN, ResponseCode.FORBIDDEN, Map.of(),
                e.getMessage() == null || e.getMessage().equals("Access Denied") ? null : e.getMessage());
    }

    /** The body, with the English title and detail, the code and its parameters, and any technical cause apart. */
    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ResponseCode code, Map<String, Object> params,
                                    String cause) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        StringBuilder body = new StringBuilder("{\"type\":\"about:blank\",\"title\":").append(json(code.title()))
                .append(",\"status\":").append(status.value())
                .append(",\"detail\":").append(json(code.english(params)))
                .append(",\"instance\":").append(json(exchange.getRequest().getPath().value()))
                .append(",\"code\":").append(json(code.code()))
                .append(",\"params\":{");
        String separator = "";
        for (var p : params.entrySet()) {
            body.append(separator).append(json(p.getKey())).append(':').append(json(String.valueOf(p.getValue())));
            separator = ",";
        }
        body.append('}');
        if (cause != null) {
            body.append(",\"cause\":").append(json(cause));
        }
        body.append('}');
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.toString().getBytes(StandardCharsets.UTF_8))));
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
