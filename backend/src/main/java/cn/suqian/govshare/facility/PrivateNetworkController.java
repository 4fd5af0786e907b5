package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.RecordRules;

import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.record.Params;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.PrivateNetworkRecord;
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

import static cn.suqian.govshare.db.schema.Tables.PRIVATE_NETWORK;

/** Private business networks. Reads for everyone signed in (departments: own); changes by the office or the owner. */
@RestController
@RequestMapping("/api/v1/networks")
class PrivateNetworkController {

    private final OwnedRecords<PrivateNetwork, PrivateNetworkRecord> networks;

    PrivateNetworkController(OwnedRecords<PrivateNetwork, PrivateNetworkRecord> networks) {
        this.networks = networks;
    }

    static OwnedRecords<PrivateNetwork, PrivateNetworkRecord> store(Db db, References.Sources references) {
        var t = PRIVATE_NETWORK;
        Map<String, org.jooq.Field<?>> sortable = new LinkedHashMap<>();
        sortable.put("code", t.CODE);
        sortable.put("name", t.NAME);
        sortable.put("organisationCode", t.ORGANISATION_CODE);
        sortable.put("utilisationPercent", t.UTILISATION_PERCENT);
        sortable.put("migrationStatus", t.MIGRATION_STATUS);
        sortable.put("migrationPlannedOn", t.MIGRATION_PLANNED_ON);
        sortable.put("annualOmCost", t.ANNUAL_OM_COST);
        return new OwnedRecords<>(db, references, new OwnedRecords.Mapping<>("private network", t, t.CODE, t.ORGANISATION_CODE,
                t.RETIRED_AT, t.UPDATED_AT, sortable,
                r -> r.into(PrivateNetwork.class),
                (dsl, n) -> OwnedRecords.row(dsl, t, n, t.RETIRED_AT, t.CREATED_AT, t.UPDATED_AT),
                PrivateNetwork::code, PrivateNetwork::normalised, PrivateNetwork::check,
                (dsl, n, lookups) -> RecordRules.organisationKnown(n.organisationCode(), lookups),
                (dsl, n) -> n.organisationCode()));
    }

    @Operation(summary = "List private networks: organisation, migrationStatus, classified filters; paging; sort=field,asc|desc. Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<PrivateNetwork>> list(CurrentUser user,
                                                 @RequestParam(required = false) String organisation,
                                                 @RequestParam(required = false) String migrationStatus,
                                                 @RequestParam(required = false) Boolean classified,
                                                 @RequestParam(defaultValue = "false") boolean includeRetired,
                                                 @RequestParam(required = false) String sort,
                                                 @RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer size) {
        List<Condition> filters = new ArrayList<>();
        MigrationStatus status = Params.enumOf("migrationStatus", migrationStatus, MigrationStatus.class);
        if (status != null) {
            filters.add(PRIVATE_NETWORK.MIGRATION_STATUS.eq(status));
        }
        if (classified != null) {
            filters.add(PRIVATE_NETWORK.CLASSIFIED.eq(classified));
        }
        return networks.find(user, organisation, filters, includeRetired, sort, PageRequest.of(page, size));
    }

    @Operation(summary = "One private network. Any signed-in person; departments their own.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<PrivateNetwork> get(CurrentUser user, @PathVariable String code) {
        return networks.get(user, code);
    }

    @Operation(summary = "Register a private network. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<PrivateNetwork> create(CurrentUser user, @RequestBody PrivateNetwork network) {
        return networks.create(user, network);
    }

    @Operation(summary = "Replace a private network's record. EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.EDITORS)
    public Mono<PrivateNetwork> update(CurrentUser user, @PathVariable String code, @RequestBody PrivateNetwork network) {
        return networks.update(user, code, network);
    }

    @Operation(summary = "Retire a private network (kept, never deleted). EGOV_ADMIN, or DEPARTMENT for its own organisation.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.EDITORS)
    public Mono<PrivateNetwork> retire(CurrentUser user, @PathVariable String code) {
        return networks.retire(user, code);
    }
}
