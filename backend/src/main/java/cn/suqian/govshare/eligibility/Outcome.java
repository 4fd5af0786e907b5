package cn.suqian.govshare.eligibility;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What one rule said of one request (or one of its systems): fired, passed, exempted (fired, overridden by an
 * exemption — shown as such), needs review (a fact is missing, named in {@code missing}), or not applicable, and the
 * facts it read. Stored compact (the facts by name, the rule by version); read back with the evidence (those facts
 * with their sources) and the plan's sentence filled in ({@link RuleEngine#hydrate}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(String ruleId, int version, EligibilityRule.Scope scope, String systemCode, Result result, Verdict verdict,
                      EligibilityRule.Funding funding, List<String> missing, List<String> facts, Map<String, Fact> evidence, String planText,
                      String summary, ExemptionRef exemption, String error) {

    public enum Result { FIRED, EXEMPTED, NEEDS_REVIEW, PASSED, NOT_APPLICABLE }

    /** The exemption that overrode a fired rule. */
    public record ExemptionRef(long id, String reason, String grantedBy, java.time.OffsetDateTime grantedAt) {
    }

    /** Blocks the funding it names: fired, not exempted, with a "not eligible" verdict. */
    boolean blocks() {
        return result == Result.FIRED && verdict == Verdict.NOT_ELIGIBLE;
    }

    boolean asksReview() {
        return result == Result.NEEDS_REVIEW || (result == Result.FIRED && verdict == Verdict.NEEDS_REVIEW);
    }
}
