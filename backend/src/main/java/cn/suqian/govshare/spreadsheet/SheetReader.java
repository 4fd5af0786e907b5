package cn.suqian.govshare.spreadsheet;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the first sheet of an XLSX workbook, or a CSV file (RFC 4180, UTF-8, optional BOM), into rows
 * keyed by the headings in the first row. Dates in XLSX cells come out as ISO dates; numbers as typed.
 * Completely empty rows are skipped.
 */
public final class SheetReader {

    /** Upper bound on rows per file; larger inventories are split into several files. */
    public static final int MAX_ROWS = 50_000;

    private SheetReader() {
    }

    public static Sheet read(byte[] content) {
        return SheetFormat.sniff(content) == SheetFormat.XLSX ? readXlsx(content) : readCsv(content);
    }

    static Sheet readXlsx(byte[] content) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw unreadable(ProblemCode.NO_SHEET);
            }
            var sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            List<String> headings = new ArrayList<>();
            List<SheetRow> rows = new ArrayList<>();
            for (Row row : sheet) {
                if (headings.isEmpty()) {
                    for (Cell cell : row) {
                        while (headings.size() < cell.getColumnIndex()) {
                            headings.add("");
                        }
                        headings.add(formatter.formatCellValue(cell).strip());
                    }
                    continue;
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (Cell cell : row) {
                    int i = cell.getColumnIndex();
                    if (i < headings.size() && !headings.get(i).isEmpty()) {
                        String text = text(cell, formatter);
                        if (!text.isBlank()) {
                            cells.put(headings.get(i), text);
                        }
                    }
                }
                if (!cells.isEmpty()) {
                    rows.add(new SheetRow(row.getRowNum() + 1, cells));
                    checkSize(rows);
                }
            }
            return new Sheet(headings, rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw unreadable(ProblemCode.UNREADABLE_WORKBOOK, String.valueOf(e.getMessage()));
        }
    }

    private static String text(Cell cell, DataFormatter formatter) {
        var type = cell.getCellType() == org.apache.poi.ss.usermodel.CellType.FORMULA
                ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == org.apache.poi.ss.usermodel.CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
        }
        if (type == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
            double d = cell.getNumericCellValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : java.math.BigDecimal.valueOf(d).toPlainString();
        }
        return formatter.formatCellValue(cell).strip();
    }

    public static Sheet readCsv(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = parseCsv(text);
        if (records.isEmpty()) {
            return new Sheet(List.of(), List.of());
        }
        List<String> headings = records.getFirst().stream().map(String::strip).toList();
        List<SheetRow> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> values = records.get(r);
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < values.size() && i < headings.size(); i++) {
                if (!values.get(i).isBlank() && !headings.get(i).isEmpty()) {
                    cells.put(headings.get(i), values.get(i).strip());
                }
            }
            if (!cells.isEmpty()) {
                rows.add(new SheetRow(r + 1, cells));
                checkSize(rows);
            }
        }
        return new Sheet(headings, rows);
    }

    /** RFC 4180: fields separated by commas, optionally quoted with "", quotes doubled inside. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw unreadable(ProblemCode.UNTERMINATED_QUOTE);
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    private static void checkSize(List<SheetRow> rows) {
        if (rows.size() > MAX_ROWS) {
            throw new InvalidInputException(FieldProblem.of("file", rows.size() + "+ rows", ProblemCode.TOO_MANY_ROWS, MAX_ROWS));
        }
    }

    private static InvalidInputException unreadable(ProblemCode code, Object... params) {
        return new InvalidInputException(FieldProblem.of("file", null, code, params));
    }
}
