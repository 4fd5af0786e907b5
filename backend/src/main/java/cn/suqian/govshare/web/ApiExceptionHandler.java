package cn.suqian.govshare.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

import java.util.List;

/**
 * Turns domain exceptions into RFC 9457 problem bodies, each with a {@code code} and {@code params} (see
 * {@link ResponseCode}). Refusals (401/403) are written by the security layer with the same shape; see
 * {@code security.ProblemResponses}. A {@link BusyException} raised before a controller runs (while signing
 * in) is answered the same way by {@link BusyResponses}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // before Boot's problem-details handler, which would answer ServerWebInputException first
class ApiExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalidInput(e.problems());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail bind(WebExchangeBindException e) {
        List<FieldProblem> problems = e.getFieldErrors().stream()
                .map(f -> FieldProblem.of(f.getField(), f.getRejectedValue(), ProblemCode.INVALID_VALUE))
                .toList();
        return invalidInput(problems);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        // a body that is JSON but holds a value of the wrong kind somewhere: name where (fundingSources[0].om), as
        // the checks after reading do, instead of "failed to read"
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException json && !json.getPath().isEmpty()) {
                FieldProblem problem = t instanceof StorableText.Refused refused
                        ? FieldProblem.of(path(json.getPath()), refused.shown(), ProblemCode.INVALID_CHARACTER)
                        : FieldProblem.of(path(json.getPath()),
                        t instanceof tools.jackson.databind.exc.InvalidFormatException f ? f.getValue() : null, ProblemCode.INVALID_VALUE);
                ProblemDetail p = invalidInput(List.of(problem));
                p.setProperty("cause", json.getOriginalMessage().lines().findFirst().orElse(""));
                return p;
            }
        }
        ProblemDetail p = ResponseCode.UNREADABLE_REQUEST.problem(HttpStatus.BAD_REQUEST,
                ResponseCode.UNREADABLE_REQUEST.params(e.getReason() == null ? "" : e.getReason()));
        Throwable cause = e.getMostSpecificCause();
        if (cause != e && cause.getMessage() != null) {
            p.setProperty("cause", cause.getMessage().lines().findFirst().orElse(""));
        }
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ResponseCode.NOT_FOUND.problem(HttpStatus.NOT_FOUND, e.params());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return e.code().problem(HttpStatus.CONFLICT, e.params());
    }

    @ExceptionHandler(org.springframework.core.io.buffer.DataBufferLimitException.class)
    ProblemDetail tooLarge(org.springframework.core.io.buffer.DataBufferLimitException e) {
        ProblemDetail p = ResponseCode.BODY_TOO_LARGE.problem(HttpStatus.CONTENT_TOO_LARGE, ResponseCode.BODY_TOO_LARGE.params());
        p.setProperty("cause", e.getMessage());
        return p;
    }

    @ExceptionHandler(UnsupportedEncodingRefusal.class)
    ProblemDetail unsupportedEncoding(UnsupportedEncodingRefusal e) {
        return ResponseCode.UNSUPPORTED_ENCODING.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ResponseCode.UNSUPPORTED_ENCODING.params(e.encoding()));
    }

    @ExceptionHandler(BusyException.class)
    ResponseEntity<ProblemDetail> busy(BusyException e) {
        return busyResponse(e, null);
    }

    /** 503 with {@code Retry-After} (whole seconds) and the stable problem code {@code busy}. */
    static ResponseEntity<ProblemDetail> busyResponse(BusyException e, String instance) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        ProblemDetail p = ResponseCode.BUSY.problem(HttpStatus.SERVICE_UNAVAILABLE, ResponseCode.BUSY.params(seconds));
        if (instance != null) {
            p.setInstance(java.net.URI.create(instance));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    /** A JSON path as the field checks name one: {@code systems[2].code}. */
    static String path(List<tools.jackson.core.JacksonException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (var r : references) {
            if (r.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    static ProblemDetail invalidInput(List<FieldProblem> problems) {
        ProblemDetail p = ResponseCode.INVALID_INPUT.problem(HttpStatus.BAD_REQUEST, ResponseCode.INVALID_INPUT.params(problems.size()));
        p.setProperty("errors", problems);
        return p;
    }
}
