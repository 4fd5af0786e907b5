package cn.suqian.govshare.eligibility;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The condition interpreter: three-valued logic over named facts, missing facts named, bad conditions refused. */
class ConditionTests {

    @Test
    void evaluates_comparisons_lists_and_logic() {
        Map<String, Object> facts = Map.of("filing.type", "NEW_BUILD", "system.utilisation", 12.5, "system.connected", false);
        assertThat(Condition.parse("filing.type in ['NEW_BUILD', 'EXPANSION'] and not system.connected").evaluate(facts).value()).isTrue();
        assertThat(Condition.parse("system.utilisation < 30 and system.utilisation >= 12.5").evaluate(facts).value()).isTrue();
        assertThat(Condition.parse("filing.type == 'CONTINUATION' or (system.utilisation > 50)").evaluate(facts).value()).isFalse();
    }

    @Test
    void a_missing_fact_makes_the_result_unknown_and_is_named_unless_the_rest_decides() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("a", true);
        var r = Condition.parse("a and b.c < 3").evaluate(facts);
        assertThat(r.unknown()).isTrue();
        assertThat(r.missing()).containsExactly("b.c");
        assertThat(Condition.parse("a or b.c < 3").evaluate(facts).value()).isTrue();
        assertThat(Condition.parse("not a and b.c < 3").evaluate(facts).value()).isFalse();
    }

    @Test
    void refuses_conditions_that_do_not_parse_or_compare_unlike_things() {
        assertThatThrownBy(() -> Condition.parse("a ==")).isInstanceOf(Condition.Invalid.class);
        assertThatThrownBy(() -> Condition.parse("a in ['x'")).isInstanceOf(Condition.Invalid.class);
        assertThatThrownBy(() -> Condition.parse("'x' < 3").evaluate(Map.of())).isInstanceOf(Condition.Invalid.class);
    }
}
