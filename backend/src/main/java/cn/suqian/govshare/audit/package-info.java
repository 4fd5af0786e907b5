/**
 * The audit trail: every change to data is recorded by database triggers (who, when, what before and
 * after) in the append-only, hash-chained audit_event table; this module reads it and verifies the chain.
 * Capabilities attach audit_row_change(...) to their tables in their migrations and may record domain
 * events (sign-ins, imports, ingest batches) through AuditTrail, which works inside the caller's
 * transaction; the audit page reads through AuditService.
 */
@ApplicationModule(displayName = "Audit trail", allowedDependencies = {"db", "web"})
@OwnsTables({"audit_event", "audit_verify"})
package cn.suqian.govshare.audit;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
