package cn.suqian.govshare.web;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A refusal written before the request body was read (401, 403, 415, 503 …) first reads and discards the
 * body, so that the keep-alive connection stays usable for the client's next request and no request
 * buffer is left behind. Without this the server answers such refusals with {@code Connection: close},
 * and a client that is still sending its body may find its pooled connection broken. Only bodies up to
 * {@code govshare.web.unread-body-drain-limit} are read for this; a larger one is not worth reading just
 * to keep one connection, so the refusal goes out with {@code Connection: close}. (A 413 from a body
 * that grew past an endpoint's limit while being read also closes the connection, for the same reason.)
 */
@Component
class UnreadBodyFilter implements WebFilter, Ordered {

    private final long drainLimit;

    UnreadBodyFilter(@Value("${govshare.web.unread-body-drain-limit:8MB}") DataSize drainLimit) {
        this.drainLimit = drainLimit.toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // outside the security filters, whose refusals it must see
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        boolean hasBody = headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (!hasBody) {
            return chain.filter(exchange);
        }
        AtomicBoolean bodyTaken = new AtomicBoolean();
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                bodyTaken.set(true);
                return super.getBody();
            }
        };
        ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return drain(request, bodyTaken, getDelegate()).then(super.writeWith(body));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return drain(request, bodyTaken, getDelegate()).then(super.writeAndFlushWith(body));
            }

            @Override
            public Mono<Void> setComplete() {
                return drain(request, bodyTaken, getDelegate()).then(super.setComplete());
            }
        };
        return chain.filter(exchange.mutate().request(request).response(response).build());
    }

    /** Reads and releases a body nobody read, up to the limit; beyond it, asks for the connection to close. */
    private Mono<Void> drain(ServerHttpRequest request, AtomicBoolean bodyTaken, ServerHttpResponse response) {
        if (bodyTaken.getAndSet(true)) {
            return Mono.empty();
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > drainLimit) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
            return Mono.empty();
        }
        AtomicLong seen = new AtomicLong();
        // Read through the server's own request, whose buffers it releases after each one is seen: Spring's
        // view of the body hands out retained buffers, and releasing those here raced the server's own discard.
        HttpServerRequest server = ServerHttpRequestDecorator.getNativeRequest(request);
        return server.receive()
                .doOnNext(buffer -> seen.addAndGet(buffer.readableBytes()))
                .takeUntil(buffer -> seen.get() > drainLimit)
                .then(Mono.fromRunnable(() -> {
                    if (seen.get() > drainLimit) {
                        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
                    }
                }))
                .onErrorResume(e -> Mono.empty())
                .then();
    }
}
