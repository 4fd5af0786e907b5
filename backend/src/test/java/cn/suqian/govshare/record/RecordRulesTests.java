package cn.suqian.govshare.record;

import cn.suqian.govshare.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The rules every registry record shares. */
class RecordRulesTests {

    @Test
    void blank_text_is_no_text_and_other_text_loses_surrounding_white_space() {
        assertThat(RecordRules.trim(null)).isNull();
        assertThat(RecordRules.trim(" \t\n")).isNull();
        assertThat(RecordRules.trim("\u3000水利局 ")).isEqualTo("水利局");
        assertThat(RecordRules.trim("a b")).isEqualTo("a b");
    }

    @Test
    void a_record_code_is_2_to_64_lower_case_characters_starting_with_a_letter() {
        assertThat(List.of("ab", "water.s01", "a_b-c.d", "a" + "9".repeat(63)))
                .allSatisfy(code -> assertThat(RecordRules.CODE.matcher(code).matches()).as(code).isTrue());
        assertThat(List.of("a", "A1", "1a", "a b", "a/b", "a" + "9".repeat(64), "水利"))
                .allSatisfy(code -> assertThat(RecordRules.CODE.matcher(code).matches()).as(code).isFalse());
    }

    @Test
    void a_name_is_required_and_at_most_200_characters() {
        List<FieldProblem> p = new ArrayList<>();
        RecordRules.name(p, "名".repeat(200));
        assertThat(p).isEmpty();

        RecordRules.name(p, null);
        RecordRules.name(p, "名".repeat(201));
        assertThat(p).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code()).containsExactly(tuple("name", "required"), tuple("name", "maxLength"));
    }

    @Test
    void an_owner_must_be_a_known_organisation() {
        References references = TestReferences.registry().organisations("water").open();

        assertThat(RecordRules.organisationKnown("water", references)).isEmpty();
        assertThat(RecordRules.organisationKnown("ghost-bureau", references))
                .extracting(FieldProblem::field, FieldProblem::value, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("organisationCode", "ghost-bureau", "unknownOrganisation"));
        assertThat(RecordRules.organisationKnown(null, references)).extracting(FieldProblem::field, (FieldProblem fp) -> fp.code().code())
                .containsExactly(tuple("organisationCode", "required"));
    }
}
