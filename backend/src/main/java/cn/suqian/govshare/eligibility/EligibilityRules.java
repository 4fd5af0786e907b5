package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of each budget year and the office's changes to them — a new version each (reworded, a new condition,
 * retired), or a year opened by copying another's — and exemptions from "in principle" rules. Each change is
 * audited and recomputes the verdicts of that year only: an earlier year's verdicts keep the rule versions they
 * were computed with.
 */
@Service
public class EligibilityRules {

    public record RuleSet(int budgetYear, List<EligibilityRule> rules, List<Integer> years) {
    }

    public record ExemptionInput(Integer budgetYear, String ruleId, String organisationCode, Long filingId, String systemCode, String reason) {
    }

    public record Revocation(String reason) {
    }

    private final Db db;
    private final EligibilityRepository repository;
    private final Eligibility eligibility;

    EligibilityRules(Db db, EligibilityRepository repository, Eligibility eligibility) {
        this.db = db;
        this.repository = repository;
        this.eligibility = eligibility;
    }

    public Mono<RuleSet> rules(int year) {
        Eligibility.requireYear(year);
        return db.tx(dsl -> new RuleSet(year, repository.rules(dsl, year), repository.ruleYears(dsl)));
    }

    public Mono<List<EligibilityRule>> versions(int year, String ruleId) {
        return db.tx(dsl -> repository.versions(dsl, year, ruleId));
    }

    /** A new version of a rule of {@code year} (a new rule when there is none), then that year's verdicts recomputed. */
    public Mono<EligibilityRule> change(CurrentUser user, int year, String ruleId, EligibilityRule.Change change) {
        Eligibility.requireYear(year);
        return db.tx(dsl -> {
            List<EligibilityRule> versions = repository.versions(dsl, year, ruleId);
            EligibilityRule base = versions.isEmpty() ? null : versions.getFirst();
            List<FieldProblem> p = new ArrayList<>();
            if (!ruleId.matches("R[0-9]{1,3}[a-z]?")) {
                p.add(FieldProblem.of("ruleId", ruleId, ProblemCode.INVALID_VALUE));
            }
            if (change == null) {
                throw new InvalidInputException(FieldProblem.required("rule"));
            }
            var scope = change.scope() != null ? change.scope() : base == null ? null : base.scope();
            String applicability = change.applicability() != null ? change.applicability() : base == null ? "true" : base.applicability();
            String condition = change.condition() != null ? change.condition() : base == null ? null : base.condition();
            Verdict verdict = change.verdict() != null ? change.verdict() : base == null ? null : base.verdict();
            var funding = change.funding() != null ? change.funding() : base == null ? EligibilityRule.Funding.ALL : base.funding();
            String plan = change.planText() != null ? change.planText().strip() : base == null ? null : base.planText();
            String summary = change.summary() != null ? change.summary().strip() : base == null ? null : base.summary();
            boolean exemption = change.exemptionAllowed() != null ? change.exemptionAllowed() : base != null && base.exemptionAllowed();
            boolean retired = Boolean.TRUE.equals(change.retired());
            if (scope == null) {
                p.add(FieldProblem.required("scope"));
            }
            if (verdict != Verdict.NOT_ELIGIBLE && verdict != Verdict.NEEDS_REVIEW) {
                p.add(FieldProblem.oneOf("verdict", verdict, "NOT_ELIGIBLE, NEEDS_REVIEW"));
            }
            for (String[] c : List.of(new String[]{"applicability", applicability}, new String[]{"condition", condition})) {
                if (c[1] == null || c[1].isBlank()) {
                    p.add(FieldProblem.required(c[0]));
                    continue;
                }
                try {
                    Condition.parse(c[1]);
                } catch (Condition.Invalid e) {
                    p.add(FieldProblem.of(c[0], c[1], ProblemCode.CONDITION_SYNTAX, e.getMessage()));
                }
            }
            if (plan == null || plan.isBlank()) {
                p.add(FieldProblem.required("planText"));
            }
            if (summary == null || summary.isBlank()) {
                p.add(FieldProblem.required("summary"));
            }
            if (change.changeReason() == null || change.changeReason().isBlank()) {
                p.add(FieldProblem.required("changeReason"));
            }
            if (!p.isEmpty()) {
                throw new InvalidInputException(p);
            }
            EligibilityRule rule = new EligibilityRule(year, ruleId, base == null ? 1 : base.version() + 1, scope, applicability.strip(),
                    condition.strip(), verdict, funding, plan, summary, exemption, retired, change.changeReason().strip(), user.username(), null);
            repository.insertRule(dsl, rule);
            eligibility.recompute(dsl, year, null, Eligibility.Cause.of("ruleChanged", "rule", ruleId, "year", year, "version", rule.version(),
                    "user", user.username(), "reason", change.changeReason().strip()));
            return repository.versions(dsl, year, ruleId).getFirst();
        });
    }

    /** Opens {@code year} with a copy of {@code from}'s rules in force (version 1 each); refused when the year has rules. */
    public Mono<RuleSet> copy(CurrentUser user, int year, int from) {
        Eligibility.requireYear(year);
        Eligibility.requireYear(from);
        return db.tx(dsl -> {
            if (!repository.rules(dsl, year).isEmpty()) {
                throw new InvalidInputException(FieldProblem.alreadyExists("year", year));
            }
            List<EligibilityRule> source = repository.rules(dsl, from);
            if (source.isEmpty()) {
                throw new InvalidInputException(FieldProblem.of("from", from, ProblemCode.UNKNOWN_RULE, from));
            }
            for (EligibilityRule r : source) {
                if (!r.retired()) {
                    repository.insertRule(dsl, new EligibilityRule(year, r.ruleId(), 1, r.scope(), r.applicability(), r.condition(), r.verdict(),
                            r.funding(), r.planText(), r.summary(), r.exemptionAllowed(), false, "copied from " + from, user.username(), null));
                }
            }
            return new RuleSet(year, repository.rules(dsl, year), repository.ruleYears(dsl));
        });
    }

    // ---- exemptions ---------------------------------------------------------------------------

    public Mono<List<EligibilityRepository.ExemptionRow>> exemptions(CurrentUser user, Integer year, String organisation) {
        String org = user.organisationScope().orElse(organisation == null || organisation.isBlank() ? null : organisation);
        return db.tx(dsl -> repository.exemptions(dsl, year, org));
    }

    public Mono<EligibilityRepository.ExemptionRow> grant(CurrentUser user, ExemptionInput in) {
        return db.tx(dsl -> grant(dsl, user, in));
    }

    /** The same inside the caller's transaction. */
    public EligibilityRepository.ExemptionRow grant(org.jooq.DSLContext dsl, CurrentUser user, ExemptionInput in) {
        {
            List<FieldProblem> p = new ArrayList<>();
            if (in == null) {
                throw new InvalidInputException(FieldProblem.required("exemption"));
            }
            if (in.budgetYear() == null) {
                p.add(FieldProblem.required("budgetYear"));
            }
            if (in.reason() == null || in.reason().isBlank()) {
                p.add(FieldProblem.required("reason", in.reason()));
            } else if (in.reason().strip().length() > 2000) {
                p.add(FieldProblem.maxLength("reason", in.reason().substring(0, 40) + "…", 2000));
            }
            String org = in.organisationCode();
            if (in.filingId() != null) {
                var f = eligibility.filing(dsl, user, in.filingId());
                if (org == null) {
                    org = f.organisationCode();
                } else if (!org.equals(f.organisationCode())) {
                    p.add(FieldProblem.belongsTo("filingId", in.filingId(), f.organisationCode()));
                }
                if (in.budgetYear() != null && f.budgetYear().intValue() != in.budgetYear()) {
                    p.add(FieldProblem.of("budgetYear", in.budgetYear(), ProblemCode.INVALID_VALUE));
                }
            }
            if (org == null || org.isBlank()) {
                p.add(FieldProblem.required("organisationCode"));
            }
            if (in.budgetYear() != null && in.ruleId() != null) {
                var rule = repository.rules(dsl, in.budgetYear()).stream().filter(r -> r.ruleId().equals(in.ruleId()) && !r.retired()).findFirst();
                if (rule.isEmpty()) {
                    p.add(FieldProblem.of("ruleId", in.ruleId(), ProblemCode.UNKNOWN_RULE, in.budgetYear()));
                } else if (!rule.get().exemptionAllowed()) {
                    p.add(FieldProblem.of("ruleId", in.ruleId(), ProblemCode.NOT_EXEMPTIBLE, in.ruleId()));
                }
            } else if (in.ruleId() == null) {
                p.add(FieldProblem.required("ruleId"));
            }
            if (!p.isEmpty()) {
                throw new InvalidInputException(p);
            }
            String system = in.systemCode() == null || in.systemCode().isBlank() ? null : in.systemCode().strip();
            long id = repository.insertExemption(dsl, in.budgetYear(), in.ruleId(), org, in.filingId(), system, in.reason().strip(),
                    user.username());
            // an exemption is for one organisation: only its requests of that year can change
            eligibility.recompute(dsl, in.budgetYear(), eligibility.requestsOf(dsl, org, in.budgetYear()),
                    Eligibility.Cause.of("exemptionGranted", "id", id, "rule", in.ruleId(),
                    "user", user.username()));
            return repository.exemption(dsl, id).orElseThrow();
        }
    }

    public Mono<EligibilityRepository.ExemptionRow> revoke(CurrentUser user, long id, Revocation revocation) {
        if (revocation == null || revocation.reason() == null || revocation.reason().isBlank()) {
            return Mono.error(new InvalidInputException(FieldProblem.required("reason")));
        }
        return db.tx(dsl -> {
            var e = repository.exemption(dsl, id).orElseThrow(() -> new NotFoundException("exemption", id));
            repository.revokeExemption(dsl, id, user.username(), revocation.reason().strip());
            eligibility.recompute(dsl, e.budgetYear(), eligibility.requestsOf(dsl, e.organisationCode(), e.budgetYear()),
                    Eligibility.Cause.of("exemptionRevoked", "id", id, "rule", e.ruleId(),
                    "user", user.username()));
            return repository.exemption(dsl, id).orElseThrow();
        });
    }
}
