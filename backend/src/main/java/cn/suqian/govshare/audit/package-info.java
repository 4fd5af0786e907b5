/**
 * The audit trail: every change to data is recorded by database triggers (who, when, what before and
 * after) in the append-only, hash-chained {@code audit_event} table; this package reads it and verifies
 * the chain. Capabilities attach {@code audit_row_change(...)} to their tables in their migrations and
 * may record domain events (sign-ins, ingest batches) through {@link cn.suqian.govshare.audit.AuditTrail}.
 */
package cn.suqian.govshare.audit;
