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

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

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
        String filingLink = "/filings.html?id=" + f.id();
        String row = "filing#" + f.id();
        facts.put("filing.type", Fact.of(f.projectType().name(), "filing", null, List.of(row), null, filingLink));
        boolean complete = f.status().filed() && f.missing().isEmpty();
        facts.put("filing.complete", Fact.of(complete, "filing",
                complete ? f.status().name() : f.status().name() + (f.missing().isEmpty() ? "" : "; " + String.join(", ", f.missing())),
                List.of(row), null, filingLink));
        facts.put("filing.late", Fact.of(f.late(), "filing", null, List.of(row), null, filingLink));
        facts.put("filing.network", Fact.of(f.network().name(), "filing", f.networkJustification(), List.of(row), null, filingLink));
        facts.put("filing.deployment", Fact.of(f.deployment().name(), "filing", null, List.of(row), null, filingLink));
        facts.put("filing.deploymentJustified", Fact.of(f.deploymentJustification() != null && !f.deploymentJustification().isBlank(),
                "filing", f.deploymentJustification(), List.of(row), null, filingLink));
        facts.put("filing.dataRoomWork", Fact.of(f.dataRoomWork().name(), "filing", null, List.of(row), null, filingLink));
        facts.put("filing.ownExchangePlatform", Fact.of(Boolean.TRUE.equals(f.ownExchangePlatform()), "filing", null, List.of(row), null, filingLink));
        facts.put("filing.protectionLevel", f.protectionLevel() == null ? Fact.missing("filing", "protection level not stated")
                : Fact.of(f.protectionLevel(), "filing", null, List.of(row), null, filingLink));
        facts.put("filing.plannedSystems", Fact.of(f.plannedSystems().size(), "filing", null, List.of(row), null, filingLink));
        facts.put("filing.providedResources", Fact.of(f.providedResources().size(), "filing",
                String.join(", ", f.providedResources()), List.of(row), null, filingLink));
        List<String> unshared = new ArrayList<>();
        for (String code : f.systemCodes()) {
            if (s.systems().containsKey(code) && s.mountedBySystem().getOrDefault(code, List.of()).isEmpty()) {
                unshared.add(code);
            }
        }
        facts.put("filing.unsharedSystems", Fact.of(unshared.size(), "catalogue",
                "registered systems of the filing with no resource mounted on the platform", unshared.stream().map(c -> "system:" + c).toList(),
                null, "/catalogue.html?organisation=" + f.organisationCode()));
        List<String> duplicates = new ArrayList<>();
        for (Filing.PlannedSystem p : f.plannedSystems()) {
            duplicates.addAll(s.systemsByOrgName().getOrDefault(f.organisationCode() + "\u0000" + (p.name() == null ? "" : p.name().strip()), List.of()));
        }
        facts.put("filing.duplicateSystems", Fact.of(duplicates.size(), "inventory",
                "planned systems with the name of a registered system of the organisation", duplicates.stream().map(c -> "system:" + c).toList(),
                null, "/systems.html?organisation=" + f.organisationCode()));
        Organisation org = s.organisations().get(f.organisationCode());
        facts.put("organisation.type", org == null ? Fact.missing("organisation", "organisation not active")
                : Fact.of(org.type().name(), "organisation", org.name(), List.of("organisation:" + org.code()), null,
                "/organisations.html?code=" + org.code()));
        Optional<AssessmentGrades.Grade> grade = s.grades().getOrDefault(f.organisationCode(), Optional.empty());
        facts.put("organisation.assessmentGrade", grade.map(g -> Fact.of(g.passing() ? "PASSING" : "FAILING", "assessment", g.label(),
                        List.of("assessment:" + g.organisationCode() + "/" + g.assessmentYear()), String.valueOf(g.assessmentYear()), g.link()))
                .orElse(Fact.missing("assessment", "no published assessment for " + (s.budgetYear() - 1))));

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
        String row = "system:" + code;
        facts.put("system.registered", Fact.of(system != null, "inventory", system == null ? "not an active system of the inventory" : system.name(),
                List.of(row), null, link));
        if (system == null) {
            return facts;
        }
        facts.put("system.mustConnect", Fact.of(Boolean.TRUE.equals(system.mustConnect()), "inventory", null, List.of(row), null, link));
        String period = s.from() + "/" + s.to();
        ConnectionFacts.SystemConnection c = s.connections().get(code);
        if (c == null || c.connectedness() == ConnectionFacts.Connectedness.NO_DATA) {
            facts.put("system.connected", new Fact(null, "connection", c == null ? "not measured" : "registered, no measured period",
                    c == null ? null : c.targets().stream().map(t -> "target:" + t.targetCode()).toList(), period, "/connection.html?system=" + code));
        } else {
            boolean connected = c.connectedness() == ConnectionFacts.Connectedness.CONNECTED;
            String detail = c.connectedness().name() + (c.availability() == null ? "" : String.format(" availability %.2f%% (threshold %.1f%%)",
                    c.availability() * 100, c.thresholdPercent()))
                    + (c.declaredConnectedOn() != null ? "; declared connected on " + c.declaredConnectedOn() : "")
                    + (c.disagreement() ? "; measured and declared disagree" : "");
            facts.put("system.connected", Fact.of(connected, "connection", detail,
                    c.targets().stream().map(t -> "target:" + t.targetCode()).toList(), period, "/connection.html?system=" + code));
        }
        List<String> mounted = s.mountedBySystem().getOrDefault(code, List.of());
        facts.put("system.sharedResources", Fact.of(mounted.size(), "catalogue", "resources mounted on the platform",
                mounted.stream().map(r -> "resource:" + r).toList(), null, "/catalogue.html?q=" + code));
        Zombies.Candidate z = s.candidates().get(code);
        boolean declaredZombie = system.lifecycleStatus() == InformationSystem.LifecycleStatus.ZOMBIE;
        boolean candidate = z != null && z.decision() != Zombies.Decision.DISMISSED
                && (z.decision() == Zombies.Decision.CONFIRMED || z.confidence() != Zombies.Confidence.LOW);
        facts.put("system.zombie", Fact.of(declaredZombie || candidate, z != null ? "exchange" : "inventory",
                declaredZombie ? "declared ZOMBIE in the inventory" : z == null ? "not a zombie candidate"
                        : z.reason() + " (confidence " + z.confidence() + (z.decision() == null ? "" : ", " + z.decision()) + ")",
                List.of(row), z == null ? null : "last traffic " + z.lastTraffic() + ", last successful check " + z.lastSuccessfulCheck(),
                "/exchange.html#zombies"));
        boolean onPrivate = system.network() == InformationSystem.NetworkType.PRIVATE_NETWORK;
        facts.put("system.onPrivateNetwork", Fact.of(onPrivate, "inventory", system.privateNetworkCode(), List.of(row), null, link));
        if (onPrivate) {
            PrivateNetwork n = system.privateNetworkCode() == null ? null : s.networks().get(system.privateNetworkCode());
            facts.put("system.privateNetworkUtilisation", n == null || n.utilisationPercent() == null
                    ? Fact.missing("facility", n == null ? "private network not registered" : "utilisation of " + n.code() + " not measured")
                    : Fact.of(n.utilisationPercent(), "facility", n.name(), List.of("network:" + n.code()),
                    n.utilisationMeasuredOn() == null ? null : n.utilisationMeasuredOn().toString(), "/networks.html?code=" + n.code()));
        }
        facts.put("system.protectionLevel", system.protectionLevel() == null
                ? Fact.missing("inventory", "no classified-protection filing recorded")
                : Fact.of(system.protectionLevel(), "inventory", system.protectionAssessedOn() == null ? null
                : "assessed on " + system.protectionAssessedOn(), List.of(row), null, link));
        return facts;
    }

    static Set<String> organisations(List<Filing> filings) {
        Set<String> out = new HashSet<>();
        filings.forEach(f -> out.add(f.organisationCode()));
        return out;
    }
}
