package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.Params;
import cn.suqian.govshare.record.RecordEndpoints;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Departments' own data rooms. Reads for everyone signed in (departments: own); changes by the office or the
 * owner. A thin mapping onto {@link DataRooms}; the record's own endpoints are {@link RecordEndpoints}.
 */
@RestController
@RequestMapping("/api/v1/data-rooms")
class DataRoomController extends RecordEndpoints<DataRoom> {

    private final DataRooms rooms;

    DataRoomController(DataRooms rooms) {
        super(rooms);
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

}
