package cn.suqian.govshare.report;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

/**
 * Annual reports. Readers: the office, the leading group, auditors and finance (all organisations; finance reads
 * them beside eligibility when it decides funding, and changes nothing), departments (their own only). Drafts, corrections and submissions: the organisation's own department only. Windows and returns:
 * the office.
 */
@RestController
@RequestMapping("/api/v1/annual-reports")
class AnnualReportController {

    /** Who reads annual reports (departments: their own organisation's). */
    static final String READERS = "hasAnyRole('LEADER','DEPARTMENT','EGOV_ADMIN','AUDITOR','FINANCE')";
    /** The leading group's views across organisations (finance reads them too). */
    static final String OVERSEERS = "hasAnyRole('LEADER','EGOV_ADMIN','AUDITOR','FINANCE')";

    private final AnnualReports reports;
    private final Reminders reminders;

    AnnualReportController(AnnualReports reports, Reminders reminders) {
        this.reports = reports;
        this.reminders = reminders;
    }

    @Operation(summary = "Submission status of every reporting organisation for the year (on time, late, missing, pending) with "
            + "discrepancy counts. LEADER, EGOV_ADMIN, AUDITOR, FINANCE; DEPARTMENT sees its own row only.")
    @GetMapping
    @PreAuthorize(READERS)
    public Mono<AnnualReports.Overview> overview(CurrentUser user, @RequestParam int year) {
        return reports.overview(user, year);
    }

    @Operation(summary = "Report windows (opening day, deadline, reminder days, tolerance). Readers of annual reports.")
    @GetMapping("/windows")
    @PreAuthorize(READERS)
    public Mono<List<AnnualReport.Window>> windows() {
        return reports.windows();
    }

    @Operation(summary = "Sets a year's window (defaults: opens 1 January of the next year, deadline 10 January). EGOV_ADMIN.")
    @PutMapping("/windows/{year}")
    @PreAuthorize(Access.ADMIN)
    public Mono<AnnualReport.Window> putWindow(CurrentUser user, @PathVariable int year, @RequestBody AnnualReports.WindowInput input) {
        return reports.putWindow(user, year, input);
    }

    @Operation(summary = "Discrepancies (reported figures beyond the tolerance) of the latest submitted versions. LEADER, EGOV_ADMIN, "
            + "AUDITOR, FINANCE; DEPARTMENT: its own.")
    @GetMapping("/discrepancies")
    @PreAuthorize(READERS)
    public Mono<List<AnnualReports.Discrepancy>> discrepancies(CurrentUser user, @RequestParam int year) {
        return reports.discrepancies(user, year);
    }

    @Operation(summary = "Reminders sent (in the app). Readers; DEPARTMENT: its own.")
    @GetMapping("/reminders")
    @PreAuthorize(READERS)
    public Mono<List<AnnualReports.Reminder>> reminders(CurrentUser user, @RequestParam(required = false) Integer year) {
        return reports.reminders(user, year);
    }

    @Operation(summary = "Sends today's reminders now (the scheduled job does so every morning). EGOV_ADMIN.")
    @PostMapping("/reminders/run")
    @PreAuthorize(Access.ADMIN)
    public Mono<Integer> runReminders() {
        return reminders.runNow();
    }

    @Operation(summary = "XLSX summary of every organisation's figures for the year, in Chinese. LEADER, EGOV_ADMIN, AUDITOR, FINANCE.")
    @GetMapping("/{year}/summary.xlsx")
    @PreAuthorize(OVERSEERS)
    public Mono<ResponseEntity<byte[]>> summary(CurrentUser user, @PathVariable int year) {
        return reports.summarySheet(user, year).map(bytes -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(year + "年度报告汇总.xlsx", StandardCharsets.UTF_8).build().toString())
                .body(bytes));
    }

    @Operation(summary = "The organisation's report for the year (latest version, or ?version=), with versions and differences. "
            + "LEADER, EGOV_ADMIN, AUDITOR, FINANCE; DEPARTMENT: its own organisation.")
    @GetMapping("/{year}/{organisation}")
    @PreAuthorize(READERS)
    public Mono<AnnualReport> get(CurrentUser user, @PathVariable int year, @PathVariable String organisation,
                                  @RequestParam(required = false) Integer version) {
        return reports.get(user, year, organisation, version);
    }

    @Operation(summary = "Opens the draft: the open one, else a new version prefilled from measurement. DEPARTMENT of the organisation.")
    @PostMapping("/{year}/{organisation}/draft")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(READERS)
    public Mono<AnnualReport> startDraft(CurrentUser user, @PathVariable int year, @PathVariable String organisation) {
        return reports.startDraft(user, year, organisation);
    }

    @Operation(summary = "Saves the draft's narrative per section and corrections (each with a reason). DEPARTMENT of the organisation.")
    @PutMapping("/{year}/{organisation}/draft")
    @PreAuthorize(READERS)
    public Mono<AnnualReport> saveDraft(CurrentUser user, @PathVariable int year, @PathVariable String organisation,
                                        @RequestBody AnnualReport.DraftInput input) {
        return reports.saveDraft(user, year, organisation, input);
    }

    @Operation(summary = "Measures the draft's figures afresh. DEPARTMENT of the organisation.")
    @PostMapping("/{year}/{organisation}/draft/remeasure")
    @PreAuthorize(READERS)
    public Mono<AnnualReport> remeasure(CurrentUser user, @PathVariable int year, @PathVariable String organisation) {
        return reports.remeasure(user, year, organisation);
    }

    @Operation(summary = "Submits the draft (from the opening day; late after the deadline); the version is frozen. DEPARTMENT of the organisation.")
    @PostMapping("/{year}/{organisation}/submit")
    @PreAuthorize(READERS)
    public Mono<AnnualReport> submit(CurrentUser user, @PathVariable int year, @PathVariable String organisation) {
        return reports.submit(user, year, organisation);
    }

    @Operation(summary = "Returns the latest submitted version with comments. EGOV_ADMIN.")
    @PostMapping("/{year}/{organisation}/versions/{version}/return")
    @PreAuthorize(Access.ADMIN)
    public Mono<AnnualReport> returnReport(CurrentUser user, @PathVariable int year, @PathVariable String organisation,
                                           @PathVariable int version, @RequestBody AnnualReports.ReturnInput input) {
        return reports.returnReport(user, year, organisation, version, input);
    }
}
