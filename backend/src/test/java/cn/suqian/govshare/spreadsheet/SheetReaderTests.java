package cn.suqian.govshare.spreadsheet;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading CSV and XLSX files, in memory, into rows keyed by their headings. */
class SheetReaderTests {

    static Sheet csv(String text) {
        return SheetReader.read(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<FieldProblem> refusal(byte[] content) {
        try {
            SheetReader.read(content);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("expected the file to be refused");
    }

    @Test
    void a_csv_file_gives_rows_keyed_by_its_stripped_headings_numbered_as_a_spreadsheet_shows_them() {
        Sheet sheet = csv("\uFEFF系统编码 , 系统名称\r\nwater.s01, 防汛系统 \r\n\r\nwater.s02,水资源系统\r\n");

        assertThat(sheet.headings()).containsExactly("系统编码", "系统名称");
        assertThat(sheet.rows()).extracting(SheetRow::number).containsExactly(2, 4);
        assertThat(sheet.rows().getFirst().cells()).containsExactly(Map.entry("系统编码", "water.s01"), Map.entry("系统名称", "防汛系统"));
    }

    @Test
    void quoted_csv_fields_may_hold_commas_quotes_and_line_breaks() {
        Sheet sheet = csv("a,b\n\"1,5\",\"他说\"\"好\"\"\nthen\"\n");

        assertThat(sheet.rows()).singleElement().satisfies(row -> {
            assertThat(row.get("a")).isEqualTo("1,5");
            assertThat(row.get("b")).isEqualTo("他说\"好\"\nthen");
        });
    }

    @Test
    void blank_cells_cells_beyond_the_headings_and_unnamed_columns_are_left_out() {
        Sheet sheet = csv("a,,c\n1,2, \n,,\n4,5,6,7");

        assertThat(sheet.rows()).extracting(SheetRow::cells).containsExactly(Map.of("a", "1"), Map.of("a", "4", "c", "6"));
        assertThat(sheet.rows()).extracting(SheetRow::number).containsExactly(2, 4);
    }

    @Test
    void a_last_line_without_a_line_break_still_counts() {
        assertThat(csv("a\n1").rows()).extracting(r -> r.get("a")).containsExactly("1");
        assertThat(csv("").headings()).isEmpty();
    }

    @Test
    void an_unterminated_quote_refuses_the_file() {
        assertThat(refusal("a,b\n\"open,2\n".getBytes(StandardCharsets.UTF_8))).extracting(FieldProblem::field).containsExactly("file");
    }

    @Test
    void a_file_has_at_most_50000_rows() {
        StringBuilder b = new StringBuilder("a\n");
        b.append("1\n".repeat(SheetReader.MAX_ROWS));
        assertThat(csv(b.toString()).rows()).hasSize(SheetReader.MAX_ROWS);

        b.append("1\n");
        assertThat(refusal(b.toString().getBytes(StandardCharsets.UTF_8))).extracting(FieldProblem::field).containsExactly("file");
    }

    @Test
    void an_xlsx_workbook_is_recognised_and_its_first_sheet_read_with_dates_and_numbers_as_text() throws IOException {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("清单");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            var heading = sheet.createRow(0);
            heading.createCell(0).setCellValue("系统编码");
            heading.createCell(2).setCellValue(" 接入日期 ");
            heading.createCell(3).setCellValue("等保级别");
            heading.createCell(4).setCellValue("年运维费用");
            heading.createCell(5).setCellValue("合计");
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue(" water.s01 ");
            row.createCell(1).setCellValue("no heading");
            var connected = row.createCell(2);
            connected.setCellValue(LocalDate.of(2018, 6, 30));
            connected.setCellStyle(date);
            row.createCell(3).setCellValue(3.0);
            row.createCell(4).setCellValue(12500.75);
            row.createCell(5).setCellFormula("D2+1");
            sheet.createRow(3).createCell(0).setCellValue("water.s02");
            workbook.createSheet("其他").createRow(0).createCell(0).setCellValue("ignored");
            workbook.setForceFormulaRecalculation(true);
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            xlsx = out.toByteArray();
        }

        assertThat(SheetFormat.sniff(xlsx)).isEqualTo(SheetFormat.XLSX);
        Sheet sheet = SheetReader.read(xlsx);
        assertThat(sheet.headings()).containsExactly("系统编码", "", "接入日期", "等保级别", "年运维费用", "合计");
        assertThat(sheet.rows()).extracting(SheetRow::number).containsExactly(2, 4);
        assertThat(sheet.rows().getFirst().cells()).containsExactly(Map.entry("系统编码", "water.s01"), Map.entry("接入日期", "2018-06-30"),
                Map.entry("等保级别", "3"), Map.entry("年运维费用", "12500.75"), Map.entry("合计", "4"));
    }

    @Test
    void what_the_writer_writes_the_reader_reads_back_in_both_formats() {
        List<String> headings = List.of("编码", "名称");
        List<List<String>> rows = List.of(List.of("a.1", "含,逗号"), java.util.Arrays.asList("a.2", null), List.of("a.3", "引\"号"));
        for (SheetFormat format : SheetFormat.values()) {
            Sheet sheet = SheetReader.read(SheetWriter.write(format, "测试", headings, rows));
            assertThat(sheet.headings()).as(format.name()).isEqualTo(headings);
            assertThat(sheet.rows()).as(format.name()).extracting(SheetRow::cells).containsExactly(
                    Map.of("编码", "a.1", "名称", "含,逗号"), Map.of("编码", "a.2"), Map.of("编码", "a.3", "名称", "引\"号"));
        }
    }

    @Test
    void a_file_that_looks_like_a_workbook_but_is_not_is_refused() {
        assertThat(refusal("PK not really a zip".getBytes(StandardCharsets.UTF_8))).extracting(FieldProblem::field).containsExactly("file");
    }

    @Test
    void the_format_parameter_is_xlsx_by_default_or_csv() {
        assertThat(SheetFormat.of(null)).isEqualTo(SheetFormat.XLSX);
        assertThat(SheetFormat.of(" CSV ")).isEqualTo(SheetFormat.CSV);
        assertThatThrownBy(() -> SheetFormat.of("ods")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::value)
                        .containsExactly(org.assertj.core.api.Assertions.tuple("format", "ods")));
    }
}
