package cn.suqian.govshare.assessment;

import cn.suqian.govshare.assessment.Methodology.Definition;
import cn.suqian.govshare.assessment.Methodology.Indicator;
import cn.suqian.govshare.assessment.OrganisationFacts.SystemFact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The scoring of one year: a pure function of a methodology definition and the facts snapshot, so the same
 * version on the same facts gives the same numbers, always. An indicator that does not apply to an
 * organisation, or lacks data, is left out of the denominator and the total rescaled to 100 over the weights
 * that did apply; it is shown as such, never as 0 or full marks. Numbers are rounded once, half up, here.
 */
public final class Scoring {

    public enum Status { SCORED, NOT_APPLICABLE, NO_DATA }

    /** A row the score came from, with a link to the record. */
    public record Evidence(String label, String link) {
    }

    /** One indicator of one organisation: the share of its weight earned (0–1), the points, inputs, formula and evidence. */
    public record IndicatorScore(String code, String name, String pillar, IndicatorKind kind, double weight, Status status, Double fraction,
                                 Double points, Map<String, Object> inputs, String formula, List<Evidence> evidence) {

        IndicatorScore corrected(double newFraction, String reason) {
            Map<String, Object> in = new LinkedHashMap<>(inputs);
            in.put("correctedFrom", fraction);
            in.put("correctionReason", reason);
            double f = round(newFraction, 6);
            return new IndicatorScore(code, name, pillar, kind, weight, Status.SCORED, f, round(f * weight, 3), in,
                    formula + " → " + pct(f), evidence);
        }
    }

    public record PillarScore(String code, String name, Double score, double weightApplied, double weightTotal) {
    }

    public record OrganisationScore(String organisationCode, String organisationName, PeerGroup peerGroup, Double total, String grade,
                                    Boolean passing, Integer rankOverall, Integer rankInGroup, List<PillarScore> pillars,
                                    List<IndicatorScore> indicators) {
    }

    private Scoring() {
    }

    /** Scores and ranks every organisation. */
    public static List<OrganisationScore> score(Definition definition, OrganisationFacts.Shared shared, List<OrganisationFacts> facts) {
        Peers peers = Peers.of(definition, facts);
        List<OrganisationScore> scored = new ArrayList<>(facts.size());
        for (OrganisationFacts f : facts) {
            List<IndicatorScore> indicators = new ArrayList<>();
            for (var pillar : definition.pillars()) {
                for (Indicator i : pillar.indicators()) {
                    indicators.add(indicator(pillar.code(), i, f, shared, peers));
                }
            }
            scored.add(total(definition, f.code(), f.name(), f.peerGroup(), indicators));
        }
        return rank(scored);
    }

    /** Totals, pillar scores and grade from indicator scores (also after a correction). */
    static OrganisationScore total(Definition definition, String code, String name, PeerGroup group, List<IndicatorScore> indicators) {
        List<PillarScore> pillars = new ArrayList<>();
        double points = 0;
        double applied = 0;
        for (var pillar : definition.pillars()) {
            double pPoints = 0;
            double pApplied = 0;
            double pTotal = 0;
            for (IndicatorScore s : indicators) {
                if (!s.pillar().equals(pillar.code())) {
                    continue;
                }
                pTotal += s.weight();
                if (s.status() == Status.SCORED) {
                    pPoints += s.points();
                    pApplied += s.weight();
                }
            }
            pillars.add(new PillarScore(pillar.code(), pillar.name(), pApplied == 0 ? null : round(pPoints / pApplied * 100, 3),
                    round(pApplied, 3), round(pTotal, 3)));
            points += pPoints;
            applied += pApplied;
        }
        Double total = applied == 0 ? null : round(points / applied * 100, 3);
        Methodology.GradeBand band = Methodology.grade(definition, total);
        return new OrganisationScore(code, name, group, total, band == null ? null : band.label(), band == null ? null : band.passing(),
                null, null, pillars, indicators);
    }

    /** Competition ranking (1, 2, 2, 4) by total, overall and within the peer group; no total, no rank. */
    static List<OrganisationScore> rank(List<OrganisationScore> scores) {
        Comparator<OrganisationScore> byTotal = Comparator.comparing(OrganisationScore::total, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(OrganisationScore::organisationCode);
        List<OrganisationScore> sorted = new ArrayList<>(scores);
        sorted.sort(byTotal);
        Map<String, Integer> overall = ranks(sorted);
        Map<String, Integer> inGroup = new HashMap<>();
        for (PeerGroup g : PeerGroup.values()) {
            inGroup.putAll(ranks(sorted.stream().filter(s -> s.peerGroup() == g).toList()));
        }
        return sorted.stream().map(s -> new OrganisationScore(s.organisationCode(), s.organisationName(), s.peerGroup(), s.total(), s.grade(),
                s.passing(), overall.get(s.organisationCode()), inGroup.get(s.organisationCode()), s.pillars(), s.indicators())).toList();
    }

    private static Map<String, Integer> ranks(List<OrganisationScore> sorted) {
        Map<String, Integer> out = new HashMap<>();
        Double previous = null;
        int rank = 0;
        for (int i = 0; i < sorted.size(); i++) {
            OrganisationScore s = sorted.get(i);
            if (s.total() == null) {
                break;
            }
            if (!s.total().equals(previous)) {
                rank = i + 1;
                previous = s.total();
            }
            out.put(s.organisationCode(), rank);
        }
        return out;
    }

    static IndicatorScore indicator(String pillar, Indicator i, OrganisationFacts f, OrganisationFacts.Shared shared, Peers peers) {
        Map<String, Object> in = new LinkedHashMap<>();
        List<Evidence> ev = new ArrayList<>();
        return switch (i.kind()) {
            case SYSTEM_SHARE -> {
                String predicate = i.parameter("predicate", "CONNECTED");
                // noData EXCLUDE: a must-connect system whose targets measured nothing in the year is left out (not counted as not
                // connected), and a year connection monitoring measured nothing at all is no data; absent: as first defined (kept so
                // that versions published before it reproduce)
                boolean excludeUnmeasured = predicate.equals("CONNECTED") && "EXCLUDE".equals(i.parameter("noData", null));
                if (excludeUnmeasured && Boolean.FALSE.equals(shared.connectionMeasured())) {
                    in.put("predicate", predicate);
                    yield none(pillar, i, Status.NO_DATA, in, "noConnectionMeasured", ev);
                }
                List<SystemFact> unmeasured = excludeUnmeasured
                        ? f.systems().stream().filter(base(predicate)).filter(s -> "NO_DATA".equals(s.connectedness())).toList() : List.of();
                List<SystemFact> base = f.systems().stream().filter(base(predicate)).filter(s -> !unmeasured.contains(s)).toList();
                List<SystemFact> met = base.stream().filter(test(predicate)).toList();
                in.put("predicate", predicate);
                in.put("systems", base.size());
                in.put("satisfying", met.size());
                base.forEach(s -> ev.add(new Evidence(s.code() + " " + s.name() + (met.contains(s) ? " ✓" : " ✗"), "/systems.html?code=" + s.code())));
                unmeasured.forEach(s -> ev.add(new Evidence(s.code() + " " + s.name() + " —", "/systems.html?code=" + s.code())));
                if (excludeUnmeasured) {
                    in.put("unmeasured", unmeasured.size());
                }
                if (base.isEmpty()) {
                    yield none(pillar, i, unmeasured.isEmpty() ? Status.NOT_APPLICABLE : Status.NO_DATA, in,
                            unmeasured.isEmpty() ? "noSystems" : "noConnectionMeasured", ev);
                }
                if (predicate.equals("CONNECTED") && base.stream().allMatch(s -> "NO_DATA".equals(s.connectedness()))) {
                    yield none(pillar, i, Status.NO_DATA, in, "noConnectionMeasured", ev);
                }
                yield scored(pillar, i, met.size() / (double) base.size(), in, met.size() + " / " + base.size(), ev);
            }
            case RESOURCE_SHARE -> {
                var mounted = f.resources().stream().filter(OrganisationFacts.ResourceFact::mounted).toList();
                in.put("resources", f.resources().size());
                in.put("mounted", mounted.size());
                f.resources().forEach(r -> ev.add(new Evidence(r.code() + " " + r.name() + (r.mounted() ? " ✓" : " ✗"),
                        "/catalogue.html?code=" + r.code())));
                if (f.resources().isEmpty()) {
                    // no catalogue compiled at all is a failure of the task, not "not applicable", for an organisation with systems
                    if (f.systems().isEmpty()) {
                        yield none(pillar, i, Status.NOT_APPLICABLE, in, "noSystemsNoCatalogue", ev);
                    }
                    yield scored(pillar, i, 0, in, "0 / 0", ev);
                }
                yield scored(pillar, i, mounted.size() / (double) f.resources().size(), in, mounted.size() + " / " + f.resources().size(), ev);
            }
            case AVAILABILITY -> {
                double floor = i.number("floor", 90);
                double target = i.number("target", 99);
                in.put("floorPercent", floor);
                in.put("targetPercent", target);
                ev.add(new Evidence("connection:" + f.code(), "/connections.html?organisation=" + f.code()));
                if (f.availability() == null || f.availability().ratio() == null) {
                    yield none(pillar, i, f.systems().isEmpty() ? Status.NOT_APPLICABLE : Status.NO_DATA, in, "nothingMeasured", ev);
                }
                double a = f.availability().ratio() * 100;
                in.put("availabilityPercent", round(a, 3));
                in.put("upSeconds", f.availability().upSeconds());
                in.put("downSeconds", f.availability().downSeconds());
                in.put("incidents", f.availability().incidents());
                yield scored(pillar, i, clamp((a - floor) / (target - floor)), in,
                        "(" + round(a, 3) + " − " + floor + ") / (" + target + " − " + floor + ")", ev);
            }
            case VOLUME -> {
                String direction = i.parameter("direction", "SERVED");
                String measure = i.parameter("measure", "RECORDS");
                in.put("direction", direction);
                in.put("measure", measure);
                ev.add(new Evidence("exchange:" + f.code(), "/exchange.html?organisation=" + f.code()));
                if (!shared.exchangeMeasured()) {
                    yield none(pillar, i, Status.NO_DATA, in, "noExchangeTraffic", ev);
                }
                long value = volume(f, direction, measure);
                in.put("value", value);
                Double reference = i.parameters() != null && i.parameters().containsKey("target") ? (Double) i.number("target", 1)
                        : peers.reference(i.code(), f.peerGroup());
                if (reference == null || reference <= 0) {
                    yield none(pillar, i, Status.NO_DATA, in, "noPeerTraffic", ev);
                }
                in.put("reference", round(reference, 3));
                yield scored(pillar, i, clamp(value / reference), in, "min(1, " + value + " / " + round(reference, 3) + ")", ev);
            }
            case SUCCESS_RATE -> {
                double floor = i.number("floor", 90);
                double target = i.number("target", 99.5);
                in.put("floorPercent", floor);
                in.put("targetPercent", target);
                ev.add(new Evidence("exchange:" + f.code(), "/exchange.html?organisation=" + f.code()));
                if (f.served() == null || f.served().calls() == 0) {
                    yield none(pillar, i, shared.exchangeMeasured() ? Status.NOT_APPLICABLE : Status.NO_DATA, in, "noCalls", ev);
                }
                double rate = (f.served().calls() - f.served().failedCalls()) * 100.0 / f.served().calls();
                in.put("calls", f.served().calls());
                in.put("failedCalls", f.served().failedCalls());
                in.put("successPercent", round(rate, 3));
                yield scored(pillar, i, clamp((rate - floor) / (target - floor)), in,
                        "(" + round(rate, 3) + " − " + floor + ") / (" + target + " − " + floor + ")", ev);
            }
            case TIMELINESS -> switch (i.parameter("subject", "REPORT")) {
                case "RESOURCES" -> refreshed(pillar, i, f, shared, in, ev);
                case "FILINGS" -> filings(pillar, i, f, in, ev);
                default -> report(pillar, i, f, shared, in, ev);
            };
            case CONSISTENCY -> {
                double penalty = i.number("penaltyPerDiscrepancy", 0.25);
                in.put("penaltyPerDiscrepancy", penalty);
                ev.add(new Evidence("annual-report:" + shared.year() + "/" + f.code(), "/annual-report.html?year=" + shared.year() + "&organisation=" + f.code()));
                if (f.report() == null || f.report().submission() == null
                        || !(f.report().submission().equals("ON_TIME") || f.report().submission().equals("LATE"))) {
                    yield none(pillar, i, Status.NO_DATA, in, "noSubmittedReport", ev);
                }
                int n = f.report().discrepancies().size();
                in.put("discrepancies", n);
                in.put("figures", f.report().discrepancies());
                yield scored(pillar, i, clamp(1 - n * penalty), in, "max(0, 1 − " + n + " × " + penalty + ")", ev);
            }
            case KEY_TASK_MILESTONES -> {
                LocalDate end = LocalDate.of(shared.year(), 12, 31);
                var due = f.milestones().stream().filter(m -> m.deadline() != null && !m.deadline().isAfter(end)).toList();
                var met = due.stream().filter(m -> m.metOn() != null && !m.metOn().isAfter(m.deadline())).toList();
                due.forEach(m -> ev.add(new Evidence(m.milestoneCode() + " " + m.title() + (met.contains(m) ? " ✓" : " ✗"),
                        "/tasks.html?code=" + m.taskCode())));
                in.put("due", due.size());
                in.put("metOnTime", met.size());
                if (due.isEmpty()) {
                    yield none(pillar, i, Status.NOT_APPLICABLE, in, "notLeadUnit", ev);
                }
                yield scored(pillar, i, met.size() / (double) due.size(), in, met.size() + " / " + due.size(), ev);
            }
            case MANUAL -> {
                OrganisationFacts.ManualFact m = f.manual() == null ? null : f.manual().get(i.code());
                if (m == null) {
                    yield none(pillar, i, Status.NO_DATA, in, "noManualValue", ev);
                }
                in.put("value", m.value());
                in.put("reason", m.reason());
                in.put("enteredBy", m.enteredBy());
                ev.add(new Evidence(m.evidence(), null));
                yield scored(pillar, i, clamp(m.value() / 100), in, m.value() + " / 100", ev);
            }
        };
    }

    /** TIMELINESS of the annual report: full on time, {@code lateShare} when late, nothing when missing. */
    private static IndicatorScore report(String pillar, Indicator i, OrganisationFacts f, OrganisationFacts.Shared shared, Map<String, Object> in,
                                         List<Evidence> ev) {
        double late = i.number("lateShare", 0.5);
        in.put("lateShare", late);
        ev.add(new Evidence("annual-report:" + shared.year() + "/" + f.code(), "/annual-report.html?year=" + shared.year() + "&organisation=" + f.code()));
        if (f.report() == null || f.report().submission() == null) {
            return none(pillar, i, Status.NO_DATA, in, "noReportWindow", ev);
        }
        String s = f.report().submission();
        in.put("submission", s);
        in.put("deadline", f.report().deadline() == null ? null : f.report().deadline().toString());
        return switch (s) {
            case "ON_TIME" -> scored(pillar, i, 1, in, "ON_TIME: 1", ev);
            case "LATE" -> scored(pillar, i, late, in, "LATE: " + late, ev);
            case "MISSING" -> scored(pillar, i, 0, in, "MISSING: 0", ev);
            default -> none(pillar, i, Status.NO_DATA, in, "reportPending", ev);
        };
    }

    /**
     * TIMELINESS of resources: each mounted resource with a periodic declared update cycle, over the span the platform could see
     * it, scores the share of its cycle's periods in which it delivered records (at most 1); the indicator is their mean. Resources
     * not mounted, or declared irregular, do not count; none left is "not applicable"; no platform traffic at all is "no data".
     */
    private static IndicatorScore refreshed(String pillar, Indicator i, OrganisationFacts f, OrganisationFacts.Shared shared, Map<String, Object> in,
                                            List<Evidence> ev) {
        in.put("subject", "RESOURCES");
        List<OrganisationFacts.ResourceFact> measured = f.resources().stream()
                .filter(r -> r.mounted() && expectedPeriods(r) > 0 && r.periodsWithData() != null).toList();
        in.put("resources", measured.size());
        if (!shared.exchangeMeasured()) {
            refreshEvidence(measured, ev);
            return none(pillar, i, Status.NO_DATA, in, "noExchangeTraffic", ev);
        }
        if (measured.isEmpty()) {
            return none(pillar, i, f.resources().stream().anyMatch(r -> r.mounted() && r.updateCycle() == null) ? Status.NO_DATA : Status.NOT_APPLICABLE,
                    in, "noPeriodicMountedResources", ev);
        }
        double sum = 0;
        int fully = 0;
        for (var r : measured) {
            int expected = expectedPeriods(r);
            double share = Math.min(1, r.periodsWithData() / (double) expected);
            sum += share;
            if (share >= 1) {
                fully++;
            }
        }
        refreshEvidence(measured, ev);
        in.put("refreshedEveryPeriod", fully);
        double fraction = sum / measured.size();
        return scored(pillar, i, fraction, in, "mean(min(1, periods with data / periods of the cycle)) over " + measured.size(), ev);
    }

    private static void refreshEvidence(List<OrganisationFacts.ResourceFact> measured, List<Evidence> ev) {
        measured.forEach(r -> ev.add(new Evidence(r.code() + " " + r.name() + " " + r.updateCycle() + " " + r.periodsWithData() + " / "
                + expectedPeriods(r), "/catalogue.html?code=" + r.code())));
    }

    /** The periods of the resource's declared cycle its measured span touches (0: not measurable, or no periodic cycle). */
    static int expectedPeriods(OrganisationFacts.ResourceFact r) {
        if (r.updateCycle() == null || r.measuredFrom() == null || r.measuredTo() == null || r.measuredTo().isBefore(r.measuredFrom())) {
            return 0;
        }
        LocalDate a = r.measuredFrom();
        LocalDate b = r.measuredTo();
        return switch (r.updateCycle()) {
            case "REAL_TIME", "DAILY" -> (int) (b.toEpochDay() - a.toEpochDay() + 1);
            case "WEEKLY" -> (int) ((monday(b).toEpochDay() - monday(a).toEpochDay()) / 7 + 1);
            case "MONTHLY" -> (b.getYear() * 12 + b.getMonthValue()) - (a.getYear() * 12 + a.getMonthValue()) + 1;
            case "QUARTERLY" -> (b.getYear() * 4 + (b.getMonthValue() - 1) / 3) - (a.getYear() * 4 + (a.getMonthValue() - 1) / 3) + 1;
            case "HALF_YEARLY" -> (b.getYear() * 2 + (b.getMonthValue() - 1) / 6) - (a.getYear() * 2 + (a.getMonthValue() - 1) / 6) + 1;
            case "YEARLY" -> b.getYear() - a.getYear() + 1;
            default -> 0;
        };
    }

    private static LocalDate monday(LocalDate d) {
        return d.minusDays(d.getDayOfWeek().getValue() - 1L);
    }

    /**
     * TIMELINESS of funding requests: of the organisation's filings for the budget year filed during the assessed year, the share
     * submitted within the filing window and complete. A draft still open while the window is open is pending (left out); a draft
     * left after the window closed was never filed and counts against. No filings: "not applicable"; no window: "no data".
     */
    private static IndicatorScore filings(String pillar, Indicator i, OrganisationFacts f, Map<String, Object> in, List<Evidence> ev) {
        in.put("subject", "FILINGS");
        OrganisationFacts.FilingFacts ff = f.filings();
        if (ff == null) {
            return none(pillar, i, Status.NO_DATA, in, "noFilingWindow", ev);
        }
        in.put("budgetYear", ff.budgetYear());
        in.put("windowOpensOn", String.valueOf(ff.opensOn()));
        in.put("windowClosesOn", String.valueOf(ff.closesOn()));
        var counted = ff.filings().stream().filter(x -> !"DRAFT".equals(x.status()) || ff.windowClosed()).toList();
        var good = counted.stream().filter(x -> !"DRAFT".equals(x.status()) && !x.late() && x.missing().isEmpty()).toList();
        counted.forEach(x -> ev.add(new Evidence("#" + x.id() + " " + x.name() + " " + x.status() + (x.late() ? " late" : "")
                + (x.missing().isEmpty() ? "" : " missing " + String.join(",", x.missing())) + (good.contains(x) ? " ✓" : " ✗"),
                "/filings.html?id=" + x.id())));
        in.put("filings", counted.size());
        in.put("completeAndOnTime", good.size());
        in.put("late", counted.stream().filter(OrganisationFacts.FilingFact::late).count());
        in.put("incomplete", counted.stream().filter(x -> !x.missing().isEmpty()).count());
        in.put("neverSubmitted", counted.stream().filter(x -> "DRAFT".equals(x.status())).count());
        if (counted.isEmpty()) {
            return none(pillar, i, ff.filings().isEmpty() ? Status.NOT_APPLICABLE : Status.NO_DATA, in,
                    ff.filings().isEmpty() ? "noFilings" : "filingWindowOpen", ev);
        }
        return scored(pillar, i, good.size() / (double) counted.size(), in, good.size() + " / " + counted.size(), ev);
    }

    private static Predicate<SystemFact> base(String predicate) {
        return switch (predicate) {
            case "CONNECTED" -> SystemFact::mustConnect;
            case "PROTECTED" -> s -> s.protectionLevel() != null && s.protectionLevel() > 0;
            default -> s -> true;
        };
    }

    private static Predicate<SystemFact> test(String predicate) {
        return switch (predicate) {
            case "EXTRANET" -> SystemFact::extranet;
            case "CLOUD" -> SystemFact::cloud;
            case "CONNECTED" -> s -> "CONNECTED".equals(s.connectedness());
            case "PROTECTED" -> SystemFact::protectionAssessed;
            case "NOT_ZOMBIE" -> s -> !s.countsAsZombie();
            default -> throw new IllegalArgumentException("Unknown predicate " + predicate);
        };
    }

    static long volume(OrganisationFacts f, String direction, String measure) {
        OrganisationFacts.Traffic t = "CONSUMED".equals(direction) ? f.consumed() : f.served();
        if (t == null) {
            return 0;
        }
        return "CALLS".equals(measure) ? t.calls() : t.records();
    }

    private static IndicatorScore scored(String pillar, Indicator i, double fraction, Map<String, Object> in, String formula, List<Evidence> ev) {
        double f = round(fraction, 6);
        return new IndicatorScore(i.code(), i.name(), pillar, i.kind(), i.weight(), Status.SCORED, f, round(f * i.weight(), 3), in,
                formula + " = " + pct(f), ev);
    }

    private static IndicatorScore none(String pillar, Indicator i, Status status, Map<String, Object> in, String why, List<Evidence> ev) {
        return new IndicatorScore(i.code(), i.name(), pillar, i.kind(), i.weight(), status, null, null, in, why, ev);
    }

    private static String pct(double f) {
        return round(f * 100, 2) + "%";
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    /** Peer references of VOLUME indicators: the peer group's value at the indicator's percentile, among those with any. */
    record Peers(Map<String, Map<PeerGroup, Double>> references) {

        static Peers of(Definition definition, List<OrganisationFacts> facts) {
            Map<String, Map<PeerGroup, Double>> refs = new HashMap<>();
            for (var pillar : definition.pillars()) {
                for (Indicator i : pillar.indicators()) {
                    if (i.kind() != IndicatorKind.VOLUME) {
                        continue;
                    }
                    double percentile = i.number("percentile", 75);
                    Map<PeerGroup, Double> byGroup = new EnumMap<>(PeerGroup.class);
                    for (PeerGroup g : PeerGroup.values()) {
                        List<Long> values = facts.stream().filter(f -> f.peerGroup() == g)
                                .map(f -> volume(f, i.parameter("direction", "SERVED"), i.parameter("measure", "RECORDS")))
                                .filter(v -> v > 0).sorted().toList();
                        if (!values.isEmpty()) {
                            int at = (int) Math.ceil(percentile / 100.0 * values.size()) - 1;
                            byGroup.put(g, (double) values.get(Math.max(0, Math.min(values.size() - 1, at))));
                        }
                    }
                    refs.put(i.code(), byGroup);
                }
            }
            return new Peers(refs);
        }

        Double reference(String indicator, PeerGroup group) {
            return references.getOrDefault(indicator, Map.of()).get(group);
        }
    }
}
