package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestParam;
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
    private final CollectorRefusedPages refusedPages;

    CollectorController(CollectorSources sources, CollectorRefusedPages refusedPages) {
        this.sources = sources;
        this.refusedPages = refusedPages;
    }

    /** The office's decision on a refused page: SKIP or ACCEPT_VALID, and why (required). */
    public record PageDecision(String decision, String note) {
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

    @Operation(summary = "Pages the collector refused (open ones first, with their reasons and decisions), of every source. "
            + "includeDecided=true adds the latest decided ones. EGOV_ADMIN only.")
    @GetMapping("/refused-pages")
    @PreAuthorize(Access.ADMIN)
    public Mono<List<CollectorRefusedPages.RefusedPage>> refusedPages(@RequestParam(defaultValue = "false") boolean includeDecided) {
        return refusedPages.list(null, includeDecided);
    }

    @Operation(summary = "Pages one source served that the collector refused, open ones first. EGOV_ADMIN only.")
    @GetMapping("/{code}/refused-pages")
    @PreAuthorize(Access.ADMIN)
    public Mono<List<CollectorRefusedPages.RefusedPage>> refusedPagesOf(@PathVariable String code,
                                                                       @RequestParam(defaultValue = "true") boolean includeDecided) {
        return refusedPages.list(code, includeDecided);
    }

    @Operation(summary = "Records of a page accepted in part that were kept out, as served, with their reasons. EGOV_ADMIN only.")
    @GetMapping("/{code}/refused-pages/{id}/records")
    @PreAuthorize(Access.ADMIN)
    public Mono<List<CollectorRefusedPages.RefusedRecord>> refusedRecords(@PathVariable String code, @PathVariable long id) {
        return refusedPages.records(code, id);
    }

    @Operation(summary = "Decide on a refused page: SKIP it (nothing counted, the cursor moves past it) or ACCEPT_VALID (its valid records "
            + "are counted, the others kept as refused records with their reasons), with a reason; audited. The source runs again at once. "
            + "EGOV_ADMIN only.")
    @PostMapping("/{code}/refused-pages/{id}/decision")
    @PreAuthorize(Access.ADMIN)
    public Mono<CollectorRefusedPages.RefusedPage> decide(CurrentUser user, @PathVariable String code, @PathVariable long id,
                                                          @RequestBody PageDecision in) {
        List<FieldProblem> p = new ArrayList<>();
        CollectorRefusedPages.Decision decision = null;
        if (!"SKIP".equals(in.decision()) && !"ACCEPT_VALID".equals(in.decision())) {
            p.add(FieldProblem.oneOf("decision", in.decision(), "SKIP, ACCEPT_VALID"));
        } else {
            decision = CollectorRefusedPages.Decision.valueOf(in.decision());
        }
        if (in.note() == null || in.note().isBlank()) {
            p.add(FieldProblem.required("note", in.note()));
        } else if (in.note().length() > 2000) {
            p.add(FieldProblem.maxLength("note", in.note().substring(0, 40) + "…", 2000));
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        return refusedPages.decide(user, code, id, decision, in.note().trim());
    }

    /** HOLD (wait for the office's decision on each refused page) or ACCEPT_VALID (take the valid records at once). */
    public record Policy(String refusedPagePolicy) {
    }

    @Operation(summary = "What the collector does with this source's pages it cannot take as they are: HOLD (wait for the office's decision "
            + "on each) or ACCEPT_VALID (take the valid records at once, keep the others as refused records); audited. EGOV_ADMIN only.")
    @PutMapping("/{code}/refused-page-policy")
    @PreAuthorize(Access.ADMIN)
    public Mono<Source> refusedPagePolicy(@PathVariable String code, @RequestBody Policy in) {
        CollectorSources.RefusedPagePolicy policy;
        try {
            policy = CollectorSources.RefusedPagePolicy.valueOf(in.refusedPagePolicy() == null ? "" : in.refusedPagePolicy());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldProblem.oneOf("refusedPagePolicy", in.refusedPagePolicy(), "HOLD, ACCEPT_VALID"));
        }
        return sources.refusedPagePolicy(code, policy);
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
        validate(new SourceInput(code, in.name(), in.url(), in.authHeader(), in.enabled(), in.intervalSeconds(), in.refusedPagePolicy()));
        return sources.update(code, in);
    }

    private static void validate(SourceInput in) {
        List<FieldProblem> p = new ArrayList<>();
        if (in.code() == null || !in.code().matches("^[a-z][a-z0-9._-]{1,63}$")) {
            p.add(FieldProblem.codeFormat("code", in.code(), 64, ". _ -"));
        }
        if (in.name() == null || in.name().isBlank()) {
            p.add(FieldProblem.required("name", in.name()));
        }
        try {
            URI uri = URI.create(in.url() == null ? "" : in.url());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                p.add(FieldProblem.httpUrl("url", in.url()));
            }
        } catch (IllegalArgumentException e) {
            p.add(FieldProblem.httpUrl("url", in.url()));
        }
        if (in.intervalSeconds() != null && (in.intervalSeconds() < 10 || in.intervalSeconds() > 86400)) {
            p.add(FieldProblem.between("intervalSeconds", in.intervalSeconds(), 10, 86400));
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
    }
}
