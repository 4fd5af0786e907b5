package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the plan as stored for budget year 2025 (the data, not a copy of it), case by case: fires, does not
 * fire, exempted, a missing fact gives "needs review" naming it, not applicable. Each case starts from facts under
 * which every rule passes or does not apply and changes only what the case is about.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleTableTests {

    static final Object MISSING = new Object();

    @Autowired
    Db db;
    @Autowired
    EligibilityRepository repository;

    List<EligibilityRule> rules;

    @BeforeAll
    void rules() {
        rules = db.inTransaction(Actor.system("test"), dsl -> repository.rules(dsl, 2025));
    }

    /** rule, case, facts changed (filing.*, organisation.*, system.*), exempted?, expected result of the rule. */
    static Stream<Arguments> cases() {
        return Stream.of(
                row("R1", "fires", Map.of("system.connected", false), false, Outcome.Result.FIRED),
                row("R1", "does not fire", Map.of(), false, Outcome.Result.PASSED),
                row("R1", "exempted", Map.of("system.connected", false), true, Outcome.Result.EXEMPTED),
                row("R1", "missing fact", Map.of("system.connected", MISSING), false, Outcome.Result.NEEDS_REVIEW),
                row("R1", "not applicable", Map.of("system.mustConnect", false, "system.connected", false), false, Outcome.Result.NOT_APPLICABLE),
                row("R2", "fires", Map.of("filing.unsharedSystems", 1), false, Outcome.Result.FIRED),
                row("R2", "fires on a duplicate", Map.of("filing.duplicateSystems", 1), false, Outcome.Result.FIRED),
                row("R2", "does not fire", Map.of(), false, Outcome.Result.PASSED),
                row("R2", "no exemption allowed", Map.of("filing.unsharedSystems", 1), true, Outcome.Result.FIRED),
                row("R2", "missing fact", Map.of("filing.unsharedSystems", MISSING), false, Outcome.Result.NEEDS_REVIEW),
                row("R2", "not applicable", Map.of("filing.type", "OPERATION_MAINTENANCE", "filing.unsharedSystems", 1), false,
                        Outcome.Result.NOT_APPLICABLE),
                row("R3", "fires", Map.of("filing.network", "NEW_PRIVATE_NETWORK"), false, Outcome.Result.FIRED),
                row("R3", "does not fire", Map.of("filing.network", "EXISTING_PRIVATE_NETWORK"), false, Outcome.Result.PASSED),
                row("R3", "exempted", Map.of("filing.network", "NEW_PRIVATE_NETWORK"), true, Outcome.Result.EXEMPTED),
                row("R3", "missing fact", Map.of("filing.network", MISSING), false, Outcome.Result.NEEDS_REVIEW),
                row("R4", "fires", Map.of("filing.type", "OPERATION_MAINTENANCE", "system.onPrivateNetwork", true,
                        "system.privateNetworkUtilisation", 12), false, Outcome.Result.FIRED),
                row("R4", "does not fire", Map.of("filing.type", "OPERATION_MAINTENANCE", "system.onPrivateNetwork", true,
                        "system.privateNetworkUtilisation", 55), false, Outcome.Result.PASSED),
                row("R4", "no exemption allowed", Map.of("filing.type", "OPERATION_MAINTENANCE", "system.onPrivateNetwork", true,
                        "system.privateNetworkUtilisation", 12), true, Outcome.Result.FIRED),
                row("R4", "missing fact", Map.of("filing.type", "OPERATION_MAINTENANCE", "system.onPrivateNetwork", true), false,
                        Outcome.Result.NEEDS_REVIEW),
                row("R4", "not applicable", Map.of("filing.type", "OPERATION_MAINTENANCE", "system.privateNetworkUtilisation", 12), false,
                        Outcome.Result.NOT_APPLICABLE),
                row("R5", "fires", Map.of("organisation.type", "COUNTY_DISTRICT", "filing.dataRoomWork", "EXPAND"), false, Outcome.Result.FIRED),
                row("R5", "does not fire", Map.of("organisation.type", "COUNTY_DISTRICT"), false, Outcome.Result.PASSED),
                row("R5", "no exemption allowed", Map.of("organisation.type", "COUNTY_DISTRICT", "filing.dataRoomWork", "BUILD"), true,
                        Outcome.Result.FIRED),
                row("R5", "missing fact", Map.of("organisation.type", "COUNTY_DISTRICT", "filing.dataRoomWork", MISSING), false, Outcome.Result.NEEDS_REVIEW),
                row("R5", "not applicable", Map.of("filing.dataRoomWork", "BUILD"), false, Outcome.Result.NOT_APPLICABLE),
                row("R6", "fires", Map.of("organisation.type", "COUNTY_DISTRICT", "filing.ownExchangePlatform", true), false, Outcome.Result.FIRED),
                row("R6", "does not fire", Map.of("organisation.type", "COUNTY_DISTRICT"), false, Outcome.Result.PASSED),
                row("R6", "no exemption allowed", Map.of("organisation.type", "COUNTY_DISTRICT", "filing.ownExchangePlatform", true), true,
                        Outcome.Result.FIRED),
                row("R6", "missing fact", Map.of("organisation.type", "COUNTY_DISTRICT", "filing.ownExchangePlatform", MISSING), false,
                        Outcome.Result.NEEDS_REVIEW),
                row("R6", "not applicable", Map.of("filing.ownExchangePlatform", true), false, Outcome.Result.NOT_APPLICABLE),
                row("R7", "fires", Map.of("filing.deployment", "OWN_DATA_ROOM"), false, Outcome.Result.FIRED),
                row("R7", "does not fire with a justification", Map.of("filing.deployment", "OWN_DATA_ROOM", "filing.deploymentJustified", true),
                        false, Outcome.Result.PASSED),
                row("R7", "exempted", Map.of("filing.deployment", "OTHER"), true, Outcome.Result.EXEMPTED),
                row("R7", "missing fact", Map.of("filing.deployment", MISSING), false, Outcome.Result.NEEDS_REVIEW),
                row("R7", "not applicable", Map.of("filing.type", "CONTINUATION", "filing.deployment", "OWN_DATA_ROOM"), false,
                        Outcome.Result.NOT_APPLICABLE),
                row("R8", "fires", Map.of("filing.complete", false), false, Outcome.Result.FIRED),
                row("R8", "does not fire", Map.of(), false, Outcome.Result.PASSED),
                row("R8", "no exemption allowed", Map.of("filing.complete", false), true, Outcome.Result.FIRED),
                row("R8", "missing fact", Map.of("filing.complete", MISSING), false, Outcome.Result.NEEDS_REVIEW),
                row("R9", "fires", Map.of("filing.type", "OPERATION_MAINTENANCE", "system.zombie", true), false, Outcome.Result.FIRED),
                row("R9", "does not fire", Map.of("filing.type", "OPERATION_MAINTENANCE"), false, Outcome.Result.PASSED),
                row("R9", "no exemption allowed", Map.of("filing.type", "CONTINUATION", "system.zombie", true), true, Outcome.Result.FIRED),
                row("R9", "missing fact", Map.of("filing.type", "OPERATION_MAINTENANCE", "system.zombie", MISSING), false,
                        Outcome.Result.NEEDS_REVIEW),
                row("R9", "not applicable", Map.of("system.zombie", true), false, Outcome.Result.NOT_APPLICABLE),
                row("R10", "fires", Map.of("organisation.assessmentGrade", "FAILING"), false, Outcome.Result.FIRED),
                row("R10", "does not fire", Map.of(), false, Outcome.Result.PASSED),
                row("R10", "no exemption allowed", Map.of("organisation.assessmentGrade", "FAILING"), true, Outcome.Result.FIRED),
                row("R10", "missing fact: no assessment published", Map.of("organisation.assessmentGrade", MISSING), false,
                        Outcome.Result.NEEDS_REVIEW),
                row("R11", "fires", Map.of("system.protectionLevel", 1), false, Outcome.Result.FIRED),
                row("R11", "does not fire", Map.of(), false, Outcome.Result.PASSED),
                row("R11", "no exemption allowed", Map.of("system.protectionLevel", 1), true, Outcome.Result.FIRED),
                row("R11", "missing fact", Map.of("system.protectionLevel", MISSING), false, Outcome.Result.NEEDS_REVIEW),
                row("R11", "not applicable", Map.of("system.registered", false, "system.protectionLevel", 1), false, Outcome.Result.NOT_APPLICABLE));
    }

    static Arguments row(String rule, String name, Map<String, Object> changed, boolean exempted, Outcome.Result expected) {
        return Arguments.of(rule, name, changed, exempted, expected);
    }

    /** Facts under which every rule passes or does not apply: a new build on the cloud, filed in full, by a city department. */
    static Map<String, Object> baseFiling() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("filing.type", "NEW_BUILD");
        f.put("filing.complete", true);
        f.put("filing.network", "EGOV_EXTRANET");
        f.put("filing.deployment", "GOV_CLOUD");
        f.put("filing.deploymentJustified", false);
        f.put("filing.dataRoomWork", "NONE");
        f.put("filing.ownExchangePlatform", false);
        f.put("filing.protectionLevel", 3);
        f.put("filing.plannedSystems", 1);
        f.put("filing.providedResources", 2);
        f.put("filing.unsharedSystems", 0);
        f.put("filing.duplicateSystems", 0);
        f.put("organisation.type", "CITY_DEPARTMENT");
        f.put("organisation.assessmentGrade", "PASSING");
        return f;
    }

    static Map<String, Object> baseSystem() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("system.registered", true);
        s.put("system.mustConnect", true);
        s.put("system.connected", true);
        s.put("system.sharedResources", 1);
        s.put("system.zombie", false);
        s.put("system.onPrivateNetwork", false);
        s.put("system.protectionLevel", 3);
        return s;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void each_rule_case_by_case(String ruleId, String name, Map<String, Object> changed, boolean exempted, Outcome.Result expected) {
        Map<String, Object> filing = baseFiling();
        Map<String, Object> system = baseSystem();
        changed.forEach((k, v) -> (k.startsWith("system.") ? system : filing).put(k, v == MISSING ? null : v));
        RuleEngine.Facts facts = new RuleEngine.Facts(facts(filing), Map.of("water.s01", facts(system)));
        List<RuleEngine.Exemption> exemptions = exempted
                ? List.of(new RuleEngine.Exemption(1, ruleId, "water", null, null, "领导小组同意", "admin", java.time.OffsetDateTime.now()))
                : List.of();
        var evaluation = RuleEngine.evaluate(rules, 7, "water", new BigDecimal("100"), new BigDecimal("50"), facts, exemptions);

        Map<String, EligibilityRule> byKey = new HashMap<>();
        rules.forEach(r -> byKey.put(r.key(), r));
        Outcome outcome = RuleEngine.hydrate(evaluation.outcomes().stream().filter(o -> o.ruleId().equals(ruleId)).findFirst().orElseThrow(),
                facts, byKey, 2025);
        assertThat(outcome.result()).as(ruleId + " " + name).isEqualTo(expected);
        assertThat(outcome.planText()).isNotBlank();
        // every other rule passes or does not apply: the case changed only what it is about
        assertThat(evaluation.outcomes().stream().filter(o -> !o.ruleId().equals(ruleId)).map(Outcome::result))
                .allMatch(r -> r == Outcome.Result.PASSED || r == Outcome.Result.NOT_APPLICABLE);
        switch (expected) {
            case FIRED -> {
                EligibilityRule rule = rules.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow();
                assertThat(evaluation.verdict()).isEqualTo(rule.verdict());
                assertThat(outcome.evidence()).isNotEmpty();
            }
            case EXEMPTED -> {
                assertThat(evaluation.verdict()).isEqualTo(Verdict.ELIGIBLE_BY_EXEMPTION);
                assertThat(outcome.exemption().reason()).isEqualTo("领导小组同意");
            }
            case NEEDS_REVIEW -> {
                assertThat(evaluation.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
                assertThat(outcome.missing()).containsExactlyElementsOf(changed.entrySet().stream().filter(e -> e.getValue() == MISSING)
                        .map(Map.Entry::getKey).toList().isEmpty() ? List.of("system.privateNetworkUtilisation")
                        : changed.entrySet().stream().filter(e -> e.getValue() == MISSING).map(Map.Entry::getKey).toList());
            }
            case PASSED, NOT_APPLICABLE -> assertThat(evaluation.verdict()).isEqualTo(Verdict.ELIGIBLE);
        }
    }

    static Map<String, Fact> facts(Map<String, Object> values) {
        Map<String, Fact> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, v == null ? Fact.missing("test", null, null) : Fact.stated(v, "test", null, List.of(), null)));
        return out;
    }

    static List<String> ids(List<EligibilityRule> rules) {
        return new ArrayList<>(rules.stream().map(EligibilityRule::ruleId).toList());
    }
}
