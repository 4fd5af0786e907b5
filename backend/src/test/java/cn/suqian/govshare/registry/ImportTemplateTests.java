package cn.suqian.govshare.registry;

import cn.suqian.govshare.catalogue.CatalogueSheet;
import cn.suqian.govshare.inventory.InformationSystemSheet;
import cn.suqian.govshare.spreadsheet.Column;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A downloaded import template, opened with Apache POI as a spreadsheet program would: the headings, a
 * drop-down on every choice and yes/no column, an example row apart, a 填写说明 sheet for every column, the
 * department's own organisation code pre-filled; uploaded untouched it has no data rows, filled in it imports.
 */
@IntegrationTest
class ImportTemplateTests {

    static final DataFormatter TEXT = new DataFormatter();

    @LocalServerPort
    int port;

    XSSFWorkbook download(String user, String path) throws Exception {
        byte[] bytes = Api.as(port, user).get().uri(path).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    static List<String> rowTexts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            texts.add(row.getCell(i) == null ? "" : TEXT.formatCellValue(row.getCell(i)));
        }
        return texts;
    }

    /** The explicit drop-down values offered on column i of the data rows, or null when there is none. */
    static List<String> dropDown(XSSFSheet sheet, int column) {
        for (XSSFDataValidation v : sheet.getDataValidations()) {
            for (CellRangeAddress range : v.getRegions().getCellRangeAddresses()) {
                if (range.getFirstColumn() <= column && column <= range.getLastColumn() && range.getFirstRow() == 1 && range.getLastRow() >= 100) {
                    String[] values = v.getValidationConstraint().getExplicitListValues();
                    return values == null ? null : Arrays.asList(values);
                }
            }
        }
        return null;
    }

    <T> void checkTemplate(XSSFWorkbook workbook, String dataSheet, List<Column<T>> columns, String organisationHeading, String prefilled) {
        assertThat(workbook.getSheetName(0)).isEqualTo(dataSheet);
        XSSFSheet data = workbook.getSheetAt(0);
        assertThat(rowTexts(data.getRow(0))).containsExactlyElementsOf(columns.stream().map(Column::heading).toList());

        // a drop-down on every choice and yes/no column, with exactly the labels an import accepts
        for (int i = 0; i < columns.size(); i++) {
            Column<T> c = columns.get(i);
            List<String> offered = dropDown(data, i);
            switch (c.kind()) {
                case CHOICE -> assertThat(offered).as(c.heading()).containsExactlyElementsOf(c.choices());
                case YES_NO -> assertThat(offered).as(c.heading()).containsExactly("是", "否");
                default -> assertThat(offered).as(c.heading()).isNull();
            }
        }
        assertThat(columns.stream().filter(c -> c.kind() == Column.Kind.CHOICE)).hasSizeGreaterThanOrEqualTo(4);

        // the organisation code pre-filled for a department, nothing else in the data rows
        int organisation = columns.stream().map(Column::heading).toList().indexOf(organisationHeading);
        Row first = data.getRow(1);
        if (prefilled == null) {
            assertThat(first == null || first.getCell(organisation) == null).isTrue();
        } else {
            assertThat(TEXT.formatCellValue(first.getCell(organisation))).isEqualTo(prefilled);
            assertThat(TEXT.formatCellValue(data.getRow(200).getCell(organisation))).isEqualTo(prefilled);
            assertThat(rowTexts(first).stream().filter(s -> !s.isBlank())).containsExactly(prefilled);
        }

        // one example row on its own sheet, every required column filled in
        Sheet example = workbook.getSheet("填写示例");
        assertThat(rowTexts(example.getRow(0))).containsExactlyElementsOf(columns.stream().map(Column::heading).toList());
        List<String> exampleRow = rowTexts(example.getRow(1));
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).required()) {
                assertThat(exampleRow.get(i)).as("example " + columns.get(i).heading()).isNotBlank();
            }
        }

        // 填写说明: every column with required or not, its format, its choices and a description
        Sheet instructions = workbook.getSheet("填写说明");
        assertThat(instructions).isNotNull();
        Map<String, List<String>> described = new java.util.HashMap<>();
        for (Row row : instructions) {
            List<String> texts = rowTexts(row);
            if (texts.size() >= 5) {
                described.put(texts.get(0), texts);
            }
        }
        assertThat(described.get("列名")).startsWith("列名", "是否必填", "格式", "可选值", "说明");
        for (Column<T> c : columns) {
            List<String> line = described.get(c.heading());
            assertThat(line).as("instructions for " + c.heading()).isNotNull();
            assertThat(line.get(1)).isEqualTo(c.required() ? "必填" : "选填");
            assertThat(line.get(2)).isEqualTo(c.kind().format());
            assertThat(line.get(4)).as("description of " + c.heading()).isNotBlank();
            if (c.kind() == Column.Kind.CHOICE) {
                assertThat(line.get(3)).isEqualTo(String.join("、", c.choices()));
            }
        }
    }

    @Test
    void the_inventory_template_carries_drop_downs_an_example_and_instructions_with_the_department_prefilled() throws Exception {
        try (XSSFWorkbook workbook = download("dept-water", "/api/v1/systems/template")) {
            checkTemplate(workbook, "信息系统清单", InformationSystemSheet.COLUMNS, "所属单位编码", "water");
        }
        try (XSSFWorkbook workbook = download("admin", "/api/v1/systems/template")) {
            checkTemplate(workbook, "信息系统清单", InformationSystemSheet.COLUMNS, "所属单位编码", null);
        }
    }

    @Test
    void the_catalogue_template_carries_drop_downs_an_example_and_instructions_with_the_department_prefilled() throws Exception {
        try (XSSFWorkbook workbook = download("dept-water", "/api/v1/catalogue/template")) {
            checkTemplate(workbook, "政务信息资源目录", CatalogueSheet.COLUMNS, "提供方单位编码", "water");
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> upload(byte[] file, int expectedStatus) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "模板.xlsx";
            }
        });
        return (Map<String, Object>) Api.as(port, "dept-water").post().uri("/api/v1/systems/import?dryRun=true")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build()))
                .exchange().expectStatus().isEqualTo(expectedStatus).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_untouched_template_has_no_data_rows_and_one_filled_row_imports() throws Exception {
        try (XSSFWorkbook workbook = download("dept-water", "/api/v1/systems/template")) {
            ByteArrayOutputStream untouched = new ByteArrayOutputStream();
            workbook.write(untouched);
            Map<String, Object> problem = upload(untouched.toByteArray(), 400);
            assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("code")).containsExactly("noDataRows");

            // the department fills the second row as the example shows (the organisation is there already)
            List<String> example = rowTexts(workbook.getSheet("填写示例").getRow(1));
            Row row = workbook.getSheetAt(0).getRow(2);
            List<Column<?>> columns = new ArrayList<>(InformationSystemSheet.COLUMNS);
            for (int i = 0; i < columns.size(); i++) {
                if (!columns.get(i).field().equals("organisationCode") && i < example.size() && !example.get(i).isBlank()) {
                    row.createCell(i).setCellValue(example.get(i).replace("flood-warning", "template-filled").replace("/flood", "/template-filled"));
                }
            }
            ByteArrayOutputStream filled = new ByteArrayOutputStream();
            workbook.write(filled);
            Map<String, Object> result = upload(filled.toByteArray(), 200);
            assertThat(result).containsEntry("rows", 1).containsEntry("created", 1).containsEntry("dryRun", true);
        }
    }
}
