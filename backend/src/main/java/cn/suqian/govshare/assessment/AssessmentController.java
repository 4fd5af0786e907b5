package cn.suqian.govshare.assessment;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.filing.AttachmentContent;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * The yearly assessment. Everyone signed in reads (a department: its own organisation only); the office runs,
 * publishes, finalises, enters manual values and decides challenges; a department challenges its own result.
 */
@RestController
@RequestMapping("/api/v1/assessments")
class AssessmentController {

    /** Runs and their progress: not for departments (they see their own scorecard). */
    static final String READERS = "hasAnyRole('LEADER','FINANCE','EGOV_ADMIN','AUDITOR')";

    private final Assessments assessments;
    private final RunProgress progress;

    AssessmentController(Assessments assessments, RunProgress progress) {
        this.assessments = assessments;
        this.progress = progress;
    }

    @Operation(summary = "Assessed years with state, methodology and runs. Any signed-in person.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<Assessments.YearView>> years(CurrentUser user) {
        return assessments.years(user);
    }

    @Operation(summary = "Official totals per organisation and year (a department: its own). Any signed-in person.")
    @GetMapping("/history")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Map<Integer, Map<String, Double>>> history(CurrentUser user) {
        return assessments.history(user);
    }

    @Operation(summary = "One year: state, methodology, runs. Any signed-in person.")
    @GetMapping("/{year}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Assessments.YearView> year(CurrentUser user, @PathVariable int year) {
        return assessments.year(user, year);
    }

    @Operation(summary = "Ranking board of the year's result with movement since last year (a department: its own row). Any signed-in person.")
    @GetMapping("/{year}/results")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Assessments.Board> board(CurrentUser user, @PathVariable int year) {
        return assessments.board(user, year);
    }

    @Operation(summary = "An organisation's scorecard: every indicator with inputs, formula and evidence; trend; challenges. "
            + "Any signed-in person; a department only its own organisation.")
    @GetMapping("/{year}/results/{organisation}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Assessments.Scorecard> scorecard(CurrentUser user, @PathVariable int year, @PathVariable String organisation) {
        return assessments.scorecard(user, year, organisation);
    }

    @Operation(summary = "Runs of the year (who, when, version, purpose). LEADER, FINANCE, EGOV_ADMIN, AUDITOR.")
    @GetMapping("/{year}/runs")
    @PreAuthorize(READERS)
    public Mono<List<AssessmentRun>> runs(CurrentUser user, @PathVariable int year) {
        return assessments.runs(user, year);
    }

    @Operation(summary = "Start a run of the year (a published year is reproduced on its frozen facts, never overwritten). EGOV_ADMIN.")
    @PostMapping("/{year}/runs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize(Access.ADMIN)
    public Mono<AssessmentRun> start(CurrentUser user, @PathVariable int year, @RequestParam(required = false) Integer version) {
        return assessments.start(user, year, version);
    }

    @Operation(summary = "Progress of a run as server-sent events (started, systems, connection, exchange, reports, tasks, scoring, done). "
            + "LEADER, FINANCE, EGOV_ADMIN, AUDITOR.")
    @GetMapping(path = "/{year}/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize(READERS)
    public Flux<ServerSentEvent<RunProgress.Event>> events(CurrentUser user, @PathVariable int year, @PathVariable long id) {
        Flux<RunProgress.Event> live = progress.events(id);
        // a run this process no longer follows: its stored outcome as the one event
        Flux<RunProgress.Event> stored = assessments.runs(user, year).flatMapMany(runs -> Flux.fromStream(runs.stream()
                .filter(r -> r.id() == id).filter(r -> r.status() != AssessmentRun.Status.RUNNING)
                .map(r -> new RunProgress.Event(id, r.status() == AssessmentRun.Status.DONE ? "done" : "failed", r.organisations(), r.failure()))));
        return live.switchIfEmpty(stored).map(e -> ServerSentEvent.builder(e).event(e.step()).build());
    }

    @Operation(summary = "Run another methodology version on the year's facts, side by side with the result; nothing published changes. EGOV_ADMIN.")
    @PostMapping("/{year}/what-if")
    @PreAuthorize(Access.ADMIN)
    public Mono<Assessments.WhatIf> whatIf(CurrentUser user, @PathVariable int year, @RequestParam int version) {
        return assessments.whatIf(user, year, version);
    }

    @Operation(summary = "Publish (freeze) the year's result and open the challenge window. EGOV_ADMIN.")
    @PostMapping("/{year}/publish")
    @PreAuthorize(Access.ADMIN)
    public Mono<Assessments.YearView> publish(CurrentUser user, @PathVariable int year, @RequestBody(required = false) Assessments.PublishInput input) {
        return assessments.publish(user, year, input);
    }

    @Operation(summary = "Declare the published year final (no challenge left undecided); the final grade feeds rule R10. EGOV_ADMIN.")
    @PostMapping("/{year}/finalise")
    @PreAuthorize(Access.ADMIN)
    public Mono<Assessments.YearView> finalise(CurrentUser user, @PathVariable int year) {
        return assessments.finalise(user, year);
    }

    @Operation(summary = "Manual indicator values with evidence (a department: its own). Any signed-in person.")
    @GetMapping("/{year}/manual-values")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Map<String, Map<String, OrganisationFacts.ManualFact>>> manualValues(CurrentUser user, @PathVariable int year) {
        return assessments.manualValues(user, year);
    }

    @Operation(summary = "Enter a manual indicator value (0–100) with evidence and a reason, audited. EGOV_ADMIN, draft years only.")
    @PutMapping("/{year}/manual-values")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Access.ADMIN)
    public Mono<Void> putManual(CurrentUser user, @PathVariable int year, @RequestBody Assessments.ManualInput input) {
        return assessments.putManual(user, year, input);
    }

    @Operation(summary = "Challenges of the year (a department: its own). Any signed-in person.")
    @GetMapping("/{year}/challenges")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<Challenge>> challenges(CurrentUser user, @PathVariable int year) {
        return assessments.challenges(user, year);
    }

    @Operation(summary = "File a challenge on one indicator of the own organisation's published result, with a reason and attachments. "
            + "DEPARTMENT (own organisation), within the challenge window.")
    @PostMapping("/{year}/challenges")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<Challenge> file(CurrentUser user, @PathVariable int year, @RequestBody Assessments.ChallengeInput input) {
        return assessments.fileChallenge(user, year, input);
    }

    @Operation(summary = "Attaches an evidence file to a challenge still waiting for the office (multipart 'file'): type judged by content "
            + "(pdf, png, jpg, docx, xlsx, pptx, doc, xls, ppt), size limited, SHA-256 stored. DEPARTMENT that filed it.")
    @PostMapping(value = "/{year}/challenges/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<Challenge.Attachment> attach(CurrentUser user, @PathVariable int year, @PathVariable long id, @RequestPart("file") FilePart file) {
        return AttachmentContent.bytes(file, assessments.maxAttachmentBytes())
                .flatMap(bytes -> assessments.attach(user, year, id, file.filename(), bytes));
    }

    @Operation(summary = "Downloads a challenge's attachment, always as a download (Content-Disposition: attachment, nosniff), never inline. "
            + "Whoever may read the challenge (a department: its own).")
    @GetMapping("/{year}/challenges/{id}/attachments/{attachmentId}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> download(CurrentUser user, @PathVariable int year, @PathVariable long id, @PathVariable long attachmentId) {
        return assessments.download(user, year, id, attachmentId)
                .map(d -> AttachmentContent.download(d.fileName(), d.contentType(), d.sha256(), d.content()));
    }

    @Operation(summary = "Accept (with a corrected score: a new result version) or reject a challenge, with a reason; audited. EGOV_ADMIN.")
    @PostMapping("/{year}/challenges/{id}/decision")
    @PreAuthorize(Access.ADMIN)
    public Mono<Challenge> decide(CurrentUser user, @PathVariable int year, @PathVariable long id, @RequestBody Assessments.DecisionInput input) {
        return assessments.decide(user, year, id, input);
    }
}
