package cn.suqian.govshare.connection;

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
 * The endpoints connection monitoring will probe. A target belongs to its system's organisation: reads for
 * everyone signed in (departments: own), changes by the office or the system's owner. A thin mapping onto
 * {@link ConnectionTargets}; the record's own endpoints are {@link RecordEndpoints}.
 */
@RestController
@RequestMapping("/api/v1/connection-targets")
class ConnectionTargetController extends RecordEndpoints<ConnectionTarget> {

    private final ConnectionTargets targets;

    ConnectionTargetController(ConnectionTargets targets) {
        super(targets);
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

}
