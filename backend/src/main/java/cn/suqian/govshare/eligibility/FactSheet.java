package cn.suqian.govshare.eligibility;

import cn.suqian.govshare.catalogue.Catalogue;
import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.exchange.Zombies;
import cn.suqian.govshare.facility.PrivateNetwork;
import cn.suqian.govshare.facility.PrivateNetworks;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.organisation.Organisations;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers the facts the rules read, from the registries and from what GovShare measured — never from a
 * self-declared checkbox where a measurement exists: "connected" is connection monitoring's published fact with
 * its evidence (availability over the last {@code govshare.eligibility.connection-days}), zombies are exchange's
 * candidates (traffic and probes), shared resources are the catalogue's mounted resources, network utilisation is
 * the facility registry's measured figure, the assessment grade comes through {@link AssessmentGrades}. A fact
 * nobody can state is left missing, with why.
 */
@Component
class FactSheet {

    static final ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;

    private final Inventory inventory;
    private final Organisations organisations;
    private final Catalogue catalogue;
    private final ConnectionFacts connection;
    private final Zombies zombies;
    private final PrivateNetworks networks;
    private final ObjectProvider<AssessmentGrades> grades;
    private final int connectionDays;

    FactSheet(Inventory inventory, Organisations organisations, Catalogue catalogue, ConnectionFacts connection, Zombies zombies,
              PrivateNetworks networks, ObjectProvider<AssessmentGrades> grades,
              @Value("${govshare.eligibility.connection-days:90}") int connectionDays) {
        this.inventory = inventory;
        this.organisations = organisations;
        this.catalogue = catalogue;
        this.connection = connection;
        this.zombies = zombies;
        this.networks = networks;
        this.grades = grades;
        this.connectionDays = connectionDays;
    }

    /** What the registries and measurements say now, read once for a whole recompute. */
    record Snapshot(int budgetYear, Map<String, InformationSystem> systems, Map<String, List<String>> systemsByOrgName,
                    Map<String, Organisation> organisations, Map<String, List<String>> mountedBySystem,
                    Map<String, ConnectionFacts.SystemConnection> connections, Map<String, Zombies.Candidate> candidates,
                    Map<String, PrivateNetwork> networks, Map<String, Optional<AssessmentGrades.Grade>> grades, LocalDate from, LocalDate to) {
    }

    Snapshot snapshot(DSLContext dsl, int year, Set<String> organisationCodes) {
        Map<String, InformationSystem> systems = new HashMap<>();
        Map<String, List<String>> byName = new HashMap<>();
        for (InformationSystem s : inventory.activeSystems(dsl)) {
            systems.put(s.code(), s);
            byName.computeIfAbsent(s.organisationCode() + "\u0000" + s.name(), k -> new ArrayList<>()).add(s.code());
        }
        Map<String, Organisation> orgs = new HashMap<>();
        organisations.active(dsl).forEach(o -> orgs.put(o.code(), o));
        Map<String, List<String>> mounted = new HashMap<>();
        catalogue.mounted(dsl).forEach(r -> {
            if (r.sourceSystemCode() != null) {
                mounted.computeIfAbsent(r.sourceSystemCode(), k -> new ArrayList<>()).add(r.code());
            }
        });
        LocalDate to = LocalDate.now(ZONE);
        LocalDate from = to.minusDays(connectionDays);
        Map<String, ConnectionFacts.SystemConnection> connections = connection.connected(dsl, from, to);
        Map<String, Zombies.Candidate> candidates = new HashMap<>();
        zombies.candidates(dsl, OffsetDateTime.now(), null).forEach(c -> candidates.put(c.systemCode(), c));
        Map<String, PrivateNetwork> nets = new HashMap<>();
        networks.active(dsl).forEach(n -> nets.put(n.code(), n));
        Map<String, Optional<AssessmentGrades.Grade>> g = new HashMap<>();
        AssessmentGrades source = grades.getIfAvailable();
        for (String org : organisationCodes) {
            g.put(org, source == null ? Optional.empty() : source.grade(dsl, org, year - 1));
        }
        return new Snapshot(year, systems, byName, orgs, mounted, connections, candidates, nets, g, from, to);
    }

    /** The facts of one request under the snapshot. */
    RuleEngine.Facts facts(Snapshot s, Filing f) {
        Map<String, Fact> facts = new LinkedHashMap<>();
        String link = "/filings.html?id=" + f.id();
        List<String> row = List.of("filing:" + f.id());
        facts.put("filing.type", Fact.stated(f.projectType().name(), "filing", null, row, link));
        boolean complete = f.status().filed() && f.missing().isEmpty();
        facts.put("filing.complete", Fact.of(complete, "filing", complete ? "filed" : "notFiled",
                Map.of("status", f.status().name(), "missing", String.join(", ", f.missing())), null, row, null, link));
        facts.put("filing.late", Fact.stated(f.late(), "filing", null, row, link));
        facts.put("filing.network", Fact.stated(f.network().name(), "filing", f.networkJustification(), row, link));
        facts.put("filing.deployment", Fact.stated(f.deployment().name(), "filing", null, row, link));
        facts.put("filing.deploymentJustified", Fact.stated(f.deploymentJustification() != null && !f.deploymentJustification().isBlank(),
                "filing", f.deploymentJustification(), row, link));
        facts.put("filing.dataRoomWork", Fact.stated(f.dataRoomWork().name(), "filing", null, row, link));
        facts.put("filing.ownExchangePlatform", Fact.stated(Boolean.TRUE.equals(f.ownExchangePlatform()), "filing", null, row, link));
        facts.put("filing.protectionLevel", f.protectionLevel() == null ? Fact.missing("filing", "protectionLevelNotStated", null)
                : Fact.stated(f.protectionLevel(), "filing", null, row, link));
        facts.put("filing.plannedSystems", Fact.stated(f.plannedSystems().size(), "filing", null, row, link));
        facts.put("filing.providedResources", Fact.stated(f.providedResources().size(), "filing", String.join(", ", f.providedResources()),
                row, link));
        List<String> unshared = new ArrayList<>();
        for (String code : f.systemCodes()) {
            if (s.systems().containsKey(code) && s.mountedBySystem().getOrDefault(code, List.of()).isEmpty()) {
                unshared.add(code);
            }
        }
        facts.put("filing.unsharedSystems", Fact.of(unshared.size(), "catalogue", "unsharedSystems", null, null,
                unshared.stream().map(c -> "system:" + c).toList(), null, "/catalogue.html?organisation=" + f.organisationCode()));
        List<String> duplicates = new ArrayList<>();
        for (Filing.PlannedSystem p : f.plannedSystems()) {
            duplicates.addAll(s.systemsByOrgName().getOrDefault(f.organisationCode() + "\u0000" + (p.name() == null ? "" : p.name().strip()), List.of()));
        }
        facts.put("filing.duplicateSystems", Fact.of(duplicates.size(), "inventory", "duplicateSystems", null, null,
                duplicates.stream().map(c -> "system:" + c).toList(), null, "/systems.html?organisation=" + f.organisationCode()));
        Organisation org = s.organisations().get(f.organisationCode());
        facts.put("organisation.type", org == null ? Fact.missing("organisation", "organisationNotActive", null)
                : Fact.stated(org.type().name(), "organisation", org.name(), List.of("organisation:" + org.code()),
                "/organisations.html?code=" + org.code()));
        Optional<AssessmentGrades.Grade> grade = s.grades().getOrDefault(f.organisationCode(), Optional.empty());
        facts.put("organisation.assessmentGrade", grade.map(g -> Fact.of(g.passing() ? "PASSING" : "FAILING", "assessment", null, null, g.label(),
                        List.of("assessment:" + g.organisationCode() + "/" + g.assessmentYear()), String.valueOf(g.assessmentYear()), g.link()))
                .orElse(Fact.missing("assessment", "noAssessment", Map.of("year", s.budgetYear() - 1))));

        Map<String, Map<String, Fact>> systems = new LinkedHashMap<>();
        for (String code : f.systemCodes()) {
            systems.put(code, systemFacts(s, code));
        }
        return new RuleEngine.Facts(facts, systems);
    }

    private Map<String, Fact> systemFacts(Snapshot s, String code) {
        Map<String, Fact> facts = new LinkedHashMap<>();
        InformationSystem system = s.systems().get(code);
        String link = "/systems.html?code=" + code;
        List<String> row = List.of("system:" + code);
        facts.put("system.registered", system == null ? Fact.of(false, "inventory", "notActiveSystem", null, null, row, null, link)
                : Fact.stated(true, "inventory", system.name(), row, link));
        if (system == null) {
            return facts;
        }
        facts.put("system.mustConnect", Fact.stated(Boolean.TRUE.equals(system.mustConnect()), "inventory", null, row, link));
        String period = s.from() + "/" + s.to();
        String connectionLink = "/connection.html?system=" + code;
        ConnectionFacts.SystemConnection c = s.connections().get(code);
        if (c == null || c.connectedness() == ConnectionFacts.Connectedness.NO_DATA) {
            facts.put("system.connected", new Fact(null, "connection", c == null ? "notMeasured" : "noMeasuredPeriod", null, null,
                    c == null ? null : c.targets().stream().map(t -> "target:" + t.targetCode()).toList(), period, connectionLink));
        } else {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("state", c.connectedness().name());
            params.put("availability", c.availability() == null ? "—" : String.format("%.2f", c.availability() * 100));
            params.put("threshold", String.format("%.1f", c.thresholdPercent()));
            params.put("declared", c.declaredConnectedOn() == null ? "—" : c.declaredConnectedOn().toString());
            facts.put("system.connected", Fact.of(c.connectedness() == ConnectionFacts.Connectedness.CONNECTED, "connection",
                    c.disagreement() ? "connectionDisagrees" : "connection", params, null,
                    c.targets().stream().map(t -> "target:" + t.targetCode()).toList(), period, connectionLink));
        }
        List<String> mounted = s.mountedBySystem().getOrDefault(code, List.of());
        facts.put("system.sharedResources", Fact.of(mounted.size(), "catalogue", "mountedResources", null, null,
                mounted.stream().map(r -> "resource:" + r).toList(), null, "/catalogue.html?q=" + code));
        Zombies.Candidate z = s.candidates().get(code);
        boolean declaredZombie = system.lifecycleStatus() == InformationSystem.LifecycleStatus.ZOMBIE;
        boolean candidate = z != null && z.decision() != Zombies.Decision.DISMISSED
                && (z.decision() == Zombies.Decision.CONFIRMED || z.confidence() != Zombies.Confidence.LOW);
        Map<String, Object> zp = new LinkedHashMap<>();
        if (z != null) {
            zp.put("confidence", z.confidence().name());
            zp.put("decision", z.decision() == null ? "—" : z.decision().name());
            zp.put("lastTraffic", z.lastTraffic() == null ? "—" : z.lastTraffic().toLocalDate().toString());
            zp.put("lastCheck", z.lastSuccessfulCheck() == null ? "—" : z.lastSuccessfulCheck().toLocalDate().toString());
        }
        facts.put("system.zombie", Fact.of(declaredZombie || candidate, z != null ? "exchange" : "inventory",
                declaredZombie ? "zombieDeclared" : z == null ? "zombieNone" : "zombieCandidate", zp, null, row, null, "/exchange.html#zombies"));
        boolean onPrivate = system.network() == InformationSystem.NetworkType.PRIVATE_NETWORK;
        facts.put("system.onPrivateNetwork", Fact.stated(onPrivate, "inventory", system.privateNetworkCode(), row, link));
        if (onPrivate) {
            PrivateNetwork n = system.privateNetworkCode() == null ? null : s.networks().get(system.privateNetworkCode());
            facts.put("system.privateNetworkUtilisation", n == null ? Fact.missing("facility", "networkNotRegistered", null)
                    : n.utilisationPercent() == null ? Fact.missing("facility", "utilisationNotMeasured", Map.of("network", n.name()))
                    : Fact.of(n.utilisationPercent(), "facility", null, null, n.name(), List.of("network:" + n.code()),
                    n.utilisationMeasuredOn() == null ? null : n.utilisationMeasuredOn().toString(), "/networks.html?code=" + n.code()));
        }
        facts.put("system.protectionLevel", system.protectionLevel() == null ? Fact.missing("inventory", "noProtectionFiling", null)
                : Fact.of(system.protectionLevel(), "inventory", system.protectionAssessedOn() == null ? null : "protectionAssessed",
                system.protectionAssessedOn() == null ? null : Map.of("date", system.protectionAssessedOn().toString()), null, row, null, link));
        return facts;
    }

    static Set<String> organisations(List<Filing> filings) {
        Set<String> out = new HashSet<>();
        filings.forEach(f -> out.add(f.organisationCode()));
        return out;
    }
}
