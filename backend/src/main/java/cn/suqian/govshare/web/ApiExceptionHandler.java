package cn.suqian.govshare.web;

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
 * Turns domain exceptions into RFC 9457 problem bodies. Refusals (401/403) are written by the security
 * layer with the same shape; see {@code security.ProblemResponses}. A {@link BusyException} raised before a
 * controller runs (while signing in) is answered the same way by {@link BusyResponses}.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalidInput(e.problems());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail bind(WebExchangeBindException e) {
        List<FieldProblem> problems = e.getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getRejectedValue(), f.getDefaultMessage()))
                .toList();
        return invalidInput(problems);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getReason() == null ? "The request could not be read" : e.getReason());
        p.setTitle("Unreadable request");
        Throwable cause = e.getMostSpecificCause();
        if (cause != e && cause.getMessage() != null) {
            p.setProperty("cause", cause.getMessage().lines().findFirst().orElse(""));
        }
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Conflict");
        return p;
    }

    @ExceptionHandler(org.springframework.core.io.buffer.DataBufferLimitException.class)
    ProblemDetail tooLarge(org.springframework.core.io.buffer.DataBufferLimitException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than this endpoint accepts (" + e.getMessage() + "); split it into smaller batches");
        p.setTitle("Body too large");
        return p;
    }

    @ExceptionHandler(BusyException.class)
    ResponseEntity<ProblemDetail> busy(BusyException e) {
        return busyResponse(e, null);
    }

    /** 503 with {@code Retry-After} (whole seconds) and the stable problem code {@code busy}. */
    static ResponseEntity<ProblemDetail> busyResponse(BusyException e, String instance) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        p.setTitle("Busy");
        p.setProperty("code", "busy");
        if (instance != null) {
            p.setInstance(java.net.URI.create(instance));
        }
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    static ProblemDetail invalidInput(List<FieldProblem> problems) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() + " field(s) refused; nothing was saved");
        p.setTitle("Invalid input");
        p.setProperty("errors", problems);
        return p;
    }
}
