package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Finance's funding decision per request (audited): funded, partly funded or not funded, with amounts. A decision
 * that funds a request whose current verdict is "not eligible" (or funds more than the verdict allows) needs a
 * written reason and is flagged to auditors.
 */
@Service
public class FundingDecisions {

    public enum Decision { FUNDED, PARTLY_FUNDED, NOT_FUNDED }

    public record Input(Decision decision, BigDecimal constructionAmount, BigDecimal omAmount, String reason) {
    }

    public record Decided(long id, long filingId, int budgetYear, String organisationCode, Decision decision, BigDecimal constructionAmount,
                          BigDecimal omAmount, String reason, Long verdictId, Verdict verdict, boolean againstVerdict, String decidedBy,
                          OffsetDateTime decidedAt, boolean current) {
    }

    private final Db db;
    private final Eligibility eligibility;
    private final EligibilityRepository verdicts;
    private final FundingDecisionRepository repository;

    FundingDecisions(Db db, Eligibility eligibility, EligibilityRepository verdicts, FundingDecisionRepository repository) {
        this.db = db;
        this.eligibility = eligibility;
        this.verdicts = verdicts;
        this.repository = repository;
    }

    public Mono<Decided> decide(CurrentUser user, long filingId, Input input) {
        return db.tx(dsl -> decide(dsl, user, filingId, input));
    }

    /** The same inside the caller's transaction. */
    public Decided decide(org.jooq.DSLContext dsl, CurrentUser user, long filingId, Input input) {
        {
            Filing f = eligibility.filing(dsl, user, filingId);
            List<FieldProblem> p = new ArrayList<>();
            if (input == null || input.decision() == null) {
                p.add(FieldProblem.oneOf("decision", null, "FUNDED, PARTLY_FUNDED, NOT_FUNDED"));
                throw new InvalidInputException(p);
            }
            BigDecimal c = input.decision() == Decision.NOT_FUNDED ? BigDecimal.ZERO
                    : input.constructionAmount() != null ? input.constructionAmount() : input.decision() == Decision.FUNDED ? f.constructionAmount() : null;
            BigDecimal o = input.decision() == Decision.NOT_FUNDED ? BigDecimal.ZERO
                    : input.omAmount() != null ? input.omAmount() : input.decision() == Decision.FUNDED ? f.omAmount() : null;
            if (c == null) {
                p.add(FieldProblem.required("constructionAmount"));
            } else if (c.signum() < 0) {
                p.add(FieldProblem.notNegative("constructionAmount", c));
            } else if (c.compareTo(f.constructionAmount()) > 0) {
                p.add(FieldProblem.of("constructionAmount", c, ProblemCode.AMOUNT_ABOVE_REQUESTED, f.constructionAmount()));
            }
            if (o == null) {
                p.add(FieldProblem.required("omAmount"));
            } else if (o.signum() < 0) {
                p.add(FieldProblem.notNegative("omAmount", o));
            } else if (o.compareTo(f.omAmount()) > 0) {
                p.add(FieldProblem.of("omAmount", o, ProblemCode.AMOUNT_ABOVE_REQUESTED, f.omAmount()));
            }
            String reason = input.reason() == null || input.reason().isBlank() ? null : input.reason().strip();
            if (reason != null && reason.length() > 2000) {
                p.add(FieldProblem.maxLength("reason", reason.substring(0, 40) + "…", 2000));
            }
            if (!p.isEmpty()) {
                throw new InvalidInputException(p);
            }
            var verdict = verdicts.current(dsl, filingId).orElse(null);
            Verdict v = verdict == null ? Verdict.NEEDS_REVIEW : verdict.verdict();
            boolean funds = c.signum() > 0 || o.signum() > 0;
            boolean against = funds && (v == Verdict.NOT_ELIGIBLE
                    || (verdict != null && (c.compareTo(verdict.eligibleConstruction()) > 0 || o.compareTo(verdict.eligibleOm()) > 0)
                    && v != Verdict.NEEDS_REVIEW));
            if (against && reason == null) {
                throw new InvalidInputException(FieldProblem.of("reason", null, ProblemCode.DECISION_REASON_REQUIRED, v.name()));
            }
            long id = repository.insert(dsl, filingId, f.budgetYear(), f.organisationCode(), input.decision(), c, o, reason,
                    verdict == null ? null : verdict.id(), v, against, user.username());
            return repository.history(dsl, filingId).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
        }
    }

    public Mono<List<Decided>> flagged(Integer year) {
        return db.tx(dsl -> repository.flagged(dsl, year));
    }
}
