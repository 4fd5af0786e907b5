package cn.suqian.govshare.demo;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.assessment.AssessmentRun;
import cn.suqian.govshare.assessment.Assessments;
import cn.suqian.govshare.assessment.Challenge;
import cn.suqian.govshare.assessment.MethodologyService;
import cn.suqian.govshare.assessment.PublicationState;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * The demo city's assessments, made through the same service calls the office's and departments' requests make:
 * 2024 run, published and final; 2025 run, published, challenged (one correction accepted, one rejected) and final
 * (with each organisation's movement since 2024); 2026 a draft, with a second
 * methodology version to compare in the what-if page. Manual "online services" values are entered with evidence.
 * The draft is run at start-up, before the simulated exchange has pushed its days of traffic and before the demo's
 * probes have measured anything, so its measured indicators would say "no data": once the simulator says its
 * back-fill is in, the office's draft is run once more (the same call the office's "run" button makes).
 */
@Component
@Order(45)
@ConditionalOnProperty(name = "govshare.demo.enabled", havingValue = "true")
class AssessmentDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AssessmentDemo.class);
    static final int LAST_YEAR = 2025;

    private final Assessments assessments;
    private final MethodologyService methodologies;
    private final Organisations organisations;
    private final Db db;

    AssessmentDemo(Assessments assessments, MethodologyService methodologies, Organisations organisations, Db db) {
        this.assessments = assessments;
        this.methodologies = methodologies;
        this.organisations = organisations;
        this.db = db;
    }

    @Override
    public void run(ApplicationArguments args) {
        load(LAST_YEAR);
    }

    /**
     * Loads the demo's three assessment years ({@code lastYear} − 1, {@code lastYear}, {@code lastYear} + 1), or finishes
     * loading them: every step is skipped once its year is past it, so a first start killed half-way through (a year
     * final, the next not yet published) is completed by the next start instead of failing it on a final year.
     */
    void load(int lastYear) {
        Actor office = RegistryDemoData.OFFICE.actor();
        int thisYear = lastYear + 1;
        if (state(lastYear) == PublicationState.FINAL && !officialRuns(thisYear).isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<Organisation> orgs = db.inTransaction(office, organisations::active).stream().filter(o -> o.type() != OrganisationType.CITY).toList();
        // the city's calendar day, as the assessment judges its challenge window: with the machine's zone (UTC) the
        // demo published a window ending "today" that had already closed in Suqian after 16:00 UTC, and the start failed
        LocalDate today = cn.suqian.govshare.web.CityCalendar.today();
        // the year before: run on what was stored for it, published and final without challenges, so that the last
        // year's ranking shows each organisation's movement since then
        if (state(lastYear - 1) == PublicationState.DRAFT) {
            enterOnlineServices(office, orgs, lastYear - 1);
            db.inTransaction(office, dsl -> assessments.run(dsl, office, lastYear - 1, null));
            db.inTransaction(office, dsl -> assessments.publish(dsl, office, lastYear - 1, new Assessments.PublishInput(today)));
        }
        if (state(lastYear - 1) == PublicationState.PUBLISHED) {
            db.inTransaction(office, dsl -> assessments.finalise(dsl, office, lastYear - 1));
        }
        if (state(lastYear) == PublicationState.DRAFT) {
            enterOnlineServices(office, orgs, lastYear);
            db.inTransaction(office, dsl -> assessments.run(dsl, office, lastYear, null));
            db.inTransaction(office, dsl -> assessments.publish(dsl, office, lastYear, new Assessments.PublishInput(today)));
        }
        if (state(lastYear) == PublicationState.PUBLISHED) {
            challengeAndFinalise(office, orgs, lastYear);
        }
        // this year: a draft, and a second version to compare (data sharing weighted higher)
        if (officialRuns(thisYear).isEmpty()) {
            enterOnlineServices(office, orgs, thisYear);
            db.inTransaction(office, dsl -> assessments.run(dsl, office, thisYear, null));
            db.inTransaction(office, dsl -> methodologies.importYaml(dsl, office, thisYear, MethodologyService.defaultYaml()
                            .replace("weight: 12, parameters: {predicate: CONNECTED", "weight: 20, parameters: {predicate: CONNECTED")
                            .replace("weight: 8, parameters: {direction: SERVED", "weight: 12, parameters: {direction: SERVED"),
                    "征求意见稿：提高“须接入系统实际接入”和“提供数据量”权重"));
        }
        log.info("DEMO MODE: assessments {} and {} (final) and {} (draft) in {} ms", lastYear - 1, lastYear, thisYear,
                (System.nanoTime() - started) / 1_000_000);
    }

    private PublicationState state(int year) {
        return db.inTransaction(RegistryDemoData.OFFICE.actor(), dsl -> assessments.yearView(dsl, year).state());
    }

    private List<AssessmentRun> officialRuns(int year) {
        return official(db.inTransaction(RegistryDemoData.OFFICE.actor(), dsl -> assessments.yearView(dsl, year).runs()));
    }

    /** A year's official runs (not the comparison versions). */
    private static List<AssessmentRun> official(List<AssessmentRun> runs) {
        return runs.stream().filter(r -> r.purpose() == AssessmentRun.Purpose.OFFICIAL).toList();
    }

    /** The office's checked "online services" values of a year, as it enters them (one organisation in five unchecked). */
    private void enterOnlineServices(Actor office, List<Organisation> orgs, int year) {
        int i = 0;
        for (Organisation o : orgs) {
            i++;
            if (i % 5 == 0) {
                continue; // not every organisation's online services were checked: no data, left out
            }
            double value = 55 + (i * 37 + year) % 45;
            db.inTransaction(office, dsl -> {
                assessments.putManual(dsl, office, year, new Assessments.ManualInput(o.code(), "onlineServices", value,
                        "江苏政务服务网事项清单核查（" + year + "年12月）", "电子政务办年度核查"));
                return null;
            });
        }
    }

    /**
     * Two departments object to the published year; the office accepts one with a correction and rejects the other,
     * then makes the year final. A challenge already filed (a start interrupted after it) is not filed again, one
     * already decided not decided again.
     */
    private void challengeAndFinalise(Actor office, List<Organisation> orgs, int year) {
        String accepted = "water";
        String rejected = "transport";
        for (String org : List.of(accepted, rejected)) {
            boolean filed = db.inTransaction(office, dsl -> assessments.challenges(dsl, year)).stream()
                    .anyMatch(c -> c.organisationCode().equals(org));
            if (filed || orgs.stream().noneMatch(o -> o.code().equals(org))) {
                continue;
            }
            CurrentUser dept = new CurrentUser("dept-" + org, org, Role.DEPARTMENT, org);
            db.inTransaction(dept.actor(), dsl -> {
                long id = assessments.fileChallenge(dsl, dept, year, new Assessments.ChallengeInput(org, "onlineServices",
                        org.equals(accepted) ? "本单位事项已于11月全部接入一网通办，核查时未计入" : "核查口径与省平台不一致")).id();
                // its evidence, uploaded through the same path a department's browser uses
                assessments.attach(dsl, dept, year, id, org + "-一网通办接入清单.pdf", evidencePdf(org));
                return id;
            });
        }
        for (Challenge c : db.inTransaction(office, dsl -> assessments.challenges(dsl, year))) {
            if (c.status() != Challenge.Status.FILED || !List.of(accepted, rejected).contains(c.organisationCode())) {
                continue;
            }
            boolean accept = c.organisationCode().equals(accepted);
            db.inTransaction(office, dsl -> assessments.decide(dsl, office, year, c.id(), new Assessments.DecisionInput(accept,
                    accept ? "核实接入清单，事项均已接入，更正为满分" : "核查口径以市级清单为准，维持原评分", accept ? 100.0 : null)));
        }
        db.inTransaction(office, dsl -> assessments.finalise(dsl, office, year));
    }

    /** When the simulated exchange's back-filled traffic is in, the draft is run again (off the publishing thread). */
    @org.springframework.context.event.EventListener
    void exchangeBackfilled(cn.suqian.govshare.exchange.ExchangeSimulator.Backfilled event) {
        Thread.ofVirtual().name("assessment-demo-draft").start(() -> {
            try {
                if (rerunDraft()) {
                    log.info("DEMO MODE: assessment {} draft run again now that the simulated traffic is in", LAST_YEAR + 1);
                }
            } catch (RuntimeException e) {
                log.warn("DEMO MODE: the {} draft was not run again: {}", LAST_YEAR + 1, e.toString());
            }
        });
    }

    /**
     * Runs this year's draft again if the demo's start-up run is still its only official run (nobody has run or
     * published it since — a what-if comparison does not count: the office's own work is never overwritten). Returns
     * whether it ran.
     */
    boolean rerunDraft() {
        Actor office = RegistryDemoData.OFFICE.actor();
        int year = LAST_YEAR + 1;
        return db.inTransaction(office, dsl -> {
            var view = assessments.yearView(dsl, year);
            var official = official(view.runs());
            boolean onlyTheStartUpRun = official.size() == 1 && official.getFirst().startedBy().equals(office.name());
            if (view.state() != PublicationState.DRAFT || !onlyTheStartUpRun) {
                return false;
            }
            assessments.run(dsl, office, year, null);
            return true;
        });
    }

    /** A small, well-formed one-page PDF naming the organisation: the demo's evidence file. */
    static byte[] evidencePdf(String organisation) {
        String text = "Demo evidence: online services list of " + organisation.replaceAll("[()\\\\]", "");
        String stream = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format(java.util.Locale.ROOT, "%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
