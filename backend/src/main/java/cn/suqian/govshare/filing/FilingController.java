package cn.suqian.govshare.filing;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import reactor.core.publisher.Mono;

import java.util.List;

/** Filings (全口径备案): departments file their own, the office reviews, finance and leadership read, auditors read all. */
@RestController
@RequestMapping("/api/v1/filings")
class FilingController {

    private final FilingService filings;

    FilingController(FilingService filings) {
        this.filings = filings;
    }

    @Operation(summary = "Filings, filtered by budget year, organisation, status (one or more: status=SUBMITTED,UNDER_REVIEW is the review queue), type and name. Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<Filing>> list(CurrentUser user, @RequestParam(required = false) Integer year,
                                   @RequestParam(required = false) String organisation, @RequestParam(required = false) List<FilingStatus> status,
                                   @RequestParam(required = false) Filing.ProjectType type, @RequestParam(required = false) String q) {
        return filings.find(user, year, organisation, status, type, q);
    }

    @Operation(summary = "Creates a draft filing. DEPARTMENT for its own organisation, or EGOV_ADMIN.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<Filing> create(CurrentUser user, @RequestBody Filing.Input input) {
        return filings.create(user, input);
    }

    @Operation(summary = "The yearly filing windows set by the office. Any signed-in person.")
    @GetMapping("/windows")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<Filing.Window>> windows() {
        return filings.windows();
    }

    @Operation(summary = "Sets a budget year's filing window (later submissions are accepted and marked late). EGOV_ADMIN.")
    @PutMapping("/windows/{year}")
    @PreAuthorize(Access.ADMIN)
    public Mono<Filing.Window> setWindow(CurrentUser user, @PathVariable int year, @RequestBody FilingService.WindowInput input) {
        return filings.setWindow(user, year, input);
    }

    @Operation(summary = "One filing with its attachments and what it still lacks. Whoever may read its organisation.")
    @GetMapping("/{id}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Filing> get(CurrentUser user, @PathVariable long id) {
        return filings.get(user, id);
    }

    @Operation(summary = "Edits a draft or returned filing. DEPARTMENT for its own organisation, or EGOV_ADMIN.")
    @PutMapping("/{id}")
    @PreAuthorize(Access.EDITORS)
    public Mono<Filing> update(CurrentUser user, @PathVariable long id, @RequestBody Filing.Input input) {
        return filings.update(user, id, input);
    }

    @Operation(summary = "A workflow step: SUBMIT (the department, complete filings only), START_REVIEW, APPROVE, RETURN, REJECT "
            + "(the office; a comment is required to return or reject). Audited.")
    @PostMapping("/{id}/transitions")
    @PreAuthorize(Access.EDITORS)
    public Mono<Filing> step(CurrentUser user, @PathVariable long id, @RequestBody FilingService.Step step) {
        return filings.step(user, id, step);
    }

    @Operation(summary = "A filing's full history: workflow transitions with comments and every recorded change. Whoever may read it.")
    @GetMapping("/{id}/history")
    @PreAuthorize(Access.ANY_USER)
    public Mono<FilingService.History> history(CurrentUser user, @PathVariable long id) {
        return filings.history(user, id);
    }

    @Operation(summary = "Attaches a file (multipart 'file', kind FEASIBILITY_STUDY|APPROVAL|OTHER); type judged by content, "
            + "size limited, SHA-256 stored. DEPARTMENT for its own draft or returned filing, or EGOV_ADMIN.")
    @PostMapping(value = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<Filing.Attachment> attach(CurrentUser user, @PathVariable long id, @RequestPart("file") FilePart file,
                                          @RequestParam(required = false) Filing.AttachmentKind kind) {
        return AttachmentContent.bytes(file, filings.maxAttachmentBytes())
                .flatMap(bytes -> filings.attach(user, id, kind, file.filename(), bytes));
    }

    @Operation(summary = "Downloads an attachment, always as a download (Content-Disposition: attachment, nosniff), never inline. "
            + "Whoever may read the filing.")
    @GetMapping("/{id}/attachments/{attachmentId}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> download(CurrentUser user, @PathVariable long id, @PathVariable long attachmentId) {
        return filings.download(user, id, attachmentId).map(d -> AttachmentContent.download(d.fileName(), d.contentType(), d.sha256(), d.content()));
    }
}
