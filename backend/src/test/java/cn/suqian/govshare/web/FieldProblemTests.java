package cn.suqian.govshare.web;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldProblemTests {

    @Test
    void a_refusal_carries_its_code_and_parameters() {
        assertThat(FieldProblem.required("name").code()).isEqualTo(ProblemCode.REQUIRED);
        assertThat(FieldProblem.required("name").params()).isEmpty();
        FieldProblem choice = FieldProblem.oneOf("network", "外网", "电子政务外网、业务专网、互联网、涉密网络");
        assertThat(choice.code()).isEqualTo(ProblemCode.ONE_OF);
        assertThat(choice.params()).isEqualTo(Map.of("choices", "电子政务外网、业务专网、互联网、涉密网络"));
        FieldProblem repeated = FieldProblem.of("code", "x", ProblemCode.REPEATED_ROW, 7).at(9, "系统编码");
        assertThat(repeated.code().code()).isEqualTo("repeatedRow");
        assertThat(repeated.params()).containsEntry("row", 7);
        assertThat(repeated.row()).isEqualTo(9);
        assertThat(repeated.column()).isEqualTo("系统编码");
        assertThat(FieldProblem.of("organisationCode", "finance", ProblemCode.NOT_OWN_ORGANISATION, "water").params())
                .containsEntry("organisation", "water");
    }

    @Test
    void the_english_reason_is_rendered_from_the_code_and_parameters() {
        assertThat(FieldProblem.maxLength("name", "x".repeat(201), 200).reason()).isEqualTo("at most 200 characters");
        assertThat(FieldProblem.between("size", 0, 1, 500).reason()).isEqualTo("between 1 and 500");
        assertThat(FieldProblem.required("name").reason()).isEqualTo("required");
    }

    @Test
    void parameters_must_be_the_ones_the_code_names() {
        assertThatThrownBy(() -> FieldProblem.of("name", null, ProblemCode.MAX_LENGTH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> new FieldProblem(null, null, "name", null, ProblemCode.REQUIRED, Map.of("max", 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
