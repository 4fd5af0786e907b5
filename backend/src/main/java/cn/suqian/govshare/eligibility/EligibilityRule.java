package cn.suqian.govshare.eligibility;

import java.time.OffsetDateTime;

/**
 * One version of a rule of a budget year, as data: what it applies to ({@code scope} and the {@code applicability}
 * condition), when it fires ({@code condition}, over named facts), the verdict it gives then, which funding it
 * blocks, the plan's sentence, and whether an exemption may override it ("in principle" rules). Versions are
 * never changed once written: rewording or retiring a rule adds a version, so a verdict that names the version
 * it used can always be reproduced.
 */
public record EligibilityRule(int budgetYear, String ruleId, int version, Scope scope, String applicability, String condition,
                              Verdict verdict, Funding funding, String planText, String summary, boolean exemptionAllowed,
                              boolean retired, String changeReason, String createdBy, OffsetDateTime createdAt) {

    /** FILING: evaluated once per request; SYSTEM: once per registered system in it; DEPARTMENT: over its organisation. */
    public enum Scope { FILING, SYSTEM, DEPARTMENT }

    /** Which money a fired rule withholds. */
    public enum Funding { ALL, CONSTRUCTION, OPERATION_MAINTENANCE }

    /** The key a verdict stores to name the rule version it used. */
    public String key() {
        return budgetYear + "/" + ruleId + "/" + version;
    }

    /** What an office member may change in a rule of a year (a new version); {@code retired} retires it. */
    public record Change(Scope scope, String applicability, String condition, Verdict verdict, Funding funding, String planText,
                         String summary, Boolean exemptionAllowed, Boolean retired, String changeReason) {
    }
}
