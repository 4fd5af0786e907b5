package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.Params;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
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

    @Operation(summary = "One data room. Any signed-in person; departments their own.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<DataRoom> get(CurrentUser user, @PathVariable String code) {
        return rooms.get(user, code);
    }

    @Operation(summary = "Register a data room. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<DataRoom> create(CurrentUser user, @RequestBody DataRoom room) {
        return rooms.create(user, room);
    }

    @Operation(summary = "Replace a data room's record. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.EDITORS)
    public Mono<DataRoom> update(CurrentUser user, @PathVariable String code, @RequestBody DataRoom room) {
        return rooms.update(user, code, room);
    }

    @Operation(summary = "Retire a data room (kept, never deleted). EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.EDITORS)
    public Mono<DataRoom> retire(CurrentUser user, @PathVariable String code) {
        return rooms.retire(user, code);
    }
}
