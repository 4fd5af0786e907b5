package cn.suqian.govshare.web;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FieldProblemTests {

    @Test
    void common_reasons_carry_a_code_and_their_parameters() {
        assertThat(new FieldProblem("name", null, "required").code()).isEqualTo("required");
        FieldProblem choice = new FieldProblem("network", "外网", "one of 电子政务外网、业务专网、互联网、涉密网络");
        assertThat(choice.code()).isEqualTo("oneOf");
        assertThat(choice.params()).isEqualTo(Map.of("choices", "电子政务外网、业务专网、互联网、涉密网络"));
        FieldProblem repeated = new FieldProblem("code", "x", "appears again (first in row 7)").at(9, "系统编码");
        assertThat(repeated.code()).isEqualTo("repeatedRow");
        assertThat(repeated.params()).containsEntry("row", "7");
        assertThat(repeated.row()).isEqualTo(9);
        assertThat(new FieldProblem("organisationCode", "finance", "you may only import records of your own organisation (water)").params())
                .containsEntry("organisation", "water");
    }

    @Test
    void other_reasons_keep_only_their_text() {
        FieldProblem p = new FieldProblem("x", 1, "something particular happened");
        assertThat(p.code()).isNull();
        assertThat(p.params()).isNull();
        assertThat(p.reason()).isEqualTo("something particular happened");
    }
}
