/**
 * Database infrastructure shared by every capability: the {@link cn.suqian.govshare.db.Db} helper that
 * runs blocking jOOQ work off the event loop in one transaction per callable (and refuses work beyond what
 * the connection pool can serve), the embedded PostgreSQL
 * default, and time-series storage (TimescaleDB when present, native partitioning otherwise).
 * Generated jOOQ classes live in {@code db.schema} and are built from the migrations in {@code sql/}.
 */
package cn.suqian.govshare.db;
