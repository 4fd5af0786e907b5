/**
 * Database infrastructure shared by every capability: the Db helper that runs blocking jOOQ work off the
 * event loop in one transaction per callable, the embedded PostgreSQL default, COPY, and time-series
 * storage (TimescaleDB when present, native partitioning otherwise). Generated jOOQ classes live in
 * db.schema and are built from the migrations in sql/; a column holding a module's enum is generated with
 * that enum (see JooqCodegen), so db.schema names every module and stays out of the module dependency
 * checks. Which module owns which table is declared with OwnsTables.
 */
@ApplicationModule(displayName = "Database", allowedDependencies = {"web"}, type = ApplicationModule.Type.OPEN)
@OwnsTables({"ts_table", "ts_apply_retention"})
package cn.suqian.govshare.db;

import org.springframework.modulith.ApplicationModule;
