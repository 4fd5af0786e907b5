package cn.suqian.govshare.report;

import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.spreadsheet.SheetWriter;
import cn.suqian.govshare.web.Messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leading group's XLSX summary of a year: one row per reporting organisation — how it stands (on time,
 * late, missing), the version shown, and every figure of that version as reported (the correction where there
 * is one, else the measurement), with the number of discrepancies and the day its standing figures count the registry
 * on (31 December of the year, or the measuring day where the registry's history starts later). Headings and words
 * in Chinese.
 */
final class AnnualReportSummarySheet {

    private AnnualReportSummarySheet() {
    }

    static byte[] write(int year, List<AnnualReports.OverviewRow> rows, Map<String, AnnualReport> reports) {
        Map<String, String> figureKeys = new LinkedHashMap<>();
        reports.values().forEach(r -> r.sections().forEach(s -> s.figures().forEach(f -> figureKeys.putIfAbsent(f.key(),
                zh("annualReport.section." + s.key()) + "·" + zh("annualReport.figure." + f.key())))));
        List<String> headings = new ArrayList<>(List.of(zh("annualReport.column.organisationCode"), zh("annualReport.column.organisation"),
                zh("annualReport.column.submission"), zh("annualReport.column.status"), zh("annualReport.column.version"),
                zh("annualReport.column.submittedAt"), zh("annualReport.column.discrepancies"), zh("annualReport.column.asOf")));
        headings.addAll(figureKeys.values());
        List<List<String>> lines = new ArrayList<>();
        for (AnnualReports.OverviewRow row : rows) {
            AnnualReport r = reports.get(row.organisationCode());
            List<String> line = new ArrayList<>(List.of(row.organisationCode(), row.organisationName(),
                    zh("annualReport.submission." + row.submission()), r == null ? "" : zh("annualReport.status." + r.status()),
                    r == null ? "" : String.valueOf(r.version()), r == null || r.submittedAt() == null ? "" : r.submittedAt().toString(),
                    r == null ? "" : String.valueOf(r.discrepancies())));
            Map<String, AnnualReport.Figure> figures = new LinkedHashMap<>();
            if (r != null) {
                r.sections().forEach(s -> s.figures().forEach(f -> figures.put(f.key(), f)));
            }
            // the day the standing figures (systems on the cloud, resources compiled…) count the registry on
            line.add(String.join("、", figures.values().stream().map(AnnualReport.Figure::asOf).filter(java.util.Objects::nonNull)
                    .distinct().sorted().map(java.time.LocalDate::toString).toList()));
            for (String key : figureKeys.keySet()) {
                AnnualReport.Figure f = figures.get(key);
                Double v = f == null ? null : f.reported() != null ? f.reported() : f.measured();
                line.add(v == null ? "" : AnnualReports.format(v));
            }
            lines.add(line);
        }
        return SheetWriter.write(SheetFormat.XLSX, year + "年度报告汇总", headings, lines);
    }

    private static String zh(String key) {
        return Messages.chinese(key, Map.of());
    }
}
