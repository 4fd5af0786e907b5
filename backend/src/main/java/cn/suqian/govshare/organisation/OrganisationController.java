package cn.suqian.govshare.organisation;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.Versioned;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Organisations. Reference data, so every signed-in person may read all of them; the e-government office
 * administers them; contact details may also be changed by a department for its own organisation.
 */
@RestController
@RequestMapping("/api/v1/organisations")
class OrganisationController {

    private static final String TYPES = java.util.Arrays.stream(OrganisationType.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.joining(", "));

    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @Operation(summary = "List organisations, filtered by type and a text query (code or name), paged. Any signed-in person.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<Organisation>> list(@RequestParam(required = false) String type,
                                               @RequestParam(required = false) String q,
                                               @RequestParam(defaultValue = "false") boolean includeRetired,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        OrganisationType t = parseType(type);
        return organisations.find(t, q, includeRetired, PageRequest.of(page, size));
    }

    @Operation(summary = "One organisation, with its version as ETag. Any signed-in person.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<Organisation>> get(@PathVariable String code) {
        return organisations.get(code).map(Versioned::ok);
    }

    @Operation(summary = "An organisation's history from the audit trail, newest first. Any signed-in person.")
    @GetMapping("/{code}/history")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<RecordHistory.Entry>> history(@PathVariable String code) {
        return organisations.history(code);
    }

    @Operation(summary = "Change an organisation's contact person and phone; If-Match as for replacing. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PutMapping("/{code}/contact")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<Organisation>> changeContact(@PathVariable String code, @RequestBody OrganisationService.ContactChange change,
                                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                            CurrentUser user) {
        return organisations.changeContact(user, code, change, Versioned.expected(ifMatch)).map(Versioned::ok);
    }

    @Operation(summary = "Add an organisation (e.g. a new development zone). EGOV_ADMIN only.")
    @PostMapping
    @PreAuthorize(Access.ADMIN)
    public Mono<ResponseEntity<Organisation>> create(@RequestBody Organisation organisation) {
        return organisations.create(organisation).map(Versioned::created);
    }

    @Operation(summary = "Replace an organisation's record (the code never changes). With If-Match (the ETag read), refused with 409 "
            + "editConflict if someone changed it meanwhile. EGOV_ADMIN only.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.ADMIN)
    public Mono<ResponseEntity<Organisation>> update(@PathVariable String code,
                                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @RequestBody Organisation organisation) {
        return organisations.update(code, organisation, Versioned.expected(ifMatch)).map(Versioned::ok);
    }

    @Operation(summary = "Retire an organisation (kept for history, never deleted), optionally with {\"reason\"} kept in the audit trail; "
            + "refused while it has active sub-organisations; If-Match as for replacing. EGOV_ADMIN only.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.ADMIN)
    public Mono<ResponseEntity<Organisation>> retire(@PathVariable String code,
                                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @RequestBody(required = false) RecordHistory.Retirement retirement) {
        return organisations.retire(code, Versioned.expected(ifMatch), retirement).map(Versioned::ok);
    }

    private static OrganisationType parseType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return OrganisationType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(FieldProblem.oneOf("type", type, TYPES));
        }
    }
}
