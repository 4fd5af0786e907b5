package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.db.schema.tables.records.EligibilityRuleRecord;
import cn.suqian.govshare.db.Copy;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.ELIGIBILITY_EXEMPTION;
import static cn.suqian.govshare.db.schema.Tables.ELIGIBILITY_RULE;
import static cn.suqian.govshare.db.schema.Tables.ELIGIBILITY_VERDICT;

/** Rules, verdicts and exemptions. Called inside a {@code Db.tx}. */
@Repository
class EligibilityRepository {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EligibilityRepository.class);

    static final JsonMapper JSON = JsonMapper.builder().build();

    // ---- rules --------------------------------------------------------------------------------

    /** The rules in force for a year: the latest version of each (retired ones included, marked). */
    List<EligibilityRule> rules(DSLContext dsl, int year) {
        var r = ELIGIBILITY_RULE;
        var latest = DSL.select(r.RULE_ID, DSL.max(r.VERSION).as("v")).from(r).where(r.BUDGET_YEAR.eq((short) year)).groupBy(r.RULE_ID).asTable("l");
        return dsl.select(r.fields()).from(r).join(latest).on(r.RULE_ID.eq(latest.field(r.RULE_ID)))
                .and(r.VERSION.eq(latest.field("v", Integer.class)))
                .where(r.BUDGET_YEAR.eq((short) year))
                .fetchInto(r).stream().map(EligibilityRepository::rule)
                .sorted(java.util.Comparator.comparingInt(x -> Integer.parseInt(x.ruleId().replaceAll("[^0-9]", ""))))
                .toList();
    }

    List<EligibilityRule> versions(DSLContext dsl, int year, String ruleId) {
        return dsl.selectFrom(ELIGIBILITY_RULE).where(ELIGIBILITY_RULE.BUDGET_YEAR.eq((short) year)).and(ELIGIBILITY_RULE.RULE_ID.eq(ruleId))
                .orderBy(ELIGIBILITY_RULE.VERSION.desc()).fetch(EligibilityRepository::rule);
    }

    /** Specific rule versions, by their keys ("year/id/version"). */
    List<EligibilityRule> rules(DSLContext dsl, Collection<String> keys) {
        List<EligibilityRule> out = new ArrayList<>();
        for (String key : new java.util.LinkedHashSet<>(keys)) {
            String[] k = key.split("/");
            dsl.selectFrom(ELIGIBILITY_RULE).where(ELIGIBILITY_RULE.BUDGET_YEAR.eq(Short.valueOf(k[0])))
                    .and(ELIGIBILITY_RULE.RULE_ID.eq(k[1])).and(ELIGIBILITY_RULE.VERSION.eq(Integer.valueOf(k[2])))
                    .fetchOptional().map(EligibilityRepository::rule).ifPresent(out::add);
        }
        return out;
    }

    /** Rule versions by key, for the keys the verdicts name. */
    Map<String, EligibilityRule> rulesByKey(DSLContext dsl, Collection<StoredVerdict> verdicts) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        verdicts.forEach(v -> {
            if (v.rules() != null) {
                keys.addAll(v.rules());
            }
        });
        Map<String, EligibilityRule> out = new HashMap<>();
        java.util.Set<Integer> years = new java.util.HashSet<>();
        keys.forEach(k -> years.add(Integer.valueOf(k.split("/")[0])));
        for (int year : years) {
            dsl.selectFrom(ELIGIBILITY_RULE).where(ELIGIBILITY_RULE.BUDGET_YEAR.eq((short) year)).fetch(EligibilityRepository::rule)
                    .forEach(r -> out.put(r.key(), r));
        }
        return out;
    }

    void insertRule(DSLContext dsl, EligibilityRule rule) {
        dsl.insertInto(ELIGIBILITY_RULE)
                .set(ELIGIBILITY_RULE.BUDGET_YEAR, (short) rule.budgetYear()).set(ELIGIBILITY_RULE.RULE_ID, rule.ruleId())
                .set(ELIGIBILITY_RULE.VERSION, rule.version()).set(ELIGIBILITY_RULE.APPLIES_TO, rule.scope())
                .set(ELIGIBILITY_RULE.APPLICABILITY, rule.applicability()).set(ELIGIBILITY_RULE.CONDITION, rule.condition())
                .set(ELIGIBILITY_RULE.VERDICT, rule.verdict()).set(ELIGIBILITY_RULE.FUNDING, rule.funding())
                .set(ELIGIBILITY_RULE.PLAN_TEXT, rule.planText()).set(ELIGIBILITY_RULE.SUMMARY, rule.summary())
                .set(ELIGIBILITY_RULE.EXEMPTION_ALLOWED, rule.exemptionAllowed()).set(ELIGIBILITY_RULE.RETIRED, rule.retired())
                .set(ELIGIBILITY_RULE.CHANGE_REASON, rule.changeReason()).set(ELIGIBILITY_RULE.CREATED_BY, rule.createdBy())
                .execute();
    }

    List<Integer> ruleYears(DSLContext dsl) {
        return dsl.selectDistinct(ELIGIBILITY_RULE.BUDGET_YEAR).from(ELIGIBILITY_RULE).orderBy(ELIGIBILITY_RULE.BUDGET_YEAR.desc())
                .fetch(r -> r.value1().intValue());
    }

    private static EligibilityRule rule(EligibilityRuleRecord r) {
        return new EligibilityRule(r.getBudgetYear(), r.getRuleId(), r.getVersion(), r.getAppliesTo(), r.getApplicability(), r.getCondition(),
                r.getVerdict(), r.getFunding(), r.getPlanText(), r.getSummary(), r.getExemptionAllowed(), r.getRetired(), r.getChangeReason(),
                r.getCreatedBy(), r.getCreatedAt());
    }

    // ---- verdicts -----------------------------------------------------------------------------

    /** A stored verdict, its outcomes and the facts and rule versions it was computed from. */
    record StoredVerdict(long id, long filingId, int budgetYear, String organisationCode, Verdict verdict, BigDecimal eligibleConstruction,
                         BigDecimal eligibleOm, List<Outcome> outcomes, RuleEngine.Facts facts, List<String> rules, String cause,
                         String causeCode, Map<String, Object> causeParams, List<Eligibility.Change> changes, String fingerprint,
                         OffsetDateTime computedAt, boolean current) {
    }

    /** Current verdicts of a year, by filing (with their outcomes and facts when {@code withContent}). */
    Map<Long, StoredVerdict> current(DSLContext dsl, int year, boolean withContent) {
        Map<Long, StoredVerdict> out = new HashMap<>();
        var v = ELIGIBILITY_VERDICT;
        if (withContent) {
            dsl.selectFrom(v).where(v.BUDGET_YEAR.eq((short) year)).and(v.CURRENT.isTrue())
                    .forEach(r -> out.put(r.getFilingId(), verdict(r, true)));
            return out;
        }
        dsl.select(v.ID, v.FILING_ID, v.ORGANISATION_CODE, v.VERDICT, v.ELIGIBLE_CONSTRUCTION, v.ELIGIBLE_OM, v.FINGERPRINT, v.COMPUTED_AT)
                .from(v).where(v.BUDGET_YEAR.eq((short) year)).and(v.CURRENT.isTrue())
                .forEach(r -> out.put(r.value2(), new StoredVerdict(r.value1(), r.value2(), year, r.value3(), r.value4(), r.value5(), r.value6(),
                        null, null, null, null, null, null, null, r.value7(), r.value8(), true)));
        return out;
    }

    /** The fact values the current verdicts of these filings were computed from, by filing. */
    Map<Long, Map<String, Object>> currentFactValues(DSLContext dsl, Collection<Long> filingIds) {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        if (filingIds.isEmpty()) {
            return out;
        }
        var v = ELIGIBILITY_VERDICT;
        dsl.select(v.FILING_ID, v.FACT_VALUES).from(v).where(v.FILING_ID.in(filingIds)).and(v.CURRENT.isTrue())
                .forEach(r -> out.put(r.value1(), JSON.readValue(r.value2().data(), new TypeReference<Map<String, Object>>() { })));
        return out;
    }

    Optional<StoredVerdict> current(DSLContext dsl, long filingId) {
        return dsl.selectFrom(ELIGIBILITY_VERDICT).where(ELIGIBILITY_VERDICT.FILING_ID.eq(filingId)).and(ELIGIBILITY_VERDICT.CURRENT.isTrue())
                .fetchOptional(r -> verdict(r, true));
    }

    Optional<StoredVerdict> verdict(DSLContext dsl, long verdictId) {
        return dsl.selectFrom(ELIGIBILITY_VERDICT).where(ELIGIBILITY_VERDICT.ID.eq(verdictId)).fetchOptional(r -> verdict(r, true));
    }

    List<StoredVerdict> history(DSLContext dsl, long filingId) {
        return dsl.selectFrom(ELIGIBILITY_VERDICT).where(ELIGIBILITY_VERDICT.FILING_ID.eq(filingId)).orderBy(ELIGIBILITY_VERDICT.ID.desc())
                .fetch(r -> verdict(r, false));
    }

    private static StoredVerdict verdict(cn.suqian.govshare.db.schema.tables.records.EligibilityVerdictRecord r, boolean content) {
        return new StoredVerdict(r.getId(), r.getFilingId(), r.getBudgetYear(), r.getOrganisationCode(), r.getVerdict(),
                r.getEligibleConstruction(), r.getEligibleOm(),
                content ? JSON.readValue(r.getOutcomes().data(), new TypeReference<List<Outcome>>() { }) : null,
                content ? JSON.readValue(r.getFacts().data(), RuleEngine.Facts.class) : null,
                JSON.readValue(r.getRules().data(), new TypeReference<List<String>>() { }), r.getCause(), r.getCauseCode(),
                JSON.readValue(r.getCauseParams().data(), new TypeReference<Map<String, Object>>() { }),
                JSON.readValue(r.getChanges().data(), new TypeReference<List<Eligibility.Change>>() { }), r.getFingerprint(), r.getComputedAt(),
                r.getCurrent());
    }

    /** A verdict to write: it becomes the filing's current one. */
    record NewVerdict(long filingId, int budgetYear, String organisationCode, RuleEngine.Evaluation evaluation, RuleEngine.Facts facts,
                      Map<String, Object> factValues, List<String> rules, Eligibility.Cause cause, List<Eligibility.Change> changes,
                      String fingerprint) {
    }

    /**
     * Makes these verdicts the current ones of their filings: the previous current ones stay as history. The new rows go
     * in with one {@code COPY} (a year's 1,000 verdicts with their facts are megabytes of JSON: binding them as
     * statement parameters cost more than computing them).
     */
    void replace(DSLContext dsl, List<NewVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        var v = ELIGIBILITY_VERDICT;
        long t0 = System.nanoTime();
        List<Long> ids = verdicts.stream().map(NewVerdict::filingId).toList();
        dsl.update(v).set(v.CURRENT, false).where(v.FILING_ID.in(ids)).and(v.CURRENT.isTrue()).execute();
        long t1 = System.nanoTime();
        long[] chars = new long[1];
        // each row is serialised as the server asks for more: its parsing of one row overlaps the building of the next
        Copy.csvInto(dsl, v, List.of(v.FILING_ID, v.BUDGET_YEAR, v.ORGANISATION_CODE, v.VERDICT, v.ELIGIBLE_CONSTRUCTION, v.ELIGIBLE_OM,
                v.OUTCOMES, v.FACTS, v.FACT_VALUES, v.RULES, v.CAUSE, v.CAUSE_CODE, v.CAUSE_PARAMS, v.CHANGES, v.FINGERPRINT),
                Copy.rows(verdicts.iterator(), (n, csv) -> {
                    Copy.field(csv, n.filingId(), false);
                    Copy.field(csv, n.budgetYear(), false);
                    Copy.field(csv, n.organisationCode(), false);
                    Copy.field(csv, v.VERDICT, n.evaluation().verdict(), false);
                    Copy.field(csv, n.evaluation().eligibleConstruction().toPlainString(), false);
                    Copy.field(csv, n.evaluation().eligibleOm().toPlainString(), false);
                    Copy.field(csv, JSON.writeValueAsString(n.evaluation().outcomes()), false);
                    Copy.field(csv, JSON.writeValueAsString(n.facts()), false);
                    Copy.field(csv, JSON.writeValueAsString(n.factValues()), false);
                    Copy.field(csv, JSON.writeValueAsString(n.rules()), false);
                    Copy.field(csv, n.cause().english(), false);
                    Copy.field(csv, n.cause().code(), false);
                    Copy.field(csv, JSON.writeValueAsString(n.cause().params()), false);
                    Copy.field(csv, JSON.writeValueAsString(n.changes()), false);
                    Copy.field(csv, n.fingerprint(), true);
                    chars[0] += csv.length();
                }));
        log.debug("{} verdicts written: previous retired in {} ms, {} chars serialised and copied in {} ms", verdicts.size(),
                (t1 - t0) / 1_000_000, chars[0], (System.nanoTime() - t1) / 1_000_000);
    }

    // ---- exemptions ---------------------------------------------------------------------------

    /** An exemption as stored, with its revocation when revoked. */
    public record ExemptionRow(long id, int budgetYear, String ruleId, String organisationCode, Long filingId, String systemCode, String reason,
                               String grantedBy, OffsetDateTime grantedAt, String revokedBy, OffsetDateTime revokedAt, String revokeReason) {
    }

    List<ExemptionRow> exemptions(DSLContext dsl, Integer year, String organisation) {
        var e = ELIGIBILITY_EXEMPTION;
        return dsl.selectFrom(e)
                .where(year == null ? DSL.noCondition() : e.BUDGET_YEAR.eq(year.shortValue()))
                .and(organisation == null ? DSL.noCondition() : e.ORGANISATION_CODE.eq(organisation))
                .orderBy(e.ID.desc())
                .fetch(r -> new ExemptionRow(r.getId(), r.getBudgetYear(), r.getRuleId(), r.getOrganisationCode(), r.getFilingId(), r.getSystemCode(),
                        r.getReason(), r.getGrantedBy(), r.getGrantedAt(), r.getRevokedBy(), r.getRevokedAt(), r.getRevokeReason()));
    }

    /** Exemptions of a year in force at {@code at} (granted before, not revoked by then). */
    List<RuleEngine.Exemption> inForce(DSLContext dsl, int year, OffsetDateTime at) {
        return exemptions(dsl, year, null).stream()
                .filter(e -> !e.grantedAt().isAfter(at) && (e.revokedAt() == null || e.revokedAt().isAfter(at)))
                .map(e -> new RuleEngine.Exemption(e.id(), e.ruleId(), e.organisationCode(), e.filingId(), e.systemCode(), e.reason(),
                        e.grantedBy(), e.grantedAt()))
                .toList();
    }

    long insertExemption(DSLContext dsl, int year, String ruleId, String organisation, Long filingId, String systemCode, String reason, String by) {
        var e = ELIGIBILITY_EXEMPTION;
        return dsl.insertInto(e).set(e.BUDGET_YEAR, (short) year).set(e.RULE_ID, ruleId).set(e.ORGANISATION_CODE, organisation)
                .set(e.FILING_ID, filingId).set(e.SYSTEM_CODE, systemCode).set(e.REASON, reason).set(e.GRANTED_BY, by)
                .returning(e.ID).fetchSingle().getId();
    }

    Optional<ExemptionRow> exemption(DSLContext dsl, long id) {
        return exemptions(dsl, null, null).stream().filter(e -> e.id() == id).findFirst();
    }

    void revokeExemption(DSLContext dsl, long id, String by, String reason) {
        var e = ELIGIBILITY_EXEMPTION;
        dsl.update(e).set(e.REVOKED_BY, by).set(e.REVOKED_AT, OffsetDateTime.now()).set(e.REVOKE_REASON, reason)
                .where(e.ID.eq(id)).and(e.REVOKED_AT.isNull()).execute();
    }
}
