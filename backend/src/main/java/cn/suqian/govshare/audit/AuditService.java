package cn.suqian.govshare.audit;

import cn.suqian.govshare.db.Db;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The audit trail as auditors and the office read it: pages of events and the chain check, each one transaction. */
@Service
class AuditService {

    private final Db db;
    private final AuditTrail trail;

    AuditService(Db db, AuditTrail trail) {
        this.db = db;
        this.trail = trail;
    }

    Mono<AuditTrail.AuditPage> page(AuditTrail.Filter filter) {
        return db.tx(dsl -> trail.page(dsl, filter));
    }

    Mono<AuditTrail.Verification> verify() {
        return db.tx(trail::verify);
    }
}
