package cn.suqian.govshare.assessment;

import cn.suqian.govshare.assessment.Methodology.Definition;
import cn.suqian.govshare.assessment.Methodology.GradeBand;
import cn.suqian.govshare.assessment.Methodology.Indicator;
import cn.suqian.govshare.assessment.Methodology.Pillar;
import cn.suqian.govshare.assessment.OrganisationFacts.Availability;
import cn.suqian.govshare.assessment.OrganisationFacts.ManualFact;
import cn.suqian.govshare.assessment.OrganisationFacts.MilestoneFact;
import cn.suqian.govshare.assessment.OrganisationFacts.Report;
import cn.suqian.govshare.assessment.OrganisationFacts.ResourceFact;
import cn.suqian.govshare.assessment.OrganisationFacts.SystemFact;
import cn.suqian.govshare.assessment.OrganisationFacts.Traffic;
import cn.suqian.govshare.assessment.Scoring.IndicatorScore;
import cn.suqian.govshare.assessment.Scoring.OrganisationScore;
import cn.suqian.govshare.assessment.Scoring.Status;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every indicator kind, not-applicable and no-data left out with the total rescaled, grades and ranks. */
class ScoringTests {

    static final OrganisationFacts.Shared SHARED = new OrganisationFacts.Shared(2025, true, true);
    static final List<GradeBand> BANDS = List.of(new GradeBand("优秀", 90, true), new GradeBand("良好", 75, true),
            new GradeBand("合格", 60, true), new GradeBand("不合格", 0, false));

    static Indicator ind(String code, IndicatorKind kind, double weight, Map<String, Object> parameters) {
        return new Indicator(code, code, kind, weight, parameters);
    }

    static Definition one(Indicator... indicators) {
        return new Definition(List.of(new Pillar("p", "pillar", List.of(indicators))), BANDS);
    }

    static SystemFact system(String code, boolean extranet, boolean cloud, boolean mustConnect, String connectedness, Integer level,
                             boolean assessed, boolean zombie) {
        return new SystemFact(code, code, extranet, cloud, mustConnect, connectedness, level, assessed, zombie);
    }

    static OrganisationFacts org(String code, PeerGroup group, List<SystemFact> systems, List<ResourceFact> resources, Availability availability,
                                 Traffic served, Traffic consumed, Report report, List<MilestoneFact> milestones, Map<String, ManualFact> manual) {
        return new OrganisationFacts(code, code, group, systems, resources, availability, served, consumed, report, milestones, manual);
    }

    static OrganisationFacts plain(String code) {
        return org(code, PeerGroup.DEPARTMENT, List.of(), List.of(), null, new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
    }

    static IndicatorScore only(Definition d, OrganisationFacts f) {
        return Scoring.score(d, SHARED, List.of(f)).getFirst().indicators().getFirst();
    }

    @Test
    void system_share_counts_systems_satisfying_the_predicate_with_each_system_as_evidence() {
        var f = org("water", PeerGroup.DEPARTMENT, List.of(
                        system("w1", true, true, true, "CONNECTED", 2, true, false),
                        system("w2", true, false, true, "NOT_CONNECTED", 3, false, false),
                        system("w3", false, false, false, "NOT_REGISTERED", null, false, true),
                        system("w4", true, true, true, "NO_DATA", 2, true, false)),
                List.of(), null, new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());

        assertThat(only(one(ind("x", IndicatorKind.SYSTEM_SHARE, 8, Map.of("predicate", "EXTRANET"))), f).fraction()).isEqualTo(0.75);
        assertThat(only(one(ind("x", IndicatorKind.SYSTEM_SHARE, 8, Map.of("predicate", "CLOUD"))), f).points()).isEqualTo(4.0);
        IndicatorScore connected = only(one(ind("x", IndicatorKind.SYSTEM_SHARE, 12, Map.of("predicate", "CONNECTED"))), f);
        assertThat(connected.inputs()).containsEntry("systems", 3).containsEntry("satisfying", 1); // only must-connect systems count
        assertThat(connected.evidence()).extracting(Scoring.Evidence::link).contains("/systems.html?code=w1");
        assertThat(connected.formula()).startsWith("1 / 3");
        IndicatorScore protectedShare = only(one(ind("x", IndicatorKind.SYSTEM_SHARE, 4, Map.of("predicate", "PROTECTED"))), f);
        assertThat(protectedShare.inputs()).containsEntry("systems", 3).containsEntry("satisfying", 2);
        assertThat(only(one(ind("x", IndicatorKind.SYSTEM_SHARE, 6, Map.of("predicate", "NOT_ZOMBIE"))), f).fraction()).isEqualTo(0.75);
    }

    @Test
    void system_share_without_systems_is_not_applicable_and_without_measurement_no_data() {
        IndicatorScore none = only(one(ind("x", IndicatorKind.SYSTEM_SHARE, 8, Map.of("predicate", "CLOUD"))), plain("a"));
        assertThat(none.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(none.points()).isNull();
        var unmeasured = org("b", PeerGroup.DEPARTMENT, List.of(system("b1", true, true, true, "NO_DATA", null, false, false)), List.of(), null,
                new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        assertThat(only(one(ind("x", IndicatorKind.SYSTEM_SHARE, 8, Map.of("predicate", "CONNECTED"))), unmeasured).status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void resource_share_is_mounted_over_catalogued() {
        var f = org("a", PeerGroup.DEPARTMENT, List.of(system("a1", true, true, true, "CONNECTED", null, false, false)),
                List.of(new ResourceFact("r1", "r1", true), new ResourceFact("r2", "r2", false)), null,
                new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        assertThat(only(one(ind("c", IndicatorKind.RESOURCE_SHARE, 10, Map.of())), f).points()).isEqualTo(5.0);
        var noCatalogue = org("b", PeerGroup.DEPARTMENT, f.systems(), List.of(), null, new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        assertThat(only(one(ind("c", IndicatorKind.RESOURCE_SHARE, 10, Map.of())), noCatalogue).points()).isEqualTo(0.0);
    }

    @Test
    void availability_is_scaled_between_floor_and_target_and_unmeasured_is_no_data() {
        var d = one(ind("a", IndicatorKind.AVAILABILITY, 6, Map.of("floor", 90, "target", 99)));
        var f = org("a", PeerGroup.DEPARTMENT, List.of(system("a1", true, true, true, "CONNECTED", null, false, false)), List.of(),
                new Availability(0.945, 945, 55, 2), new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        IndicatorScore s = only(d, f);
        assertThat(s.fraction()).isEqualTo(0.5);
        assertThat(s.points()).isEqualTo(3.0);
        assertThat(s.inputs()).containsEntry("availabilityPercent", 94.5).containsEntry("incidents", 2);
        var unmeasured = org("b", PeerGroup.DEPARTMENT, f.systems(), List.of(), new Availability(null, 0, 0, 0), new Traffic(0, 0, 0),
                new Traffic(0, 0, 0), null, List.of(), Map.of());
        assertThat(only(d, unmeasured).status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void volume_is_scaled_against_the_peers_percentile_or_a_target() {
        var d = one(ind("served", IndicatorKind.VOLUME, 8, Map.of("direction", "SERVED", "measure", "RECORDS", "percentile", 50)));
        List<OrganisationFacts> facts = List.of(
                org("a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, new Traffic(10, 0, 100), new Traffic(0, 0, 0), null, List.of(), Map.of()),
                org("b", PeerGroup.DEPARTMENT, List.of(), List.of(), null, new Traffic(10, 0, 400), new Traffic(0, 0, 0), null, List.of(), Map.of()),
                org("c", PeerGroup.DEPARTMENT, List.of(), List.of(), null, new Traffic(10, 0, 200), new Traffic(0, 0, 0), null, List.of(), Map.of()),
                org("z", PeerGroup.REGION, List.of(), List.of(), null, new Traffic(10, 0, 5), new Traffic(0, 0, 0), null, List.of(), Map.of()));
        Map<String, OrganisationScore> byOrg = new java.util.HashMap<>();
        Scoring.score(d, SHARED, facts).forEach(s -> byOrg.put(s.organisationCode(), s));
        // department median 200: a earns half, b and c full; the region peer is its own reference
        assertThat(byOrg.get("a").indicators().getFirst().fraction()).isEqualTo(0.5);
        assertThat(byOrg.get("b").indicators().getFirst().fraction()).isEqualTo(1.0);
        assertThat(byOrg.get("z").indicators().getFirst().inputs()).containsEntry("reference", 5.0);

        var target = one(ind("consumed", IndicatorKind.VOLUME, 8, Map.of("direction", "CONSUMED", "measure", "CALLS", "target", 40)));
        var f = org("a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, new Traffic(0, 0, 0), new Traffic(10, 0, 0), null, List.of(), Map.of());
        assertThat(only(target, f).fraction()).isEqualTo(0.25);
        var noTraffic = Scoring.score(target, new OrganisationFacts.Shared(2025, false, true), List.of(f)).getFirst().indicators().getFirst();
        assertThat(noTraffic.status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void success_rate_of_calls_to_its_resources() {
        var d = one(ind("s", IndicatorKind.SUCCESS_RATE, 5, Map.of("floor", 90, "target", 100)));
        var f = org("a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, new Traffic(1000, 50, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        assertThat(only(d, f).fraction()).isEqualTo(0.5);
        assertThat(only(d, plain("b")).status()).isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void timeliness_and_consistency_from_the_annual_report() {
        var timely = one(ind("t", IndicatorKind.TIMELINESS, 3, Map.of("lateShare", 0.5)));
        var consistent = one(ind("c", IndicatorKind.CONSISTENCY, 3, Map.of("penaltyPerDiscrepancy", 0.25)));
        LocalDate deadline = LocalDate.of(2026, 1, 10);
        var onTime = org("a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, new Report("ON_TIME", deadline, List.of("exchange.calls")),
                List.of(), Map.of());
        var late = org("b", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, new Report("LATE", deadline, List.of()), List.of(), Map.of());
        var missing = org("c", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, new Report("MISSING", deadline, List.of()), List.of(), Map.of());
        assertThat(only(timely, onTime).fraction()).isEqualTo(1.0);
        assertThat(only(timely, late).fraction()).isEqualTo(0.5);
        assertThat(only(timely, missing).fraction()).isEqualTo(0.0);
        assertThat(only(timely, plain("d")).status()).isEqualTo(Status.NO_DATA);
        assertThat(only(consistent, onTime).fraction()).isEqualTo(0.75);
        assertThat(only(consistent, late).fraction()).isEqualTo(1.0);
        assertThat(only(consistent, missing).status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void key_task_milestones_due_in_the_year_met_on_time_for_lead_units_only() {
        var d = one(ind("m", IndicatorKind.KEY_TASK_MILESTONES, 4, Map.of()));
        var lead = org("a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, null, List.of(
                new MilestoneFact("T5", "T5.1", "linked", LocalDate.of(2025, 6, 30), LocalDate.of(2025, 6, 1)),
                new MilestoneFact("T5", "T5.2", "all connected", LocalDate.of(2025, 12, 31), LocalDate.of(2026, 2, 1)),
                new MilestoneFact("T5", "T5.3", "next year", LocalDate.of(2026, 6, 30), null)), Map.of());
        IndicatorScore s = only(d, lead);
        assertThat(s.inputs()).containsEntry("due", 2).containsEntry("metOnTime", 1);
        assertThat(s.fraction()).isEqualTo(0.5);
        assertThat(only(d, plain("b")).status()).isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void manual_values_carry_their_evidence_and_missing_ones_are_no_data() {
        var d = one(ind("online", IndicatorKind.MANUAL, 6, Map.of()));
        var f = org("a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, null, List.of(),
                Map.of("online", new ManualFact(80, "政务服务网事项清单", "核查", "admin")));
        IndicatorScore s = only(d, f);
        assertThat(s.points()).isEqualTo(4.8);
        assertThat(s.evidence()).extracting(Scoring.Evidence::label).containsExactly("政务服务网事项清单");
        assertThat(only(d, plain("b")).status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void not_applicable_and_no_data_are_left_out_and_the_total_rescaled() {
        var d = new Definition(List.of(
                new Pillar("network", "网络通", List.of(ind("cloud", IndicatorKind.SYSTEM_SHARE, 6, Map.of("predicate", "CLOUD")),
                        ind("avail", IndicatorKind.AVAILABILITY, 6, Map.of()))),
                new Pillar("app", "应用通", List.of(ind("online", IndicatorKind.MANUAL, 8, Map.of())))), BANDS);
        // cloud 1/2 of 6 = 3 points; availability no data; manual no data → 3 of 6 applicable = 50
        var f = org("a", PeerGroup.DEPARTMENT, List.of(system("a1", true, true, false, "NOT_REGISTERED", null, false, false),
                        system("a2", true, false, false, "NOT_REGISTERED", null, false, false)), List.of(), new Availability(null, 0, 0, 0),
                new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        OrganisationScore s = Scoring.score(d, SHARED, List.of(f)).getFirst();
        assertThat(s.total()).isEqualTo(50.0);
        assertThat(s.grade()).isEqualTo("不合格");
        assertThat(s.passing()).isFalse();
        assertThat(s.pillars()).extracting(Scoring.PillarScore::score).containsExactly(50.0, null);
        assertThat(s.pillars().getFirst().weightApplied()).isEqualTo(6.0);
        assertThat(s.indicators()).extracting(IndicatorScore::status).containsExactly(Status.SCORED, Status.NO_DATA, Status.NO_DATA);
        // with nothing applicable there is no total, no grade and no rank — never 0 or full marks
        OrganisationScore empty = Scoring.score(d, SHARED, List.of(plain("b"))).getFirst();
        assertThat(empty.total()).isNull();
        assertThat(empty.grade()).isNull();
        assertThat(empty.rankOverall()).isNull();
    }

    @Test
    void ranks_are_competition_ranks_overall_and_within_the_peer_group() {
        var d = one(ind("online", IndicatorKind.MANUAL, 10, Map.of()));
        List<OrganisationFacts> facts = List.of(
                org("a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, null, List.of(), Map.of("online", new ManualFact(80, "e", "r", "x"))),
                org("b", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, null, List.of(), Map.of("online", new ManualFact(80, "e", "r", "x"))),
                org("c", PeerGroup.REGION, List.of(), List.of(), null, null, null, null, List.of(), Map.of("online", new ManualFact(95, "e", "r", "x"))),
                org("d", PeerGroup.DEPARTMENT, List.of(), List.of(), null, null, null, null, List.of(), Map.of("online", new ManualFact(60, "e", "r", "x"))));
        var scores = Scoring.score(d, SHARED, facts);
        assertThat(scores).extracting(OrganisationScore::organisationCode).containsExactly("c", "a", "b", "d");
        assertThat(scores).extracting(OrganisationScore::rankOverall).containsExactly(1, 2, 2, 4);
        assertThat(scores).extracting(OrganisationScore::rankInGroup).containsExactly(1, 1, 1, 3);
        assertThat(scores).extracting(OrganisationScore::grade).containsExactly("优秀", "良好", "良好", "合格");
    }

    @Test
    void the_default_methodology_parses_and_follows_the_rules_weights() {
        var doc = MethodologyService.parse(MethodologyService.defaultYaml());
        assertThat(doc.pillars()).extracting(Pillar::name).containsExactly("网络通", "数据通", "应用通", "管理");
        double total = doc.pillars().stream().flatMap(p -> p.indicators().stream()).mapToDouble(Indicator::weight).sum();
        // RULES.md: every default indicator, "refreshed per update cycle" (5) and "filed completely and in time" (6) included
        assertThat(total).isEqualTo(100.0);
        assertThat(doc.pillars().stream().flatMap(p -> p.indicators().stream()).filter(i -> i.kind() == IndicatorKind.TIMELINESS)
                .map(i -> i.parameter("subject", "REPORT"))).containsExactlyInAnyOrder("RESOURCES", "REPORT", "FILINGS");
        assertThat(doc.pillars().stream().flatMap(p -> p.indicators().stream()).map(Indicator::kind).distinct())
                .containsExactlyInAnyOrder(IndicatorKind.values());
        var m = new Methodology(1, 2025, 1, doc.name(), new Definition(doc.pillars(), doc.grades()), doc.changeLog(), "admin", null);
        var again = MethodologyService.parse(MethodologyService.toYaml(m));
        assertThat(again.pillars()).isEqualTo(doc.pillars());
        assertThat(again.grades()).isEqualTo(doc.grades());
    }

    @Test
    void a_methodology_with_a_bad_kind_weight_or_predicate_is_refused() {
        String yaml = """
                name: x
                changeLog: y
                pillars:
                  - code: p
                    name: p
                    indicators:
                      - {code: a, name: a, kind: SYSTEM_SHARE, weight: 0, parameters: {predicate: NOPE}}
                grades: [{label: 合格, min: 60, passing: true}]
                """;
        assertThatThrownBy(() -> MethodologyService.parse(yaml)).hasMessageContaining("invalid");
        assertThatThrownBy(() -> MethodologyService.parse("name: x\npillars: [{code: p, name: p, indicators: [{code: a, kind: NOPE, weight: 1}]}]"))
                .hasMessageContaining("invalid");
    }

    static ResourceFact resource(String code, String cycle, LocalDate from, LocalDate to, Integer periodsWithData) {
        return new ResourceFact(code, code, true, cycle, from, from, to, periodsWithData);
    }

    static OrganisationFacts withResources(List<ResourceFact> resources) {
        return org("a", PeerGroup.DEPARTMENT, List.of(), resources, null, new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
    }

    @Test
    void refresh_timeliness_is_the_share_of_each_declared_cycles_periods_with_data_delivered() {
        var d = one(ind("refreshed", IndicatorKind.TIMELINESS, 5, Map.of("subject", "RESOURCES")));
        LocalDate jan1 = LocalDate.of(2025, 1, 1);
        LocalDate dec31 = LocalDate.of(2025, 12, 31);
        var f = withResources(List.of(
                resource("monthly", "MONTHLY", jan1, dec31, 9),                                // 9 of 12 months
                resource("quarterly", "QUARTERLY", LocalDate.of(2025, 7, 15), dec31, 2),       // mounted mid-year: 2 of 2 quarters
                resource("daily", "REAL_TIME", LocalDate.of(2025, 12, 22), dec31, 5),          // 5 of 10 days
                resource("irregular", "IRREGULAR", jan1, dec31, 0),                            // no declared period: left out
                new ResourceFact("unmounted", "unmounted", false, "MONTHLY", null, null, null, null)));
        IndicatorScore s = only(d, f);
        assertThat(s.status()).isEqualTo(Status.SCORED);
        assertThat(s.inputs()).containsEntry("resources", 3).containsEntry("refreshedEveryPeriod", 1);
        assertThat(s.fraction()).isEqualTo(Scoring.round((0.75 + 1 + 0.5) / 3, 6));
        assertThat(s.evidence()).extracting(Scoring.Evidence::label).contains("monthly monthly MONTHLY 9 / 12", "daily daily REAL_TIME 5 / 10");
        assertThat(s.evidence()).extracting(Scoring.Evidence::link).contains("/catalogue.html?code=quarterly");
        // more periods with data than the cycle asks for is full marks, not more
        assertThat(only(d, withResources(List.of(resource("w", "WEEKLY", LocalDate.of(2025, 12, 1), dec31, 9)))).fraction()).isEqualTo(1.0);
        assertThat(Scoring.expectedPeriods(resource("w", "WEEKLY", LocalDate.of(2025, 12, 1), dec31, 0))).isEqualTo(5);
        assertThat(Scoring.expectedPeriods(resource("h", "HALF_YEARLY", LocalDate.of(2025, 6, 30), dec31, 0))).isEqualTo(2);
        assertThat(Scoring.expectedPeriods(resource("y", "YEARLY", jan1, dec31, 0))).isEqualTo(1);
    }

    @Test
    void refresh_timeliness_without_periodic_mounted_resources_is_not_applicable_and_without_traffic_no_data() {
        var d = one(ind("refreshed", IndicatorKind.TIMELINESS, 5, Map.of("subject", "RESOURCES")));
        LocalDate jan1 = LocalDate.of(2025, 1, 1);
        var irregularOnly = withResources(List.of(resource("i", "IRREGULAR", jan1, LocalDate.of(2025, 12, 31), 3)));
        assertThat(only(d, irregularOnly).status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(only(d, plain("b")).status()).isEqualTo(Status.NOT_APPLICABLE);
        var monthly = withResources(List.of(resource("m", "MONTHLY", jan1, LocalDate.of(2025, 12, 31), 0)));
        assertThat(only(d, monthly).fraction()).isEqualTo(0.0); // traffic measured, none delivered: 0, not "no data"
        var noTraffic = Scoring.score(d, new OrganisationFacts.Shared(2025, false, true), List.of(monthly)).getFirst().indicators().getFirst();
        assertThat(noTraffic.status()).isEqualTo(Status.NO_DATA);
        assertThat(noTraffic.points()).isNull();
        // a snapshot from before resources carried their cycle: no data, never 0 or full
        assertThat(only(d, withResources(List.of(new ResourceFact("old", "old", true)))).status()).isEqualTo(Status.NO_DATA);
    }

    static OrganisationFacts withFilings(OrganisationFacts.FilingFacts filings) {
        return new OrganisationFacts("a", "a", PeerGroup.DEPARTMENT, List.of(), List.of(), null, new Traffic(0, 0, 0), new Traffic(0, 0, 0), null,
                List.of(), Map.of(), filings);
    }

    static OrganisationFacts.FilingFact filing(long id, String status, boolean late, String... missing) {
        return new OrganisationFacts.FilingFact(id, "项目" + id, status, status.equals("DRAFT") ? null : java.time.OffsetDateTime.parse("2025-10-01T10:00:00+08:00"),
                late, List.of(missing));
    }

    @Test
    void filing_timeliness_is_the_share_of_filings_submitted_in_the_window_and_complete() {
        var d = one(ind("filings", IndicatorKind.TIMELINESS, 6, Map.of("subject", "FILINGS")));
        LocalDate opens = LocalDate.of(2025, 9, 1);
        LocalDate closes = LocalDate.of(2025, 10, 31);
        var closed = withFilings(new OrganisationFacts.FilingFacts(2026, opens, closes, true, List.of(
                filing(1, "APPROVED", false), filing(2, "SUBMITTED", true), filing(3, "UNDER_REVIEW", false, "attachment:FEASIBILITY_STUDY"),
                filing(4, "DRAFT", false))));
        IndicatorScore s = only(d, closed);
        assertThat(s.fraction()).isEqualTo(0.25); // only #1: #2 late, #3 incomplete, #4 never submitted
        assertThat(s.inputs()).containsEntry("filings", 4).containsEntry("completeAndOnTime", 1).containsEntry("late", 1L)
                .containsEntry("incomplete", 1L).containsEntry("neverSubmitted", 1L).containsEntry("budgetYear", 2026);
        assertThat(s.evidence()).extracting(Scoring.Evidence::link).contains("/filings.html?id=1", "/filings.html?id=4");
        // while the window is open a draft is pending, not a failure
        var open = withFilings(new OrganisationFacts.FilingFacts(2026, opens, closes, false, List.of(filing(1, "APPROVED", false), filing(4, "DRAFT", false))));
        assertThat(only(d, open).fraction()).isEqualTo(1.0);
        var onlyDraft = withFilings(new OrganisationFacts.FilingFacts(2026, opens, closes, false, List.of(filing(4, "DRAFT", false))));
        assertThat(only(d, onlyDraft).status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void filing_timeliness_without_filings_is_not_applicable_and_without_a_window_no_data() {
        var d = one(ind("filings", IndicatorKind.TIMELINESS, 6, Map.of("subject", "FILINGS")));
        var none = withFilings(new OrganisationFacts.FilingFacts(2026, LocalDate.of(2025, 9, 1), LocalDate.of(2025, 10, 31), true, List.of()));
        assertThat(only(d, none).status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(only(d, none).points()).isNull();
        assertThat(only(d, withFilings(null)).status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void zombie_share_counts_measured_candidates_unless_dismissed_or_only_provisional() {
        var d = one(ind("zombies", IndicatorKind.SYSTEM_SHARE, 6, Map.of("predicate", "NOT_ZOMBIE")));
        var f = org("a", PeerGroup.DEPARTMENT, List.of(
                        new SystemFact("declared", "declared", true, true, false, "NOT_REGISTERED", null, false, true, null, null),
                        new SystemFact("confirmed", "confirmed", true, true, false, "NOT_REGISTERED", null, false, false, "CONFIRMED", "LOW"),
                        new SystemFact("candidate", "candidate", true, true, false, "NOT_REGISTERED", null, false, false, "CANDIDATE", "HIGH"),
                        new SystemFact("dismissed", "dismissed", true, true, false, "NOT_REGISTERED", null, false, false, "DISMISSED", "HIGH"),
                        new SystemFact("provisional", "provisional", true, true, false, "NOT_REGISTERED", null, false, false, "LOW", "LOW"),
                        new SystemFact("used", "used", true, true, false, "CONNECTED", null, false, false, null, null)),
                List.of(), null, new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        IndicatorScore s = only(d, f);
        assertThat(s.inputs()).containsEntry("systems", 6).containsEntry("satisfying", 3);
        assertThat(s.evidence()).extracting(Scoring.Evidence::label).contains("candidate candidate ✗", "dismissed dismissed ✓", "provisional provisional ✓");
    }

    @Test
    void a_methodology_with_an_unknown_timeliness_subject_is_refused() {
        assertThatThrownBy(() -> MethodologyService.parse("name: x\npillars: [{code: p, name: p, indicators: [{code: a, kind: TIMELINESS, weight: 1,"
                + " parameters: {subject: WEATHER}}]}]\ngrades: [{label: a, min: 0, passing: true}]")).hasMessageContaining("invalid");
    }

    @Test
    void connected_with_no_data_excluded_leaves_unmeasured_systems_out_and_an_unmeasured_year_is_no_data() {
        var excluding = one(ind("connected", IndicatorKind.SYSTEM_SHARE, 12, Map.of("predicate", "CONNECTED", "noData", "EXCLUDE")));
        var counting = one(ind("connected", IndicatorKind.SYSTEM_SHARE, 12, Map.of("predicate", "CONNECTED")));
        var f = org("a", PeerGroup.DEPARTMENT, List.of(
                        system("c", true, true, true, "CONNECTED", null, false, false),
                        system("n", true, true, true, "NOT_CONNECTED", null, false, false),
                        system("u", true, true, true, "NO_DATA", null, false, false),
                        system("r", true, true, true, "NOT_REGISTERED", null, false, false)),
                List.of(), null, new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        var measured = new OrganisationFacts.Shared(2025, true, true, true);
        IndicatorScore s = Scoring.score(excluding, measured, List.of(f)).getFirst().indicators().getFirst();
        assertThat(s.inputs()).containsEntry("systems", 3).containsEntry("satisfying", 1).containsEntry("unmeasured", 1);
        assertThat(s.fraction()).isEqualTo(Scoring.round(1 / 3.0, 6)); // not registered: must register a target, counts as not connected
        assertThat(s.evidence()).extracting(Scoring.Evidence::label).contains("u u —");
        // as first defined (versions published before the parameter): the unmeasured system counts as not connected
        assertThat(Scoring.score(counting, measured, List.of(f)).getFirst().indicators().getFirst().fraction()).isEqualTo(0.25);
        // a year connection monitoring measured nothing at all: no data, left out, never 0
        IndicatorScore unmeasuredYear = Scoring.score(excluding, new OrganisationFacts.Shared(2025, true, true, false), List.of(f))
                .getFirst().indicators().getFirst();
        assertThat(unmeasuredYear.status()).isEqualTo(Status.NO_DATA);
        assertThat(unmeasuredYear.points()).isNull();
        var onlyUnmeasured = org("b", PeerGroup.DEPARTMENT, List.of(system("u", true, true, true, "NO_DATA", null, false, false)), List.of(), null,
                new Traffic(0, 0, 0), new Traffic(0, 0, 0), null, List.of(), Map.of());
        assertThat(Scoring.score(excluding, measured, List.of(onlyUnmeasured)).getFirst().indicators().getFirst().status()).isEqualTo(Status.NO_DATA);
    }
}
