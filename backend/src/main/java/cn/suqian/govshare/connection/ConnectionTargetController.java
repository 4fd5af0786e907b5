package cn.suqian.govshare.connection;

import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.Params;
import cn.suqian.govshare.record.References;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.ConnectionTargetRecord;
import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.FieldProblem;
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

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;

/**
 * The endpoints connection monitoring will probe. A target belongs to its system's organisation: reads for
 * everyone signed in (departments: own), changes by the office or the system's owner.
 */
@RestController
@RequestMapping("/api/v1/connection-targets")
class ConnectionTargetController {

    private final OwnedRecords<ConnectionTarget, ConnectionTargetRecord> targets;

    ConnectionTargetController(OwnedRecords<ConnectionTarget, ConnectionTargetRecord> targets) {
        this.targets = targets;
    }

    static OwnedRecords<ConnectionTarget, ConnectionTargetRecord> store(Db db, References.Sources references, Inventory inventory) {
        var t = CONNECTION_TARGET;
        Map<String, org.jooq.Field<?>> sortable = new LinkedHashMap<>();
        sortable.put("code", t.CODE);
        sortable.put("name", t.NAME);
        sortable.put("systemCode", t.SYSTEM_CODE);
        sortable.put("organisationCode", t.ORGANISATION_CODE);
        sortable.put("kind", t.KIND);
        sortable.put("probe", t.PROBE);
        return new OwnedRecords<>(db, references, new OwnedRecords.Mapping<>("connection target", t, t.CODE, t.ORGANISATION_CODE,
                t.RETIRED_AT, t.UPDATED_AT, sortable,
                r -> r.into(ConnectionTarget.class),
                // the owning organisation follows the system, by trigger
                (dsl, c) -> OwnedRecords.row(dsl, t, c, t.ORGANISATION_CODE, t.RETIRED_AT, t.CREATED_AT, t.UPDATED_AT),
                ConnectionTarget::code, ConnectionTarget::normalised, (c, today) -> c.check(),
                (dsl, c, lookups) -> c.systemCode() == null || lookups.systemOwner().containsKey(c.systemCode()) ? List.of()
                        : List.of(new FieldProblem("systemCode", c.systemCode(), "unknown (or retired) information system")),
                (dsl, c) -> c.organisationCode() != null ? c.organisationCode()
                        : inventory.ownerOf(dsl, c.systemCode()).orElse(null)));
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
        List<Condition> filters = new ArrayList<>();
        if (system != null && !system.isBlank()) {
            filters.add(CONNECTION_TARGET.SYSTEM_CODE.eq(system));
        }
        ConnectionTarget.Kind k = Params.enumOf("kind", kind, ConnectionTarget.Kind.class);
        if (k != null) {
            filters.add(CONNECTION_TARGET.KIND.eq(k));
        }
        return targets.find(user, organisation, filters, includeRetired, sort, PageRequest.of(page, size));
    }

    @Operation(summary = "One connection target. Any signed-in person; departments their own.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ConnectionTarget> get(CurrentUser user, @PathVariable String code) {
        return targets.get(user, code);
    }

    @Operation(summary = "Register a connection target for a system. EGOV_ADMIN, or DEPARTMENT owning the system.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<ConnectionTarget> create(CurrentUser user, @RequestBody ConnectionTarget target) {
        return targets.create(user, target);
    }

    @Operation(summary = "Replace a connection target. EGOV_ADMIN, or DEPARTMENT owning the system.")
    @PutMapping("/{code}")
    @PreAuthorize(Access.EDITORS)
    public Mono<ConnectionTarget> update(CurrentUser user, @PathVariable String code, @RequestBody ConnectionTarget target) {
        return targets.update(user, code, target);
    }

    @Operation(summary = "Retire a connection target (kept, never deleted). EGOV_ADMIN, or DEPARTMENT owning the system.")
    @PostMapping("/{code}/retire")
    @PreAuthorize(Access.EDITORS)
    public Mono<ConnectionTarget> retire(CurrentUser user, @PathVariable String code) {
        return targets.retire(user, code);
    }
}
