package cn.suqian.govshare.eligibility;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates one request under a year's rules: no database, no clock — facts, rules and exemptions in, outcomes
 * and a verdict out, so the same inputs always give the same verdict (a stored verdict can be reproduced).
 */
final class RuleEngine {

    /** The facts of one request: its own and its organisation's, and each registered system's, by name. */
    record Facts(Map<String, Fact> filing, Map<String, Map<String, Fact>> systems) {
    }

    /** An exemption in force: for a rule, organisation, and optionally one filing or system. */
    record Exemption(long id, String ruleId, String organisationCode, Long filingId, String systemCode, String reason, String grantedBy,
                     java.time.OffsetDateTime grantedAt) {

        boolean covers(String rule, String organisation, long filing, String system) {
            return ruleId.equals(rule) && organisationCode.equals(organisation) && (filingId == null || filingId == filing)
                    && (systemCode == null || systemCode.equals(system));
        }
    }

    record Evaluation(Verdict verdict, BigDecimal eligibleConstruction, BigDecimal eligibleOm, List<Outcome> outcomes) {
    }

    /** Conditions parsed once per text: rules are data, and the same few conditions are read for every request. */
    private static final Map<String, Object> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private RuleEngine() {
    }

    static Condition condition(String text) {
        Object c = PARSED.computeIfAbsent(text, t -> {
            try {
                return Condition.parse(t);
            } catch (Condition.Invalid e) {
                return e;
            }
        });
        if (c instanceof Condition.Invalid e) {
            throw new Condition.Invalid(e.getMessage());
        }
        return (Condition) c;
    }

    /** A stored outcome with its evidence (the facts it read, from the verdict's stored facts) and the rule's words. */
    static Outcome hydrate(Outcome o, Facts facts, Map<String, EligibilityRule> rulesByKey, int year) {
        Map<String, Fact> all = new HashMap<>(facts.filing());
        if (o.systemCode() != null) {
            all.putAll(facts.systems().getOrDefault(o.systemCode(), Map.of()));
        }
        Map<String, Fact> evidence = new LinkedHashMap<>();
        if (o.facts() != null) {
            for (String n : o.facts()) {
                Fact f = all.get(n);
                evidence.put(n, f == null ? Fact.missing(null, null, null) : f);
            }
        }
        EligibilityRule rule = rulesByKey.get(year + "/" + o.ruleId() + "/" + o.version());
        return new Outcome(o.ruleId(), o.version(), o.scope(), o.systemCode(), o.result(), o.verdict(), o.funding(), o.missing(), o.facts(),
                evidence, rule == null ? null : rule.planText(), rule == null ? null : rule.summary(), o.exemption(), o.error());
    }

    static Evaluation evaluate(List<EligibilityRule> rules, long filingId, String organisation, BigDecimal construction, BigDecimal om,
                               Facts facts, List<Exemption> exemptions) {
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Object> filingValues = values(facts.filing());
        // each system's facts together with the request's, built once for all the system rules
        Map<String, Map<String, Fact>> systemFacts = new LinkedHashMap<>();
        Map<String, Map<String, Object>> systemValues = new HashMap<>();
        for (var system : facts.systems().entrySet()) {
            Map<String, Fact> all = new HashMap<>(facts.filing());
            all.putAll(system.getValue());
            Map<String, Object> v = new HashMap<>(filingValues);
            v.putAll(values(system.getValue()));
            systemFacts.put(system.getKey(), all);
            systemValues.put(system.getKey(), v);
        }
        for (EligibilityRule rule : rules) {
            if (rule.retired()) {
                continue;
            }
            if (rule.scope() == EligibilityRule.Scope.SYSTEM) {
                if (facts.systems().isEmpty()) {
                    outcomes.add(outcome(rule, null, Outcome.Result.NOT_APPLICABLE, List.of(), Map.of(), null, null));
                }
                for (var system : systemFacts.entrySet()) {
                    outcomes.add(one(rule, filingId, organisation, system.getKey(), system.getValue(), systemValues.get(system.getKey()),
                            exemptions));
                }
            } else {
                outcomes.add(one(rule, filingId, organisation, null, facts.filing(), filingValues, exemptions));
            }
        }
        Verdict verdict = Verdict.NOT_APPLICABLE;
        boolean blockConstruction = false;
        boolean blockOm = false;
        for (Outcome o : outcomes) {
            switch (o.result()) {
                case FIRED -> verdict = verdict.worst(o.verdict());
                case NEEDS_REVIEW -> verdict = verdict.worst(Verdict.NEEDS_REVIEW);
                case EXEMPTED -> verdict = verdict.worst(Verdict.ELIGIBLE_BY_EXEMPTION);
                case PASSED -> verdict = verdict.worst(Verdict.ELIGIBLE);
                case NOT_APPLICABLE -> {
                }
            }
            if (o.blocks()) {
                blockConstruction |= o.funding() != EligibilityRule.Funding.OPERATION_MAINTENANCE;
                blockOm |= o.funding() != EligibilityRule.Funding.CONSTRUCTION;
            }
        }
        // "needs review" withholds nothing by itself (finance sees it beside the amount); only a fired "not eligible" rule does
        boolean none = verdict == Verdict.NOT_APPLICABLE;
        BigDecimal c = none || blockConstruction ? BigDecimal.ZERO : construction;
        BigDecimal m = none || blockOm ? BigDecimal.ZERO : om;
        return new Evaluation(verdict, c, m, outcomes);
    }

    private static Outcome one(EligibilityRule rule, long filingId, String organisation, String system, Map<String, Fact> facts,
                               Map<String, Object> values, List<Exemption> exemptions) {
        Condition applicability;
        Condition condition;
        try {
            applicability = condition(rule.applicability());
            condition = condition(rule.condition());
        } catch (Condition.Invalid e) {
            return outcome(rule, system, Outcome.Result.NEEDS_REVIEW, List.of(), Map.of(), null, e.getMessage());
        }
        try {
            Condition.Result applies = applicability.evaluate(values);
            if (applies.unknown()) {
                return outcome(rule, system, Outcome.Result.NEEDS_REVIEW, sorted(applies.missing()),
                        evidence(facts, applicability.facts(), condition.facts()), null, null);
            }
            if (!applies.value()) {
                return outcome(rule, system, Outcome.Result.NOT_APPLICABLE, List.of(), evidence(facts, applicability.facts(), Set.of()), null, null);
            }
            Condition.Result fires = condition.evaluate(values);
            Map<String, Fact> evidence = evidence(facts, applicability.facts(), condition.facts());
            if (fires.unknown()) {
                return outcome(rule, system, Outcome.Result.NEEDS_REVIEW, sorted(fires.missing()), evidence, null, null);
            }
            if (!fires.value()) {
                return outcome(rule, system, Outcome.Result.PASSED, List.of(), evidence, null, null);
            }
            if (rule.exemptionAllowed()) {
                for (Exemption e : exemptions) {
                    if (e.covers(rule.ruleId(), organisation, filingId, system)) {
                        return outcome(rule, system, Outcome.Result.EXEMPTED, List.of(), evidence,
                                new Outcome.ExemptionRef(e.id(), e.reason(), e.grantedBy(), e.grantedAt()), null);
                    }
                }
            }
            return outcome(rule, system, Outcome.Result.FIRED, List.of(), evidence, null, null);
        } catch (Condition.Invalid e) {
            return outcome(rule, system, Outcome.Result.NEEDS_REVIEW, List.of(), evidence(facts, applicability.facts(), condition.facts()),
                    null, e.getMessage());
        }
    }

    private static Outcome outcome(EligibilityRule rule, String system, Outcome.Result result, List<String> missing, Map<String, Fact> evidence,
                                   Outcome.ExemptionRef exemption, String error) {
        return new Outcome(rule.ruleId(), rule.version(), rule.scope(), system, result,
                result == Outcome.Result.FIRED || result == Outcome.Result.EXEMPTED ? rule.verdict() : null, rule.funding(),
                missing.isEmpty() ? null : missing, evidence.isEmpty() ? null : List.copyOf(evidence.keySet()), null, null, null, exemption, error);
    }

    private static List<String> sorted(Set<String> s) {
        return List.copyOf(new TreeSet<>(s));
    }

    private static Map<String, Fact> evidence(Map<String, Fact> facts, Set<String> a, Set<String> b) {
        Map<String, Fact> out = new LinkedHashMap<>();
        for (Set<String> names : List.of(a, b)) {
            for (String n : names) {
                Fact f = facts.get(n);
                out.put(n, f == null ? Fact.missing(null, null, null) : f);
            }
        }
        return out;
    }

    static Map<String, Object> values(Map<String, Fact> facts) {
        Map<String, Object> v = new HashMap<>();
        facts.forEach((k, f) -> {
            if (f != null && f.value() != null) {
                v.put(k, f.value());
            }
        });
        return v;
    }
}
