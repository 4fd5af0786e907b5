package cn.suqian.govshare.spreadsheet;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The workbook a department fills in without asking: the data sheet first (the only one an import reads)
 * with the headings, required ones highlighted, a drop-down on every choice and yes/no column and, when a
 * department downloads it, its own organisation code already filled in; a {@value #EXAMPLE_SHEET} sheet
 * with one example row; and a {@value #INSTRUCTIONS_SHEET} sheet saying, for each column, what it holds,
 * its format, its choices and whether it is required.
 */
public final class SheetTemplate {

    public static final String EXAMPLE_SHEET = "填写示例";
    public static final String INSTRUCTIONS_SHEET = "填写说明";
    /** Rows of the data sheet that carry drop-downs and the pre-filled organisation code. */
    public static final int PREPARED_ROWS = 500;
    static final List<String> YES_NO = List.of("是", "否");
    static final List<String> INSTRUCTION_HEADINGS = List.of("列名", "是否必填", "格式", "可选值", "说明", "示例");

    private SheetTemplate() {
    }

    /**
     * The template of a record type.
     *   sheetName         name of the data sheet
     *   columns           its columns, in order
     *   prefillField      the field holding the owning organisation, or null
     *   prefillValue      the value to put there on every prepared row (a department's own code), or null
     */
    public static <T> byte[] xlsx(String sheetName, List<Column<T>> columns, String prefillField, String prefillValue) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            dataSheet(workbook.createSheet(sheetName), columns, styles, prefillField, prefillValue);
            exampleSheet(workbook.createSheet(EXAMPLE_SHEET), columns, styles);
            instructionsSheet(workbook.createSheet(INSTRUCTIONS_SHEET), sheetName, columns, styles, prefillValue != null);
            workbook.setActiveSheet(0);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void dataSheet(Sheet sheet, List<Column<T>> columns, Styles styles, String prefillField, String prefillValue) {
        headings(sheet, columns, styles);
        DataValidationHelper helper = sheet.getDataValidationHelper();
        for (int i = 0; i < columns.size(); i++) {
            Column<T> c = columns.get(i);
            List<String> values = c.kind() == Column.Kind.YES_NO ? YES_NO : c.choices();
            if (!values.isEmpty() && c.kind() != Column.Kind.LIST) {
                DataValidationConstraint constraint = helper.createExplicitListConstraint(values.toArray(String[]::new));
                DataValidation validation = helper.createValidation(constraint, new CellRangeAddressList(1, PREPARED_ROWS, i, i));
                validation.setShowErrorBox(true);
                validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
                validation.createErrorBox("请从列表中选择", c.heading() + " 应为以下之一：" + String.join("、", values));
                validation.setShowPromptBox(true);
                validation.createPromptBox(c.heading(), "请从下拉列表中选择");
                validation.setSuppressDropDownArrow(true); // XSSF: true shows the arrow
                sheet.addValidationData(validation);
            }
            if (prefillValue != null && c.field().equals(prefillField)) {
                for (int r = 1; r <= PREPARED_ROWS; r++) {
                    Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
                    row.createCell(i).setCellValue(prefillValue);
                }
            }
        }
    }

    private static <T> void exampleSheet(Sheet sheet, List<Column<T>> columns, Styles styles) {
        headings(sheet, columns, styles);
        Row row = sheet.createRow(1);
        for (int i = 0; i < columns.size(); i++) {
            String example = columns.get(i).example();
            if (example != null && !example.isEmpty()) {
                Cell cell = row.createCell(i);
                cell.setCellValue(example);
                cell.setCellStyle(styles.example);
            }
        }
        Row note = sheet.createRow(3);
        note.createCell(0).setCellValue("以上为示例，仅供参考；导入时只读取第一个工作表，本表不会被导入。");
    }

    private static <T> void instructionsSheet(Sheet sheet, String sheetName, List<Column<T>> columns, Styles styles, boolean prefilled) {
        int r = 0;
        for (String line : List.of(
                "1. 在第一个工作表「" + sheetName + "」中每行填写一条记录，标题行不要修改、删除或调换顺序。",
                "2. 标黄的列为必填；带下拉箭头的列请从列表中选择，其余按下表的格式填写。",
                "3. 「" + EXAMPLE_SHEET + "」工作表是一行示例，仅供参考，导入时不读取。",
                prefilled ? "4. 本模板已按下载人的单位预填单位编码；只有单位编码的行视为空行，不会导入。"
                        : "4. 单位编码请填写组织机构页面上显示的编码。",
                "5. 同一编码的记录已存在时，导入会按表中内容更新它；导入前可先“仅校验”，有任何问题则整表不导入，并逐行逐列说明原因。")) {
            sheet.createRow(r++).createCell(0).setCellValue(line);
        }
        r++;
        Row head = sheet.createRow(r++);
        for (int i = 0; i < INSTRUCTION_HEADINGS.size(); i++) {
            Cell cell = head.createCell(i);
            cell.setCellValue(INSTRUCTION_HEADINGS.get(i));
            cell.setCellStyle(styles.heading);
        }
        for (Column<T> c : columns) {
            Row row = sheet.createRow(r++);
            List<String> values = c.kind() == Column.Kind.YES_NO ? YES_NO : c.choices();
            row.createCell(0).setCellValue(c.heading());
            row.createCell(1).setCellValue(c.required() ? "必填" : "选填");
            row.createCell(2).setCellValue(c.kind().format());
            row.createCell(3).setCellValue(String.join("、", values));
            row.createCell(4).setCellValue(c.description() == null ? "" : c.description());
            row.createCell(5).setCellValue(c.example() == null ? "" : c.example());
            for (int i = 0; i < INSTRUCTION_HEADINGS.size(); i++) {
                row.getCell(i).setCellStyle(styles.wrapped);
            }
        }
        int[] widths = {22, 10, 26, 40, 60, 30};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    private static <T> void headings(Sheet sheet, List<Column<T>> columns, Styles styles) {
        Row heading = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Column<T> c = columns.get(i);
            Cell cell = heading.createCell(i);
            cell.setCellValue(c.heading());
            cell.setCellStyle(c.required() ? styles.requiredHeading : styles.heading);
            sheet.setColumnWidth(i, Math.min(60, Math.max(14, c.heading().length() * 3)) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /** The few cell styles the template uses. */
    private static final class Styles {
        final CellStyle heading;
        final CellStyle requiredHeading;
        final CellStyle example;
        final CellStyle wrapped;

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            heading = workbook.createCellStyle();
            heading.setFont(bold);
            heading.setBorderBottom(BorderStyle.THIN);
            requiredHeading = workbook.createCellStyle();
            requiredHeading.cloneStyleFrom(heading);
            requiredHeading.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            requiredHeading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            Font grey = workbook.createFont();
            grey.setItalic(true);
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            example = workbook.createCellStyle();
            example.setFont(grey);
            wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
        }
    }
}
