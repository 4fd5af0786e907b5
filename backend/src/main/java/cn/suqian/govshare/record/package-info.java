/**
 * The common life of registry records owned by an organisation, shared by the registry modules, in the
 * layers every module has. Service: scoped paging and sorting, validated creation and replacement,
 * retirement instead of deletion, one transaction a call (OwnedRecords; SheetBackedRecords adds
 * spreadsheet import all-or-nothing, export and templates through SheetImport). Repository: RecordTable,
 * the typed jOOQ of one registry table. Records: OwnedRecord, a record carrying its own rules, and
 * RecordFilter, its list filters. References let a record check what it refers to without reading another
 * module's tables. A module's service and repository extend these with its record type and table.
 */
@ApplicationModule(displayName = "Registry records", allowedDependencies = {"access", "audit", "db", "spreadsheet", "web"})
package cn.suqian.govshare.record;

import org.springframework.modulith.ApplicationModule;
