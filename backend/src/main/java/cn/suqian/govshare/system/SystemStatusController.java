package cn.suqian.govshare.system;

import cn.suqian.govshare.access.Access;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Platform status for the office's status page; every figure is read from stored records. */
@RestController
class SystemStatusController {

    private final SystemStatus status;

    SystemStatusController(SystemStatus status) {
        this.status = status;
    }

    @Operation(summary = "Platform status: storage modes, organisations by type, scheduler heartbeats, audit size. The office (EGOV_ADMIN) only: it is the operators' page.")
    @GetMapping("/api/v1/system/status")
    @PreAuthorize(Access.ADMIN)
    public Mono<SystemStatus.Status> status() {
        return status.read();
    }
}
