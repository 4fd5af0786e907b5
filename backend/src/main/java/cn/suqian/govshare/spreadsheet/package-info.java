/**
 * Spreadsheet exchange for people who live in spreadsheets: reading and writing XLSX (Apache POI) and CSV
 * with Chinese column headings. Shared infrastructure: it knows cells and rows, not the domain; each
 * capability declares its own columns and row rules.
 */
@ApplicationModule(displayName = "Spreadsheets", allowedDependencies = {"web"})
package cn.suqian.govshare.spreadsheet;

import org.springframework.modulith.ApplicationModule;
