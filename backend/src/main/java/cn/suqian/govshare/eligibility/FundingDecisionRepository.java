package cn.suqian.govshare.eligibility;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.FUNDING_DECISION;

/** Funding decisions. Called inside a {@code Db.tx}. */
@Repository
class FundingDecisionRepository {

    Map<Long, FundingDecisions.Decided> current(DSLContext dsl, int year) {
        Map<Long, FundingDecisions.Decided> out = new HashMap<>();
        dsl.selectFrom(FUNDING_DECISION).where(FUNDING_DECISION.BUDGET_YEAR.eq((short) year)).and(FUNDING_DECISION.CURRENT.isTrue())
                .forEach(r -> out.put(r.getFilingId(), map(r)));
        return out;
    }

    List<FundingDecisions.Decided> history(DSLContext dsl, long filingId) {
        return dsl.selectFrom(FUNDING_DECISION).where(FUNDING_DECISION.FILING_ID.eq(filingId)).orderBy(FUNDING_DECISION.ID.desc())
                .fetch(FundingDecisionRepository::map);
    }

    List<FundingDecisions.Decided> flagged(DSLContext dsl, Integer year) {
        return dsl.selectFrom(FUNDING_DECISION).where(FUNDING_DECISION.AGAINST_VERDICT.isTrue())
                .and(year == null ? org.jooq.impl.DSL.noCondition() : FUNDING_DECISION.BUDGET_YEAR.eq(year.shortValue()))
                .orderBy(FUNDING_DECISION.ID.desc()).fetch(FundingDecisionRepository::map);
    }

    long insert(DSLContext dsl, long filingId, int year, String organisation, FundingDecisions.Decision decision, BigDecimal construction,
                BigDecimal om, String reason, Long verdictId, Verdict verdict, boolean against, String by) {
        dsl.update(FUNDING_DECISION).set(FUNDING_DECISION.CURRENT, false).where(FUNDING_DECISION.FILING_ID.eq(filingId))
                .and(FUNDING_DECISION.CURRENT.isTrue()).execute();
        return dsl.insertInto(FUNDING_DECISION)
                .set(FUNDING_DECISION.FILING_ID, filingId).set(FUNDING_DECISION.BUDGET_YEAR, (short) year)
                .set(FUNDING_DECISION.ORGANISATION_CODE, organisation).set(FUNDING_DECISION.DECISION, decision)
                .set(FUNDING_DECISION.CONSTRUCTION_AMOUNT, construction).set(FUNDING_DECISION.OM_AMOUNT, om)
                .set(FUNDING_DECISION.REASON, reason).set(FUNDING_DECISION.VERDICT_ID, verdictId).set(FUNDING_DECISION.VERDICT, verdict)
                .set(FUNDING_DECISION.AGAINST_VERDICT, against).set(FUNDING_DECISION.DECIDED_BY, by)
                .returning(FUNDING_DECISION.ID).fetchSingle().getId();
    }

    private static FundingDecisions.Decided map(cn.suqian.govshare.db.schema.tables.records.FundingDecisionRecord r) {
        return new FundingDecisions.Decided(r.getId(), r.getFilingId(), r.getBudgetYear(), r.getOrganisationCode(), r.getDecision(),
                r.getConstructionAmount(), r.getOmAmount(), r.getReason(), r.getVerdictId(), r.getVerdict(), r.getAgainstVerdict(),
                r.getDecidedBy(), r.getDecidedAt(), r.getCurrent());
    }
}
