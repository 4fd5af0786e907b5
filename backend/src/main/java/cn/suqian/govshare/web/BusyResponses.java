package cn.suqian.govshare.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * A {@link BusyException} raised in a web filter — signing in looks the user or token up in the database —
 * never reaches the controllers' exception handlers; it is answered here with the same 503 problem and
 * {@code Retry-After} as {@link ApiExceptionHandler#busy}. Ordered before Spring Boot's error handler (-1).
 */
@Component
@Order(-2)
class BusyResponses implements WebExceptionHandler {

    private final ServerResponse.Context context;

    BusyResponses(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!(ex instanceof BusyException busy) || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        var entity = ApiExceptionHandler.busyResponse(busy, exchange.getRequest().getPath().value());
        return ServerResponse.status(entity.getStatusCode())
                .headers(h -> h.addAll(entity.getHeaders()))
                .bodyValue(entity.getBody())
                .flatMap(response -> response.writeTo(exchange, context));
    }
}
