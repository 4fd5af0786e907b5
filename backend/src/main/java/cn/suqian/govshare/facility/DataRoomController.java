package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.Params;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.Versioned;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
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
 * Departments' own data rooms. Reads for everyone signed in (departments: own); changes by the office or the
 * owner. A thin mapping onto {@link DataRooms}, spelled out like the other registries' endpoints.
 */
@RestController
@RequestMapping("/api/v1/data-rooms")
class DataRoomController {

    private final DataRooms rooms;

    DataRoomController(DataRooms rooms) {
        this.rooms = rooms;
    }

    @Operation(summary = "List data rooms: organisation, migrationStatus filters; paging; sort=field,asc|desc. Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<DataRoom>> list(CurrentUser user,
                                                 @RequestParam(required = false) String organisation,
                                                 @RequestParam(required = false) String migrationStatus,
                                                 @RequestParam(defaultValue = "false") boolean includeRetired,
                                                 @RequestParam(required = false) String sort,
                                                 @RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer size) {
        var filter = new DataRooms.Filter(organisation,
                Params.enumOf("migrationStatus", migrationStatus, MigrationStatus.class), includeRetired);
        return rooms.find(user, filter, sort, PageRequest.of(page, size));
    }

    @Operation(summary = "One data room. Any signed-in person; departments their own; with its version as ETag.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<DataRoom>> get(CurrentUser user, @PathVariable String code) {
        return rooms.read(user, code).map(Versioned::ok);
    }

    @Operation(summary = "Its history from the audit trail, newest first. Whoever may read it.")
    @GetMapping("/{code}/history")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<RecordHistory.Entry>> history(CurrentUser user, @PathVariable String code) {
        return rooms.history(user, code);
    }

    @Operation(summary = "Register a data room. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<DataRoom>> create(CurrentUser user, @RequestBody DataRoom room) {
        return rooms.create(user, room).map(Versioned::created);
    }

    @Operation(summary = "Replace a data room's record. With If-Match (the ETag read), refused with 409 editConflict if someone "
            + "changed it meanwhile. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<DataRoom>> update(CurrentUser user, @PathVariable String code,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody DataRoom room) {
        return rooms.update(user, code, room, Versioned.expected(ifMatch)).map(Versioned::ok);
    }

    @Operation(summary = "Retire a data room (kept, never deleted), optionally with {\"reason\"} kept in the audit trail; If-Match as for "
            + "replacing. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<DataRoom>> retire(CurrentUser user, @PathVariable String code,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody(required = false) RecordHistory.Retirement retirement) {
        return rooms.retire(user, code, Versioned.expected(ifMatch), retirement).map(Versioned::ok);
    }
}
