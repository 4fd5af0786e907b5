package cn.suqian.govshare.audit;

import cn.suqian.govshare.access.Access;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The audit trail for auditors and the e-government office. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @Operation(summary = "Audit events, newest first; page with beforeId. AUDITOR, EGOV_ADMIN.")
    @GetMapping
    @PreAuthorize(Access.AUDIT_READERS)
    public Mono<AuditTrail.AuditPage> list(@RequestParam(required = false) String entityType,
                                           @RequestParam(required = false) String entityId,
                                           @RequestParam(required = false) String actor,
                                           @RequestParam(required = false) String organisation,
                                           @RequestParam(required = false) Long beforeId,
                                           @RequestParam(defaultValue = "50") int limit) {
        return audit.page(new AuditTrail.Filter(entityType, entityId, actor, organisation, beforeId, limit));
    }

    @Operation(summary = "Recompute the hash chain and say whether it is intact, and where it breaks if not. AUDITOR, EGOV_ADMIN.")
    @GetMapping("/verify")
    @PreAuthorize(Access.AUDIT_READERS)
    public Mono<AuditTrail.Verification> verify() {
        return audit.verify();
    }
}
