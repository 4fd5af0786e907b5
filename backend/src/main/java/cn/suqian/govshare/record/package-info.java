/**
 * The common life of registry records owned by an organisation, shared by the registry modules: scoped
 * paging and sorting, validated creation and replacement, retirement instead of deletion (OwnedRecords),
 * spreadsheet import all-or-nothing and export (SheetImport, SheetBackedRecords), and References, through
 * which a record checks what it refers to without reading another module's tables.
 */
@ApplicationModule(displayName = "Registry records", allowedDependencies = {"access", "audit", "db", "spreadsheet", "web"})
package cn.suqian.govshare.record;

import org.springframework.modulith.ApplicationModule;
