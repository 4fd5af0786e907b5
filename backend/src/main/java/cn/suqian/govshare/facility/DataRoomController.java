package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.RecordRules;

import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.record.Params;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.DataRoomRecord;
import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.jooq.Condition;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.DATA_ROOM;

/** Departments' own data rooms. Reads for everyone signed in (departments: own); changes by the office or the owner. */
@RestController
@RequestMapping("/api/v1/data-rooms")
class DataRoomController {

    private final OwnedRecords<DataRoom, DataRoomRecord> rooms;

    DataRoomController(OwnedRecords<DataRoom, DataRoomRecord> rooms) {
        this.rooms = rooms;
    }

    static OwnedRecords<DataRoom, DataRoomRecord> store(Db db, References.Sources references) {
        var t = DATA_ROOM;
        Map<String, org.jooq.Field<?>> sortable = new LinkedHashMap<>();
        sortable.put("code", t.CODE);
        sortable.put("name", t.NAME);
        sortable.put("organisationCode", t.ORGANISATION_CODE);
        sortable.put("utilisationPercent", t.UTILISATION_PERCENT);
        sortable.put("migrationStatus", t.MIGRATION_STATUS);
        sortable.put("migrationPlannedOn", t.MIGRATION_PLANNED_ON);
        sortable.put("annualOmCost", t.ANNUAL_OM_COST);
        return new OwnedRecords<>(db, references, new OwnedRecords.Mapping<>("data room", t, t.CODE, t.ORGANISATION_CODE,
                t.RETIRED_AT, t.UPDATED_AT, sortable,
                r -> r.into(DataRoom.class),
                (dsl, n) -> OwnedRecords.row(dsl, t, n, t.RETIRED_AT, t.CREATED_AT, t.UPDATED_AT),
                DataRoom::code, DataRoom::normalised, DataRoom::check,
                (dsl, n, lookups) -> RecordRules.organisationKnown(n.organisationCode(), lookups),
                (dsl, n) -> n.organisationCode()));
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
        List<Condition> filters = new ArrayList<>();
        MigrationStatus status = Params.enumOf("migrationStatus", migrationStatus, MigrationStatus.class);
        if (status != null) {
            filters.add(DATA_ROOM.MIGRATION_STATUS.eq(status));
        }
        return rooms.find(user, organisation, filters, includeRetired, sort, PageRequest.of(page, size));
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
