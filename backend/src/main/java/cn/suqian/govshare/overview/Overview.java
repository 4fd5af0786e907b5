package cn.suqian.govshare.overview;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.assessment.Assessments;
import cn.suqian.govshare.assessment.PeerGroup;
import cn.suqian.govshare.assessment.PublicationState;
import cn.suqian.govshare.connection.ConnectionQueries;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.exchange.Anomalies;
import cn.suqian.govshare.exchange.Anomaly;
import cn.suqian.govshare.keytask.KeyTask;
import cn.suqian.govshare.eligibility.EligibilityQueries;
import cn.suqian.govshare.eligibility.Verdict;
import cn.suqian.govshare.filing.FilingService;
import cn.suqian.govshare.filing.FilingStatus;
import cn.suqian.govshare.keytask.KeyTaskService;
import cn.suqian.govshare.report.AnnualReport;
import cn.suqian.govshare.report.AnnualReports;
import cn.suqian.govshare.web.PageRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leadership overview's reads. Headline figures come from the daily rollup only; the key-task timeline, the ranking and the
 * alerts from the owning modules' published APIs, each scoped to the caller (a department sees its own organisation;
 * finance, which does not read annual reports, gets no annual-report alerts).
 */
@Service
public class Overview {

    /** How many days of trend a headline figure carries. */
    static final int TREND_DAYS = 90;

    /** A figure's shown number on one day: the percentage when it has a denominator, else the value. */
    public record Point(LocalDate day, Double value) {
    }

    /**
     * One headline figure. {@code shown} is what the page prints (a percentage when there is a denominator);
     * {@code yearAgo} is the shown number on the same day a year before (nearest earlier rollup within a week), null
     * when no rollup exists then; {@code change} the difference to it (percentage points for percentages).
     */
    public record Headline(String key, Figure.Unit unit, BigDecimal value, BigDecimal denominator, Double shown, boolean percent,
                           Double yearAgo, LocalDate yearAgoDay, Double change, List<Point> trend, String link) {
    }

    public record Figures(String organisation, LocalDate asOf, List<Headline> figures) {
    }

    /** One milestone on the timeline; daysLate for missed ones (today − deadline) and those met late (met − deadline). */
    public record TimelineMilestone(String code, String title, LocalDate deadline, LocalDate metOn, KeyTask.MilestoneStatus status,
                                    Long daysLate) {
    }

    public record TimelineTask(String code, KeyTask.Kind kind, int sequence, String title, List<String> leadOrganisationCodes,
                               KeyTask.Status status, LocalDate start, LocalDate end, List<TimelineMilestone> milestones, String link) {
    }

    public enum AlertKind { OPEN_INCIDENT, NEW_ANOMALY, OVERDUE_TASK, LATE_REPORT, DISCREPANT_REPORT, FILING_AWAITING_REVIEW, NOT_ELIGIBLE_REQUEST }

    /** One alert with the record behind it. */
    public record Alert(AlertKind kind, String recordId, String organisationCode, String subject, OffsetDateTime since, Long daysLate,
                        String link) {
    }

    public record Alerts(Map<AlertKind, Long> totals, List<Alert> items) {
    }

    /** One organisation's score on one pillar. */
    public record PillarEntry(String organisationCode, String organisationName, Double score) {
    }

    /** The leaders (highest first) and the laggards (lowest first) of one pillar within one peer group. */
    public record PillarExtremes(String code, String name, PeerGroup peerGroup, List<PillarEntry> leaders, List<PillarEntry> laggards) {
    }

    /**
     * The ranking of organisations by the latest published (or final) assessment, as the assessment board gives it:
     * departments and counties/districts each ranked in their peer group, movement since the year before, and each
     * pillar's leaders and laggards. A year still in draft is never shown; before any year is published, published
     * is false and there are no rows.
     */
    public record Ranking(boolean published, Integer year, PublicationState state, Integer methodologyVersion,
                          List<Assessments.BoardRow> organisations, List<PillarExtremes> pillars) {
    }

    /** How many leaders and laggards of each pillar the ranking names. */
    private volatile int extremes = 3;

    @org.springframework.beans.factory.annotation.Value("${govshare.overview.ranking-extremes:3}")
    void setExtremes(int extremes) {
        this.extremes = Math.max(1, extremes);
    }

    public Mono<Ranking> ranking(CurrentUser user) {
        return assessments.years(user).flatMap(years -> {
            var latest = years.stream()
                    .filter(y -> y.state() == PublicationState.PUBLISHED || y.state() == PublicationState.FINAL)
                    .filter(y -> y.publication() != null && y.publication().officialRunId() != null)
                    .max(Comparator.comparingInt(Assessments.YearView::year));
            if (latest.isEmpty()) {
                return Mono.just(new Ranking(false, null, null, null, List.of(), List.of()));
            }
            // a department sees its own row only (as on the assessment board): leaders and laggards among one are none
            boolean wholeCity = user.organisationScope().isEmpty();
            return assessments.board(user, latest.get().year()).map(b -> new Ranking(true, b.year(), b.state(), b.methodologyVersion(),
                    b.rows(), wholeCity ? extremes(b.rows(), extremes) : List.of()));
        });
    }

    /**
     * Per pillar (in the methodology's order) and peer group: the {@code n} best and the {@code n} worst scores, never
     * the same organisation in both (with few organisations each side gets half); a pillar that does not apply (no
     * score) names nobody.
     */
    static List<PillarExtremes> extremes(List<Assessments.BoardRow> rows, int n) {
        Map<String, String> pillarNames = new LinkedHashMap<>();
        rows.forEach(r -> r.pillars().forEach(p -> pillarNames.putIfAbsent(p.code(), p.name())));
        List<PillarExtremes> out = new ArrayList<>();
        for (var pillar : pillarNames.entrySet()) {
            for (PeerGroup group : PeerGroup.values()) {
                List<PillarEntry> scored = new ArrayList<>();
                for (var r : rows) {
                    if (r.peerGroup() != group) {
                        continue;
                    }
                    r.pillars().stream().filter(p -> p.code().equals(pillar.getKey()) && p.score() != null).findFirst()
                            .ifPresent(p -> scored.add(new PillarEntry(r.organisationCode(), r.organisationName(), p.score())));
                }
                if (scored.isEmpty()) {
                    continue;
                }
                scored.sort(Comparator.comparing(PillarEntry::score, Comparator.reverseOrder()).thenComparing(PillarEntry::organisationCode));
                int k = Math.min(n, scored.size() / 2);
                List<PillarEntry> leaders = List.copyOf(scored.subList(0, Math.max(k, 1)));
                List<PillarEntry> laggards = new ArrayList<>(scored.subList(scored.size() - k, scored.size()));
                java.util.Collections.reverse(laggards);
                out.add(new PillarExtremes(pillar.getKey(), pillar.getValue(), group, leaders, List.copyOf(laggards)));
            }
        }
        return out;
    }

    private final Db db;
    private final OverviewRepository figures;
    private final KeyTaskService tasks;
    private final ConnectionQueries connection;
    private final Anomalies anomalies;
    private final AnnualReports reports;
    private final FilingService filings;
    private final EligibilityQueries eligibility;
    private final Assessments assessments;

    Overview(Db db, OverviewRepository figures, KeyTaskService tasks, ConnectionQueries connection, Anomalies anomalies,
             AnnualReports reports, FilingService filings, EligibilityQueries eligibility, Assessments assessments) {
        this.assessments = assessments;
        this.reports = reports;
        this.filings = filings;
        this.eligibility = eligibility;
        this.db = db;
        this.figures = figures;
        this.tasks = tasks;
        this.connection = connection;
        this.anomalies = anomalies;
    }

    /** The caller's scope: the city ('') or one organisation; a department only its own. */
    static String scope(CurrentUser user, String organisation) {
        String asked = organisation == null || organisation.isBlank() ? null : organisation;
        if (user.organisationScope().isPresent()) {
            String own = user.organisationScope().get();
            if (asked != null) {
                user.requireRead(asked);
            }
            return own;
        }
        return asked == null ? OverviewRollup.CITY : asked;
    }

    /** Answers per scope, kept for {@code cache-ttl}: the figures change once per rollup (minutes), leaders reload often. */
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.time.Duration cacheTtl = java.time.Duration.ofSeconds(30);

    private record Cached(Figures figures, long at) {
    }

    @org.springframework.beans.factory.annotation.Value("${govshare.overview.cache-ttl:PT30S}")
    void setCacheTtl(java.time.Duration ttl) {
        this.cacheTtl = ttl;
    }

    /** Forgets the kept answers (the rollup on this node has just written new figures). */
    void forget() {
        cache.clear();
    }

    public Mono<Figures> figures(CurrentUser user, String organisation) {
        String scope;
        try {
            scope = scope(user, organisation);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        Cached kept = cache.get(scope);
        long now = System.nanoTime();
        if (kept != null && now - kept.at() < cacheTtl.toNanos()) {
            return Mono.just(kept.figures());
        }
        return read(scope).doOnNext(f -> cache.put(scope, new Cached(f, now)));
    }

    private Mono<Figures> read(String scope) {
        return db.tx(dsl -> {
            LocalDate latest = figures.latestDay(dsl, scope);
            if (latest == null) {
                return new Figures(scope, null, List.of());
            }
            Map<String, List<OverviewRepository.Row>> byFigure = new LinkedHashMap<>();
            for (var r : figures.rows(dsl, scope, latest.minusDays(TREND_DAYS - 1), latest)) {
                byFigure.computeIfAbsent(r.figure(), k -> new ArrayList<>()).add(r);
            }
            LocalDate yearAgo = latest.minusYears(1);
            Map<String, OverviewRepository.Row> yearAgoRows = new LinkedHashMap<>();
            for (var r : figures.rows(dsl, scope, yearAgo.minusDays(7), yearAgo)) {
                yearAgoRows.put(r.figure(), r); // ordered by day: the last one kept is the nearest earlier
            }
            List<Headline> out = new ArrayList<>();
            for (Figure f : Figure.values()) {
                List<OverviewRepository.Row> rows = byFigure.get(f.key());
                if (rows == null || !rows.getLast().day().equals(latest)) {
                    continue;
                }
                var now = rows.getLast();
                Double shown = shown(now);
                var before = yearAgoRows.get(f.key());
                Double then = before == null ? null : shown(before);
                out.add(new Headline(f.key(), f.unit(), now.value(), now.denominator(), shown, now.denominator() != null,
                        then, before == null ? null : before.day(), shown == null || then == null ? null : round(shown - then),
                        rows.stream().map(r -> new Point(r.day(), shown(r))).toList(), f.link()));
            }
            return new Figures(scope, latest, out);
        });
    }

    /**
     * Late or missing annual reports and those whose reported figures differ from the measured ones, for the latest
     * reporting window already open (January's report on the year before); none before any window opened.
     */
    Mono<List<Alert>> reportAlerts(CurrentUser user, LocalDate today) {
        if (user.role() == cn.suqian.govshare.access.Role.FINANCE) {
            return Mono.just(List.of()); // finance does not read annual reports (their own endpoints refuse it too)
        }
        return reports.windows().flatMap(windows -> {
            var open = windows.stream().filter(w -> w.opensOn() != null && !w.opensOn().isAfter(today))
                    .max(Comparator.comparingInt(AnnualReport.Window::year));
            if (open.isEmpty()) {
                return Mono.just(List.<Alert>of());
            }
            int year = open.get().year();
            return reports.overview(user, year).map(o -> {
                List<Alert> out = new ArrayList<>();
                for (var row : o.rows()) {
                    String link = "/annual-report.html?year=" + year + "&organisation=" + row.organisationCode();
                    if (row.submission() == AnnualReport.Submission.LATE || row.submission() == AnnualReport.Submission.MISSING) {
                        Long late = null;
                        if (o.window().deadline() != null) {
                            LocalDate until = row.firstSubmittedAt() == null ? today
                                    : row.firstSubmittedAt().atZoneSameInstant(OverviewRollup.ZONE).toLocalDate();
                            late = ChronoUnit.DAYS.between(o.window().deadline(), until);
                        }
                        out.add(new Alert(AlertKind.LATE_REPORT, year + "/" + row.organisationCode(), row.organisationCode(),
                                row.submission().name(), row.firstSubmittedAt(), late, link));
                    }
                    if (row.discrepancies() > 0) {
                        out.add(new Alert(AlertKind.DISCREPANT_REPORT, year + "/" + row.organisationCode(), row.organisationCode(),
                                String.valueOf(row.discrepancies()), row.lastSubmittedAt(), null, link));
                    }
                }
                return out;
            });
        });
    }

    /** The budget year the funding alerts are about: next year's money is being asked for this year. */
    static int budgetYear(LocalDate today) {
        return today.getYear() + 1;
    }

    /** Filings of the budget year waiting for the office's review, and requests of that year whose verdict is not eligible. */
    Mono<List<Alert>> fundingAlerts(CurrentUser user, int year) {
        var waiting = filings.find(user, year, null, List.of(FilingStatus.SUBMITTED, FilingStatus.UNDER_REVIEW), null, null);
        var notEligible = eligibility.board(user, year, new EligibilityQueries.Filter(null, Verdict.NOT_ELIGIBLE, null, null));
        return Mono.zip(waiting, notEligible).map(z -> {
            List<Alert> out = new ArrayList<>();
            for (var f : z.getT1()) {
                out.add(new Alert(AlertKind.FILING_AWAITING_REVIEW, String.valueOf(f.id()), f.organisationCode(), f.name(), f.submittedAt(), null,
                        "/filings.html?year=" + year + "&id=" + f.id()));
            }
            for (var i : z.getT2().items()) {
                out.add(new Alert(AlertKind.NOT_ELIGIBLE_REQUEST, String.valueOf(i.filingId()), i.organisationCode(), i.name(), i.computedAt(), null,
                        "/eligibility.html?year=" + year + "&filing=" + i.filingId()));
            }
            return out;
        });
    }

    private static Double shown(OverviewRepository.Row r) {
        if (r.value() == null) {
            return null;
        }
        if (r.denominator() == null) {
            return round(r.value().doubleValue());
        }
        if (r.denominator().signum() == 0) {
            return null;
        }
        return round(r.value().multiply(BigDecimal.valueOf(100)).divide(r.denominator(), 4, RoundingMode.HALF_EVEN).doubleValue());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    public Mono<List<TimelineTask>> timeline(CurrentUser user) {
        LocalDate today = LocalDate.now(OverviewRollup.ZONE);
        return tasks.list(user).map(list -> list.stream().map(t -> timelineTask(t, today)).toList());
    }

    static TimelineTask timelineTask(KeyTask t, LocalDate today) {
        List<TimelineMilestone> ms = new ArrayList<>();
        LocalDate start = null;
        LocalDate end = null;
        for (var m : t.milestones()) {
            Long late = null;
            if (m.status() == KeyTask.MilestoneStatus.MISSED && m.deadline() != null) {
                late = ChronoUnit.DAYS.between(m.deadline(), today);
            } else if (m.late()) {
                late = ChronoUnit.DAYS.between(m.deadline(), m.metOn());
            }
            ms.add(new TimelineMilestone(m.code(), m.title(), m.deadline(), m.metOn(), m.status(), late));
            for (LocalDate d : new LocalDate[]{m.deadline(), m.metOn()}) {
                if (d != null) {
                    start = start == null || d.isBefore(start) ? d : start;
                    end = end == null || d.isAfter(end) ? d : end;
                }
            }
        }
        ms.sort(Comparator.comparing(TimelineMilestone::deadline, Comparator.nullsLast(Comparator.naturalOrder())));
        return new TimelineTask(t.code(), t.kind(), t.sequence(), t.title(), t.leadOrganisationCodes(), t.status(), start, end, ms,
                "/tasks.html?code=" + t.code()); // the task board opens the task named by ?code=
    }

    /** Open incidents, new anomalies and missed milestones, newest first, the first {@code limit} of each kind. */
    public Mono<Alerts> alerts(CurrentUser user, int limit) {
        LocalDate today = LocalDate.now(OverviewRollup.ZONE);
        PageRequest page = PageRequest.of(0, limit);
        var incidents = connection.incidents(user, null, null, null, true, null, null, page);
        var newAnomalies = anomalies.find(user, Anomaly.Status.NEW, null, null, null, page);
        var timeline = timeline(user);
        var annual = reportAlerts(user, today);
        var funding = fundingAlerts(user, budgetYear(today));
        return Mono.zip(incidents, newAnomalies, timeline, annual, funding).map(z -> {
            Map<AlertKind, Long> totals = new LinkedHashMap<>();
            List<Alert> items = new ArrayList<>();
            totals.put(AlertKind.OPEN_INCIDENT, z.getT1().total());
            for (var i : z.getT1().items()) {
                items.add(new Alert(AlertKind.OPEN_INCIDENT, String.valueOf(i.id()), i.organisationCode(),
                        i.targetName() == null ? i.targetCode() : i.targetName(), i.startedAt(), null,
                        "/connection.html?code=" + i.targetCode()));
            }
            totals.put(AlertKind.NEW_ANOMALY, z.getT2().total());
            for (var a : z.getT2().items()) {
                items.add(new Alert(AlertKind.NEW_ANOMALY, String.valueOf(a.id()), a.provider(), a.kind().name(), a.periodStart(), null,
                        "/exchange.html?anomaly=" + a.id() + "#anomalies"));
            }
            long overdue = 0;
            for (var t : z.getT3()) {
                for (var m : t.milestones()) {
                    if (m.status() == KeyTask.MilestoneStatus.MISSED) {
                        overdue++;
                        if (overdue <= limit) {
                            items.add(new Alert(AlertKind.OVERDUE_TASK, m.code(), t.leadOrganisationCodes().isEmpty() ? null
                                    : t.leadOrganisationCodes().getFirst(), t.title() + " · " + m.title(),
                                    m.deadline() == null ? null : m.deadline().atStartOfDay(OverviewRollup.ZONE).toOffsetDateTime(),
                                    m.daysLate(), t.link()));
                        }
                    }
                }
            }
            totals.put(AlertKind.OVERDUE_TASK, overdue);
            List<Alert> late = z.getT4().stream().filter(a -> a.kind() == AlertKind.LATE_REPORT).toList();
            List<Alert> discrepant = z.getT4().stream().filter(a -> a.kind() == AlertKind.DISCREPANT_REPORT).toList();
            totals.put(AlertKind.LATE_REPORT, (long) late.size());
            totals.put(AlertKind.DISCREPANT_REPORT, (long) discrepant.size());
            items.addAll(late.stream().limit(limit).toList());
            items.addAll(discrepant.stream().limit(limit).toList());
            for (AlertKind kind : List.of(AlertKind.FILING_AWAITING_REVIEW, AlertKind.NOT_ELIGIBLE_REQUEST)) {
                List<Alert> of = z.getT5().stream().filter(a -> a.kind() == kind).toList();
                totals.put(kind, (long) of.size());
                items.addAll(of.stream().limit(limit).toList());
            }
            return new Alerts(totals, items);
        });
    }
}
