package cn.suqian.govshare.assessment;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.assessment.OrganisationFacts.Availability;
import cn.suqian.govshare.assessment.OrganisationFacts.ManualFact;
import cn.suqian.govshare.assessment.OrganisationFacts.MilestoneFact;
import cn.suqian.govshare.assessment.OrganisationFacts.Report;
import cn.suqian.govshare.assessment.OrganisationFacts.ResourceFact;
import cn.suqian.govshare.assessment.OrganisationFacts.SystemFact;
import cn.suqian.govshare.assessment.OrganisationFacts.Traffic;
import cn.suqian.govshare.catalogue.Catalogue;
import cn.suqian.govshare.connection.ConnectionFacts;
import cn.suqian.govshare.exchange.ExchangeQueries;
import cn.suqian.govshare.exchange.Zombies;
import cn.suqian.govshare.filing.Filing;
import cn.suqian.govshare.filing.Filings;
import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.keytask.KeyTask;
import cn.suqian.govshare.keytask.KeyTaskService;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.report.AnnualReport;
import cn.suqian.govshare.report.AnnualReports;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a year's facts for every assessed organisation (departments, counties/districts and zones; not the city
 * itself) from the capabilities' published APIs — never their tables — inside the caller's transaction.
 */
@Component
class AssessmentFacts {

    static final ZoneId ZONE = cn.suqian.govshare.web.CityCalendar.ZONE;
    private static final CurrentUser OFFICE = new CurrentUser("system:assessment", "assessment", Role.EGOV_ADMIN, null);

    private final Organisations organisations;
    private final Inventory inventory;
    private final Catalogue catalogue;
    private final ConnectionFacts connection;
    private final ExchangeQueries exchange;
    private final AnnualReports reports;
    private final KeyTaskService tasks;
    private final AssessmentRepository repository;
    private final Zombies zombies;
    private final Filings filings;

    AssessmentFacts(Organisations organisations, Inventory inventory, Catalogue catalogue, ConnectionFacts connection, ExchangeQueries exchange,
                    AnnualReports reports, KeyTaskService tasks, AssessmentRepository repository, Zombies zombies, Filings filings) {
        this.zombies = zombies;
        this.filings = filings;

        this.organisations = organisations;
        this.inventory = inventory;
        this.catalogue = catalogue;
        this.connection = connection;
        this.exchange = exchange;
        this.reports = reports;
        this.tasks = tasks;
        this.repository = repository;
    }

    record Snapshot(OrganisationFacts.Shared shared, List<OrganisationFacts> organisations) {
    }

    Snapshot read(DSLContext dsl, int year, Consumer<String> progress) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = from.plusYears(1);
        List<Organisation> orgs = organisations.active(dsl).stream().filter(o -> o.type() != OrganisationType.CITY).toList();

        LocalDate today = LocalDate.now(ZONE);
        progress.accept("systems");
        Map<String, ConnectionFacts.SystemConnection> connected = connection.connected(dsl, from, to);
        Map<String, Zombies.Candidate> candidates = new HashMap<>();
        zombies.candidates(dsl, OffsetDateTime.now(), null).forEach(c -> candidates.put(c.systemCode(), c));
        Map<String, List<SystemFact>> systems = new HashMap<>();
        for (InformationSystem s : inventory.activeSystems(dsl)) {
            var c = connected.get(s.code());
            var z = candidates.get(s.code());
            systems.computeIfAbsent(s.organisationCode(), k -> new ArrayList<>()).add(new SystemFact(s.code(), s.name(),
                    s.network() == InformationSystem.NetworkType.EGOV_EXTRANET, s.deployment() == InformationSystem.Deployment.GOV_CLOUD,
                    Boolean.TRUE.equals(s.mustConnect()), c == null ? "NOT_REGISTERED" : c.connectedness().name(), s.protectionLevel(),
                    s.protectionLevel() != null && s.protectionAssessedOn() != null && s.protectionAssessedOn().isBefore(to),
                    s.lifecycleStatus() == InformationSystem.LifecycleStatus.ZOMBIE, z == null ? null : candidate(z),
                    z == null ? null : z.confidence().name()));
        }
        // refresh: the periods of its declared cycle in which each mounted resource delivered records through the platform, over
        // the part of the year the platform's traffic was observed and the resource was mounted (the catalogue keeps no refresh
        // timestamps of its own; delivery through the platform is the stored fact that measures it)
        LocalDate lastDay = (today.isBefore(to) ? today : to).minusDays(1);
        var activity = exchange.resourceActivity(dsl, from, to);
        Map<String, List<ResourceFact>> resources = new HashMap<>();
        catalogue.active(dsl).forEach(r -> {
            LocalDate start = from;
            if (activity.observedFrom() == null) {
                start = null;
            } else if (activity.observedFrom().isAfter(start)) {
                start = activity.observedFrom();
            }
            if (start != null && r.mountedSince() != null && r.mountedSince().isAfter(start)) {
                start = r.mountedSince();
            }
            boolean measurable = r.mounted() && start != null && !start.isAfter(lastDay);
            var a = activity.resources().get(r.code());
            resources.computeIfAbsent(r.providerOrganisationCode(), k -> new ArrayList<>())
                    .add(new ResourceFact(r.code(), r.name(), r.mounted(), r.updateCycle(), r.mountedSince(), measurable ? start : null,
                            measurable ? lastDay : null, measurable ? periods(r.updateCycle(), a) : null));
        });

        progress.accept("connection");
        Map<String, Availability> availability = new HashMap<>();
        Map<String, ConnectionFacts.OrganisationAvailability> measured = connection.availabilities(dsl, from, to);
        for (Organisation o : orgs) {
            var a = measured.get(o.code());
            availability.put(o.code(), a == null ? new Availability(null, 0, 0, 0)
                    : new Availability(a.availability(), a.upSeconds(), a.downSeconds(), a.incidents()));
        }

        progress.accept("exchange");
        var summary = exchange.summary(dsl, from.atStartOfDay(ZONE).toOffsetDateTime(), to.atStartOfDay(ZONE).toOffsetDateTime(), null);
        Map<String, ExchangeQueries.OrganisationFigures> traffic = new HashMap<>();
        summary.organisations().forEach(f -> traffic.put(f.organisation(), f));
        boolean exchangeMeasured = summary.total() != null && summary.total().calls() > 0;

        progress.accept("reports");
        var window = reports.windows(dsl).stream().filter(w -> w.year() == year).findFirst();
        Map<String, AnnualReport.Submission> submissions = window.isPresent() ? reports.submissions(dsl, year) : Map.of();
        Map<String, List<String>> discrepancies = new HashMap<>();
        if (window.isPresent()) {
            reports.discrepancies(dsl, year).forEach(d -> discrepancies.computeIfAbsent(d.organisationCode(), k -> new ArrayList<>())
                    .add(d.section() + "." + d.figure()));
        }

        progress.accept("tasks");
        Map<String, List<MilestoneFact>> milestones = new HashMap<>();
        for (KeyTask t : tasks.list(dsl, OFFICE)) {
            for (String lead : t.leadOrganisationCodes()) {
                for (KeyTask.Milestone m : t.milestones()) {
                    milestones.computeIfAbsent(lead, k -> new ArrayList<>())
                            .add(new MilestoneFact(t.code(), m.code(), m.title(), m.deadline(), m.metOn()));
                }
            }
        }
        Map<String, Map<String, ManualFact>> manual = repository.manualValues(dsl, year);

        // funding requests filed during the assessed year: those of the next budget year, in its filing window
        progress.accept("filings");
        int budgetYear = year + 1;
        var filingWindow = filings.window(dsl, budgetYear);
        Map<String, List<OrganisationFacts.FilingFact>> filed = new HashMap<>();
        if (filingWindow.isPresent()) {
            for (Filing f : filings.ofYear(dsl, budgetYear)) {
                filed.computeIfAbsent(f.organisationCode(), k -> new ArrayList<>()).add(new OrganisationFacts.FilingFact(f.id(), f.name(),
                        f.status() == null ? null : f.status().name(), f.submittedAt(), f.late(), f.missing() == null ? List.of() : f.missing()));
            }
        }

        List<OrganisationFacts> out = new ArrayList<>(orgs.size());
        for (Organisation o : orgs) {
            var t = traffic.get(o.code());
            AnnualReport.Submission submission = submissions.get(o.code());
            out.add(new OrganisationFacts(o.code(), o.name(), PeerGroup.of(o.type()), systems.getOrDefault(o.code(), List.of()),
                    resources.getOrDefault(o.code(), List.of()), availability.get(o.code()),
                    t == null ? new Traffic(0, 0, 0) : new Traffic(t.provided().calls(), t.provided().failedCalls(), t.provided().records()),
                    t == null ? new Traffic(0, 0, 0) : new Traffic(t.consumed().calls(), t.consumed().failedCalls(), t.consumed().records()),
                    window.isEmpty() ? null : new Report(submission == null ? null : submission.name(), window.get().deadline(),
                            discrepancies.getOrDefault(o.code(), List.of())),
                    milestones.getOrDefault(o.code(), List.of()), manual.getOrDefault(o.code(), Map.of()),
                    filingWindow.map(w -> new OrganisationFacts.FilingFacts(budgetYear, w.opensOn(), w.closesOn(), w.closesOn().isBefore(today),
                            filed.getOrDefault(o.code(), List.of()))).orElse(null)));
        }
        boolean connectionMeasured = connected.values().stream().anyMatch(c -> c.connectedness() == ConnectionFacts.Connectedness.CONNECTED
                || c.connectedness() == ConnectionFacts.Connectedness.NOT_CONNECTED);
        return new Snapshot(new OrganisationFacts.Shared(year, exchangeMeasured, window.isPresent(), connectionMeasured), out);
    }

    /** A measured zombie candidate as the assessment counts it (as eligibility's rule R9 does: low confidence is provisional). */
    static String candidate(Zombies.Candidate z) {
        if (z.decision() == Zombies.Decision.CONFIRMED) {
            return "CONFIRMED";
        }
        if (z.decision() == Zombies.Decision.DISMISSED) {
            return "DISMISSED";
        }
        return z.confidence() == Zombies.Confidence.LOW ? "LOW" : "CANDIDATE";
    }

    /** The periods of the declared cycle in which the resource delivered records (REAL_TIME counts days; IRREGULAR has no periods). */
    static int periods(String cycle, ExchangeQueries.ResourceActivity a) {
        if (a == null || cycle == null) {
            return 0;
        }
        return switch (cycle) {
            case "REAL_TIME", "DAILY" -> a.days();
            case "WEEKLY" -> a.weeks();
            case "MONTHLY" -> a.months();
            case "QUARTERLY" -> a.quarters();
            case "HALF_YEARLY" -> a.halfYears();
            case "YEARLY" -> a.days() > 0 ? 1 : 0;
            default -> 0;
        };
    }
}
