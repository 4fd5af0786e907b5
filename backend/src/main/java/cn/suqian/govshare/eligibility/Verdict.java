package cn.suqian.govshare.eligibility;

/**
 * What eligibility says of a request, system or department. "Not applicable" and "needs review" (a fact is
 * missing, or a rule asks for review) are never a pass or a fail; "eligible by exemption" is never plain eligible.
 * Ordered from the most to the least severe.
 */
public enum Verdict {
    NOT_ELIGIBLE, NEEDS_REVIEW, ELIGIBLE_BY_EXEMPTION, ELIGIBLE, NOT_APPLICABLE;

    /** The more severe of two verdicts. */
    public Verdict worst(Verdict other) {
        return other == null || ordinal() <= other.ordinal() ? this : other;
    }
}
