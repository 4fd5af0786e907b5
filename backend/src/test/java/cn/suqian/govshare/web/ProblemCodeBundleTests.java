package cn.suqian.govshare.web;

import cn.suqian.govshare.exchange.ExchangeReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code said to people has its words in both message bundles, with placeholders that are exactly
 * its parameters: the English text (which API users get too) uses them all, the Chinese one no others.
 */
class ProblemCodeBundleTests {

    static final List<MessageCode> CODES = Stream.of(ProblemCode.values(), ResponseCode.values(), ExchangeReason.values(),
                    cn.suqian.govshare.exchange.ZombieReason.values())
            .flatMap(Arrays::stream).map(MessageCode.class::cast).toList();

    @Test
    void every_code_has_text_in_both_bundles_with_its_parameters() {
        assertThat(complaints(CODES, Messages.load(Messages.ENGLISH_BUNDLE), true)).isEmpty();
        assertThat(complaints(CODES, Messages.load("static/i18n/zh-CN.json"), false)).isEmpty();
    }

    @Test
    void a_missing_text_or_a_stray_placeholder_is_caught() {
        Map<String, String> bundle = Map.of(
                "problem.maxLength", "at most {limit} characters",
                "problem.between", "between {min} and {max}",
                "problem.invalidInput", "{count} field(s) refused",
                "problem.invalidInput.title", "Invalid {count}");
        assertThat(complaints(List.of(ProblemCode.MAX_LENGTH, ProblemCode.BETWEEN, ProblemCode.REQUIRED, ResponseCode.INVALID_INPUT),
                bundle, true))
                .containsExactlyInAnyOrder(
                        "problem.maxLength: placeholders [limit], parameters [max]",
                        "problem.required: no text",
                        "problem.invalidInput.title: placeholders [count], parameters []");
        assertThat(complaints(List.of(ProblemCode.BETWEEN), Map.of("problem.between", "不超过 {max}"), false)).isEmpty();
        assertThat(complaints(List.of(ProblemCode.BETWEEN), Map.of("problem.between", "不超过 {max}"), true))
                .containsExactly("problem.between: placeholders [max], parameters [min, max]");
    }

    @Test
    void codes_and_keys_are_unique() {
        List<String> keys = CODES.stream().map(MessageCode::key).toList();
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
        assertThat(CODES).allSatisfy(c -> assertThat(c.code()).matches("[a-z][A-Za-z]*"));
    }

    /**
     * What is wrong with the bundle's texts for these codes. In English (the API's words) every parameter
     * must appear; in other languages a text may leave one out, but may not name anything else.
     */
    static List<String> complaints(List<? extends MessageCode> codes, Map<String, String> bundle, boolean everyParameter) {
        List<String> complaints = new ArrayList<>();
        for (MessageCode code : codes) {
            check(code.key(), Set.copyOf(code.paramNames()), code.paramNames(), bundle, everyParameter, complaints);
            if (code instanceof ResponseCode r) {
                check(r.titleKey(), Set.of(), List.of(), bundle, true, complaints);
            }
        }
        return complaints;
    }

    private static void check(String key, Set<String> params, List<String> ordered, Map<String, String> bundle, boolean everyParameter,
                              List<String> complaints) {
        String text = bundle.get(key);
        if (text == null || text.isBlank()) {
            complaints.add(key + ": no text");
            return;
        }
        Set<String> placeholders = Messages.placeholders(text);
        if (!params.containsAll(placeholders) || (everyParameter && !placeholders.containsAll(params))) {
            complaints.add(key + ": placeholders " + placeholders + ", parameters " + ordered);
        }
    }
}
