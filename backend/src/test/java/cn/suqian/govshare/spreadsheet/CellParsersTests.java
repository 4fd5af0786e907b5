package cn.suqian.govshare.spreadsheet;

import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Cell texts into typed values; every unreadable cell becomes a problem located by row and heading. */
class CellParsersTests {

    enum Network { EGOV_EXTRANET, PRIVATE_NETWORK }

    static final Map<Network, String> LABELS = new EnumMap<>(Map.of(Network.EGOV_EXTRANET, "电子政务外网", Network.PRIVATE_NETWORK, "业务专网"));
    static final Column<Void> CELL = new Column<>("单元格", "cell", false, null);
    static final Column<Void> REQUIRED = new Column<>("必填", "mandatory", true, null);

    final List<FieldProblem> problems = new ArrayList<>();

    CellParsers row(String value) {
        return new CellParsers(new SheetRow(12, value == null ? Map.of() : Map.of("单元格", value)), problems);
    }

    @Test
    void text_is_stripped_and_blank_is_absent() {
        assertThat(row("  水利局 ").text(CELL)).isEqualTo("水利局");
        assertThat(row("   ").text(CELL)).isNull();
        assertThat(row(null).text(CELL)).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void a_missing_required_cell_is_reported_with_its_row_heading_and_field() {
        assertThat(row("x").text(REQUIRED)).isNull();

        assertThat(problems).extracting(FieldProblem::row, FieldProblem::column, FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple(12, "必填", "mandatory", null, "required"));
    }

    @Test
    void dates_may_be_written_with_dashes_slashes_or_dots_and_without_leading_zeros() {
        assertThat(row("2018-06-30").date(CELL)).isEqualTo(LocalDate.of(2018, 6, 30));
        assertThat(row("2018/6/3").date(CELL)).isEqualTo(LocalDate.of(2018, 6, 3));
        assertThat(row("2018.12.1").date(CELL)).isEqualTo(LocalDate.of(2018, 12, 1));
        assertThat(problems).isEmpty();
    }

    @Test
    void other_date_forms_are_refused_with_the_text_given() {
        for (String bad : List.of("30/06/2018", "2018-13-01", "2018年6月30日", "20180630")) {
            assertThat(row(bad).date(CELL)).as(bad).isNull();
        }
        assertThat(problems).extracting(FieldProblem::value).containsExactly("30/06/2018", "2018-13-01", "2018年6月30日", "20180630");
        assertThat(problems).extracting(p -> p.code().code()).containsOnly("date");
    }

    @Test
    void decimals_may_carry_thousands_separators() {
        assertThat(row("1,234,567.50").decimal(CELL)).isEqualTo(new BigDecimal("1234567.50"));
        assertThat(row("-3").decimal(CELL)).isEqualTo(new BigDecimal("-3"));
        assertThat(row("12万").decimal(CELL)).isNull();
        assertThat(problems).extracting(FieldProblem::value, (FieldProblem fp) -> fp.code().code()).containsExactly(tuple("12万", "number"));
    }

    @Test
    void integers_are_whole_numbers() {
        assertThat(row("3").integer(CELL)).isEqualTo(3);
        assertThat(row("3.5").integer(CELL)).isNull();
        assertThat(row("三").integer(CELL)).isNull();
        assertThat(problems).extracting(FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("3.5", "wholeNumber"), tuple("三", "wholeNumber"));
    }

    @Test
    void yes_and_no_in_chinese_or_english() {
        assertThat(List.of("是", "Y", "yes", "TRUE", "1")).allSatisfy(v -> assertThat(row(v).bool(CELL)).as(v).isTrue());
        assertThat(List.of("否", "n", "No", "false", "0")).allSatisfy(v -> assertThat(row(v).bool(CELL)).as(v).isFalse());
        assertThat(row("也许").bool(CELL)).isNull();
        assertThat(problems).extracting(FieldProblem::value, (FieldProblem fp) -> fp.code().code()).containsExactly(tuple("也许", "yesNo"));
    }

    @Test
    void a_choice_is_its_chinese_label_or_its_english_constant_in_any_case() {
        assertThat(row("业务专网").choice(CELL, Network.class, LABELS)).isEqualTo(Network.PRIVATE_NETWORK);
        assertThat(row("egov_extranet").choice(CELL, Network.class, LABELS)).isEqualTo(Network.EGOV_EXTRANET);
        assertThat(row("外网").choice(CELL, Network.class, LABELS)).isNull();

        assertThat(problems).extracting(FieldProblem::value, (FieldProblem fp) -> fp.code().code()).containsExactly(tuple("外网", "oneOf"));
        assertThat(problems.getFirst().params()).containsEntry("choices", "电子政务外网、业务专网");
    }

    @Test
    void a_list_is_split_on_semicolons_enumeration_commas_and_line_breaks() {
        assertThat(row("CN/A；CN/B;CN/C、CN/D\nCN/E ;; ").list(CELL)).containsExactly("CN/A", "CN/B", "CN/C", "CN/D", "CN/E");
        assertThat(row(null).list(CELL)).isEmpty();
    }

    @Test
    void problems_from_several_cells_all_collect() {
        CellParsers cells = new CellParsers(new SheetRow(4, Map.of("单元格", "x")), problems);
        cells.integer(CELL);
        cells.text(REQUIRED);

        assertThat(problems).extracting(FieldProblem::row, FieldProblem::field).containsExactly(tuple(4, "cell"), tuple(4, "mandatory"));
    }
}
