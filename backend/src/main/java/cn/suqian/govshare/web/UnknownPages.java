package cn.suqian.govshare.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;

/**
 * A path nothing answers: a person asking for a page gets the error page (404) in their language; the API
 * keeps its JSON problem. Runs before the generic problem-details handler, which would answer both with JSON.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownPages {

    private final ErrorPages errorPages;

    UnknownPages(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> unknown(NoResourceFoundException e, ServerWebExchange exchange) {
        if (ErrorPages.isApi(exchange)) {
            ProblemDetail problem = e.getBody();
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store").body(errorPages.html(HttpStatus.NOT_FOUND));
    }
}
