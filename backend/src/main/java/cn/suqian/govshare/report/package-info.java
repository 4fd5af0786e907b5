/**
 * The annual report (年度报告, safeguard "annual report"): a window per reported year (opens 1 January, a
 * deadline the office edits), reminders from the opening day to organisations that have not submitted (in
 * the app and through connection status's notification channels), a draft prefilled from what GovShare
 * measured — one {@link cn.suqian.govshare.report.AnnualReportSection} per section, each figure with its
 * evidence — narratives, corrections with reasons, discrepancies beyond the tolerance, immutable submitted
 * versions, returns by the office, the print page and the XLSX summary.
 * The API: AnnualReports (reports, windows, and {@code discrepancies(dsl, year)} for the assessment's
 * report-consistency indicator) and AnnualReportSection (add a section by adding a bean).
 */
@ApplicationModule(displayName = "Annual reports", allowedDependencies = {"access", "catalogue", "connection", "db", "exchange",
        "facility", "inventory", "keytask", "organisation", "record", "spreadsheet", "web"})
@OwnsTables({"annual_report_window", "annual_report", "annual_report_discrepancy", "annual_report_reminder"})
package cn.suqian.govshare.report;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
