package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.exchange.CollectorSources.Source;
import cn.suqian.govshare.exchange.CollectorSources.SourceInput;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Pull-collector sources and their run history, for the e-government office. */
@RestController
@RequestMapping("/api/v1/exchange/sources")
class CollectorController {

    private final CollectorSources sources;

    CollectorController(CollectorSources sources) {
        this.sources = sources;
    }

    @Operation(summary = "Collector sources with their latest runs (never the credentials). EGOV_ADMIN only.")
    @GetMapping
    @PreAuthorize(Access.ADMIN)
    public Mono<List<Source>> list() {
        return sources.list();
    }

    @Operation(summary = "Run history of one source, newest first. EGOV_ADMIN only.")
    @GetMapping("/{code}/runs")
    @PreAuthorize(Access.ADMIN)
    public Mono<List<CollectorRun>> runs(@PathVariable String code) {
        return sources.runs(code);
    }

    @Operation(summary = "Add a source to pull interval statistics from. EGOV_ADMIN only.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<Source> create(@RequestBody SourceInput in) {
        validate(in);
        return sources.create(in);
    }

    @Operation(summary = "Enable or disable a source, or change its name, URL, credentials or interval (the cursor is kept). EGOV_ADMIN only.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.ADMIN)
    public Mono<Source> update(@PathVariable String code, @RequestBody SourceInput in) {
        validate(new SourceInput(code, in.name(), in.url(), in.authHeader(), in.enabled(), in.intervalSeconds()));
        return sources.update(code, in);
    }

    private static void validate(SourceInput in) {
        List<FieldProblem> p = new ArrayList<>();
        if (in.code() == null || !in.code().matches("^[a-z][a-z0-9._-]{1,63}$")) {
            p.add(new FieldProblem("code", in.code(), "2-64 characters: lower-case letters, digits, '.', '_' or '-'"));
        }
        if (in.name() == null || in.name().isBlank()) {
            p.add(new FieldProblem("name", in.name(), "required"));
        }
        try {
            URI uri = URI.create(in.url() == null ? "" : in.url());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                p.add(new FieldProblem("url", in.url(), "an http:// or https:// URL"));
            }
        } catch (IllegalArgumentException e) {
            p.add(new FieldProblem("url", in.url(), "an http:// or https:// URL"));
        }
        if (in.intervalSeconds() != null && (in.intervalSeconds() < 10 || in.intervalSeconds() > 86400)) {
            p.add(new FieldProblem("intervalSeconds", in.intervalSeconds(), "between 10 and 86400"));
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
    }
}
