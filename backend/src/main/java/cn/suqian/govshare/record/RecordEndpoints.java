package cn.suqian.govshare.record;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The endpoints of one registry record under the controller's path, the same for every record type addressed by
 * its code in the path: {@code GET /{code}} (with its version as ETag), {@code GET /{code}/history},
 * {@code POST} (create), {@code PUT /{code}} (replace, with If-Match) and {@code POST /{code}/retire}. A record
 * type's controller extends this with its list, filters and anything of its own. Who may do what: reads for
 * everyone signed in, departments their own organisation's (the service scopes); changes by the office, or a
 * department for its own organisation.
 */
public abstract class RecordEndpoints<T> {

    private final EditableRecords<T> records;

    protected RecordEndpoints(EditableRecords<T> records) {
        this.records = records;
    }

    @Operation(summary = "One record, with its version as ETag. Any signed-in person; departments their own.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<T>> get(CurrentUser user, @PathVariable String code) {
        return records.read(user, code).map(Versioned::ok);
    }

    @Operation(summary = "Its history from the audit trail, newest first. Whoever may read it.")
    @GetMapping("/{code}/history")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<RecordHistory.Entry>> history(CurrentUser user, @PathVariable String code) {
        return records.history(user, code);
    }

    @Operation(summary = "Register a record. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<T>> create(CurrentUser user, @RequestBody T record) {
        return records.create(user, record).map(Versioned::created);
    }

    @Operation(summary = "Replace a record. With If-Match (the ETag read), refused with 409 editConflict if someone changed it "
            + "meanwhile. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<T>> update(CurrentUser user, @PathVariable String code,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @RequestBody T record) {
        return records.update(user, code, record, Versioned.expected(ifMatch)).map(Versioned::ok);
    }

    @Operation(summary = "Retire a record (kept, never deleted), optionally with {\"reason\"} kept in the audit trail; If-Match as "
            + "for replacing. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<T>> retire(CurrentUser user, @PathVariable String code,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @RequestBody(required = false) RecordHistory.Retirement retirement) {
        return records.retire(user, code, Versioned.expected(ifMatch), retirement).map(Versioned::ok);
    }
}
