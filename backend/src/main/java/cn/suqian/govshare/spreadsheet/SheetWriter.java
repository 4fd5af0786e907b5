package cn.suqian.govshare.spreadsheet;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes headings and rows of text as XLSX (streaming, bold frozen heading row) or UTF-8 CSV with BOM. */
public final class SheetWriter {

    private SheetWriter() {
    }

    public static byte[] write(SheetFormat format, String sheetName, List<String> headings, List<List<String>> rows) {
        return format == SheetFormat.XLSX ? xlsx(sheetName, headings, rows) : csv(headings, rows);
    }

    static byte[] xlsx(String sheetName, List<String> headings, List<List<String>> rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle headingStyle = workbook.createCellStyle();
            headingStyle.setFont(bold);
            Row heading = sheet.createRow(0);
            for (int i = 0; i < headings.size(); i++) {
                var cell = heading.createCell(i);
                cell.setCellValue(headings.get(i));
                cell.setCellStyle(headingStyle);
                sheet.setColumnWidth(i, Math.min(60, Math.max(12, headings.get(i).length() * 3)) * 256);
            }
            sheet.createFreezePane(0, 1);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> values = rows.get(r);
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) != null) {
                        row.createCell(i).setCellValue(values.get(i));
                    }
                }
            }
            workbook.write(out);
            workbook.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] csv(List<String> headings, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("\uFEFF"); // so spreadsheet programs read UTF-8 Chinese correctly
        line(b, headings);
        for (List<String> row : rows) {
            line(b, row);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values.get(i) == null ? "" : values.get(i);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        b.append("\r\n");
    }
}
