package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Funding and approval eligibility: verdicts, rules, recomputation, funding decisions, export, effectiveness. */
@RestController
@RequestMapping("/api/v1/eligibility")
class EligibilityController {

    static final String FINANCE = "hasRole('FINANCE')";
    static final String EFFECTIVENESS_READERS = "hasAnyRole('AUDITOR','EGOV_ADMIN','LEADER','FINANCE')";

    private final EligibilityQueries queries;
    private final EligibilityRules rules;
    private final Eligibility eligibility;
    private final FundingDecisions decisions;
    private final EligibilityExport export;

    EligibilityController(EligibilityQueries queries, EligibilityRules rules, Eligibility eligibility, FundingDecisions decisions,
                          EligibilityExport export) {
        this.queries = queries;
        this.rules = rules;
        this.eligibility = eligibility;
        this.decisions = decisions;
        this.export = export;
    }

    @Operation(summary = "Every request of a budget year with its verdict, reasons and funding decision, filtered by organisation, verdict, "
            + "type and rule; totals requested vs eligible vs decided (the finance board). Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<EligibilityQueries.Board> board(CurrentUser user, @RequestParam int year, @RequestParam(required = false) String organisation,
                                                @RequestParam(required = false) Verdict verdict, @RequestParam(required = false) Filing.ProjectType type,
                                                @RequestParam(required = false) String rule) {
        return queries.board(user, year, new EligibilityQueries.Filter(organisation, verdict, type, rule));
    }

    @Operation(summary = "The board as XLSX or CSV with the reasons in Chinese. Any signed-in person; departments get their own.")
    @GetMapping("/export")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> export(CurrentUser user, @RequestParam int year, @RequestParam(defaultValue = "xlsx") String format,
                                               @RequestParam(required = false) String organisation, @RequestParam(required = false) Verdict verdict,
                                               @RequestParam(required = false) Filing.ProjectType type, @RequestParam(required = false) String rule) {
        return export.export(user, year, new EligibilityQueries.Filter(organisation, verdict, type, rule), SheetFormat.of(format))
                .map(f -> ResponseEntity.ok().contentType(f.format().mediaType())
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(f.name() + "." + f.format().extension(), StandardCharsets.UTF_8).build().toString())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(f.content()));
    }

    @Operation(summary = "A request's verdict detail: rules fired and passed with evidence and the plan's sentence, exemptions, "
            + "funding decisions and the verdict history. Whoever may read the request.")
    @GetMapping("/filings/{id}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<EligibilityQueries.Detail> filing(CurrentUser user, @PathVariable long id) {
        return queries.detail(user, id);
    }

    @Operation(summary = "One stored verdict of a request (current or past) with the facts it was computed from. Whoever may read the request.")
    @GetMapping("/filings/{id}/verdicts/{verdictId}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<EligibilityRepository.StoredVerdict> verdict(CurrentUser user, @PathVariable long id, @PathVariable long verdictId) {
        return queries.verdict(user, id, verdictId);
    }

    @Operation(summary = "Re-evaluates a stored verdict from its own stored facts and rule versions, showing it is reproducible.")
    @GetMapping("/filings/{id}/verdicts/{verdictId}/reproduction")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Eligibility.Reproduction> reproduce(CurrentUser user, @PathVariable long id, @PathVariable long verdictId) {
        return queries.reproduce(user, id, verdictId);
    }

    @Operation(summary = "Records finance's funding decision on a request (audited); against a 'not eligible' verdict a reason is "
            + "required and the decision is flagged to auditors. FINANCE.")
    @PostMapping("/filings/{id}/decision")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(FINANCE)
    public Mono<FundingDecisions.Decided> decide(CurrentUser user, @PathVariable long id, @RequestBody FundingDecisions.Input input) {
        return decisions.decide(user, id, input);
    }

    @Operation(summary = "Funding decisions that went against the verdict, for auditors. AUDITOR, EGOV_ADMIN, LEADER, FINANCE.")
    @GetMapping("/decisions/flagged")
    @PreAuthorize(EFFECTIVENESS_READERS)
    public Mono<List<FundingDecisions.Decided>> flagged(@RequestParam(required = false) Integer year) {
        return decisions.flagged(year);
    }

    @Operation(summary = "A system's verdict in a budget year, from the requests naming it. Whoever may read the system.")
    @GetMapping("/systems/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<EligibilityQueries.SystemVerdict> system(CurrentUser user, @PathVariable String code, @RequestParam int year) {
        return queries.system(user, code, year);
    }

    @Operation(summary = "A department's verdict in a budget year, over its requests. Whoever may read the organisation.")
    @GetMapping("/organisations/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<EligibilityQueries.OrganisationVerdict> organisation(CurrentUser user, @PathVariable String code, @RequestParam int year) {
        return queries.organisation(user, code, year);
    }

    @Operation(summary = "The rules in force for a budget year (latest version of each), and the years that have rules. Any signed-in person.")
    @GetMapping("/rules")
    @PreAuthorize(Access.ANY_USER)
    public Mono<EligibilityRules.RuleSet> rules(@RequestParam int year) {
        return rules.rules(year);
    }

    @Operation(summary = "Every version of one rule of a year, newest first. Any signed-in person.")
    @GetMapping("/rules/{year}/{ruleId}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<EligibilityRule>> versions(@PathVariable int year, @PathVariable String ruleId) {
        return rules.versions(year, ruleId);
    }

    @Operation(summary = "Adds a version of a rule of a year (reworded, new condition, retired: retired=true), with a reason; "
            + "recomputes that year's verdicts only. EGOV_ADMIN.")
    @PutMapping("/rules/{year}/{ruleId}")
    @PreAuthorize(Access.ADMIN)
    public Mono<EligibilityRule> change(CurrentUser user, @PathVariable int year, @PathVariable String ruleId,
                                        @RequestBody EligibilityRule.Change change) {
        return rules.change(user, year, ruleId, change);
    }

    @Operation(summary = "Opens a budget year with a copy of another year's rules. EGOV_ADMIN.")
    @PostMapping("/rules/{year}/copy")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<EligibilityRules.RuleSet> copy(CurrentUser user, @PathVariable int year, @RequestParam int from) {
        return rules.copy(user, year, from);
    }

    @Operation(summary = "Recomputes a year's verdicts now (new measurements, registry edits); writes only those whose facts or "
            + "outcomes changed, with the cause. EGOV_ADMIN.")
    @PostMapping("/recompute")
    @PreAuthorize(Access.ADMIN)
    public Mono<Eligibility.Recompute> recompute(CurrentUser user, @RequestParam int year) {
        Eligibility.requireYear(year);
        return eligibility.recompute(year, Eligibility.Cause.of("recomputeAsked", "user", user.username()));
    }

    @Operation(summary = "The auditors' effectiveness view of a year's special funds: funded systems with measured use, funded zombie "
            + "candidates, funded systems not connected, O&M cost by organisation and status, decisions against the verdict. "
            + "AUDITOR, EGOV_ADMIN, LEADER, FINANCE.")
    @GetMapping("/effectiveness")
    @PreAuthorize(EFFECTIVENESS_READERS)
    public Mono<EligibilityQueries.Effectiveness> effectiveness(@RequestParam int year) {
        return queries.effectiveness(year);
    }
}
