package cn.suqian.govshare.connection;

import cn.suqian.govshare.record.Params;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.Versioned;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The endpoints connection monitoring will probe. A target belongs to its system's organisation: reads for
 * everyone signed in (departments: own), changes by the office or the system's owner. A thin mapping onto
 * {@link ConnectionTargets}, spelled out like the other registries' endpoints.
 */
@RestController
@RequestMapping("/api/v1/connection-targets")
class ConnectionTargetController {

    private final ConnectionTargets targets;

    ConnectionTargetController(ConnectionTargets targets) {
        this.targets = targets;
    }

    @Operation(summary = "List connection targets: organisation, system, kind filters; paging; sort=field,asc|desc. Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<ConnectionTarget>> list(CurrentUser user,
                                                   @RequestParam(required = false) String organisation,
                                                   @RequestParam(required = false) String system,
                                                   @RequestParam(required = false) String kind,
                                                   @RequestParam(defaultValue = "false") boolean includeRetired,
                                                   @RequestParam(required = false) String sort,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size) {
        var filter = new ConnectionTargets.Filter(organisation, system,
                Params.enumOf("kind", kind, ConnectionTarget.Kind.class), includeRetired);
        return targets.find(user, filter, sort, PageRequest.of(page, size));
    }

    @Operation(summary = "One connection target. Any signed-in person; departments their own; with its version as ETag.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<ConnectionTarget>> get(CurrentUser user, @PathVariable String code) {
        return targets.read(user, code).map(Versioned::ok);
    }

    @Operation(summary = "Its history from the audit trail, newest first. Whoever may read it.")
    @GetMapping("/{code}/history")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<RecordHistory.Entry>> history(CurrentUser user, @PathVariable String code) {
        return targets.history(user, code);
    }

    @Operation(summary = "Register a connection target for a system. EGOV_ADMIN, or DEPARTMENT owning the system.")
    @PostMapping
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<ConnectionTarget>> create(CurrentUser user, @RequestBody ConnectionTarget target) {
        return targets.create(user, target).map(Versioned::created);
    }

    @Operation(summary = "Replace a connection target. With If-Match (the ETag read), refused with 409 editConflict if someone "
            + "changed it meanwhile. EGOV_ADMIN, or DEPARTMENT owning the system.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<ConnectionTarget>> update(CurrentUser user, @PathVariable String code,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody ConnectionTarget target) {
        return targets.update(user, code, target, Versioned.expected(ifMatch)).map(Versioned::ok);
    }

    @Operation(summary = "Retire a connection target (kept, never deleted), optionally with {\"reason\"} kept in the audit trail; If-Match as for "
            + "replacing. EGOV_ADMIN, or DEPARTMENT owning the system.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<ConnectionTarget>> retire(CurrentUser user, @PathVariable String code,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody(required = false) RecordHistory.Retirement retirement) {
        return targets.retire(user, code, Versioned.expected(ifMatch), retirement).map(Versioned::ok);
    }
}
