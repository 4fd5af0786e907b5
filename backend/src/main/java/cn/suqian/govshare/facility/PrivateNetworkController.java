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
 * Private business networks. Reads for everyone signed in (departments: own); changes by the office or the
 * owner. A thin mapping onto {@link PrivateNetworks}: data rooms and connection targets have the same five
 * endpoints, spelled out per resource so that each states its own path, roles and summary.
 */
@RestController
@RequestMapping("/api/v1/networks")
class PrivateNetworkController extends RecordEndpoints<PrivateNetwork> {

    private final PrivateNetworks networks;

    PrivateNetworkController(PrivateNetworks networks) {
        super(networks);
        this.networks = networks;
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
        var filter = new PrivateNetworks.Filter(organisation,
                Params.enumOf("migrationStatus", migrationStatus, MigrationStatus.class), classified, includeRetired);
        return networks.find(user, filter, sort, PageRequest.of(page, size));
    }

}
