package cn.suqian.govshare.report;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.organisation.OrganisationType;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.report.AnnualReport.Correction;
import cn.suqian.govshare.report.AnnualReport.Difference;
import cn.suqian.govshare.report.AnnualReport.MeasuredSection;
import cn.suqian.govshare.report.AnnualReport.Narrative;
import cn.suqian.govshare.report.AnnualReport.Status;
import cn.suqian.govshare.report.AnnualReport.Submission;
import cn.suqian.govshare.report.AnnualReport.Window;
import cn.suqian.govshare.report.AnnualReportRepository.ReportRow;
import cn.suqian.govshare.report.AnnualReportRepository.WindowRow;
import cn.suqian.govshare.report.AnnualReportSection.Unit;
import cn.suqian.govshare.web.AccessRefusedException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.ResponseCode;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Annual reports: windows, drafts prefilled from measurement, corrections with reasons, submission (frozen,
 * with its discrepancies stored), returns by the office, the leading group's overview. A department sees and
 * edits only its own organisation's reports; the office, the leading group and auditors read all.
 */
@Service
public class AnnualReports {

    static final int MAX_TEXT = 4000;
    static final int MAX_REASON = 1000;

    /** A reported figure that differs from its measurement beyond the window's tolerance, found at submission. */
    public record Discrepancy(long reportId, int version, int year, String organisationCode, String section, String figure, Double measured,
                              double reported, Double difference, double tolerancePercent, String reason, OffsetDateTime createdAt,
                              Status reportStatus) {
    }

    /** A reminder sent: in the app, and {@code deliveries} messages queued on the organisation's channels. */
    public record Reminder(int year, String organisationCode, LocalDate remindedOn, boolean overdue, int deliveries, OffsetDateTime createdAt) {
    }

    public record OverviewRow(String organisationCode, String organisationName, OrganisationType type, Submission submission, Status status,
                              Integer version, OffsetDateTime firstSubmittedAt, OffsetDateTime lastSubmittedAt, int discrepancies,
                              String returnComment) {
    }

    public record Overview(Window window, LocalDate today, Map<Submission, Integer> counts, int discrepancies, List<OverviewRow> rows) {
    }

    public record WindowInput(LocalDate opensOn, LocalDate deadline, Integer remindDaysAfter, Double tolerancePercent) {
    }

    public record ReturnInput(String comment) {
    }

    private final Db db;
    private final AnnualReportRepository repository;
    private final List<AnnualReportSection> sections;
    private final Organisations organisations;
    private final Clock clock;
    private final int defaultDeadlineDay;
    private final double defaultTolerancePercent;
    private final int defaultRemindDaysAfter;

    @Autowired
    AnnualReports(Db db, AnnualReportRepository repository, List<AnnualReportSection> sections, Organisations organisations,
                  @Value("${govshare.annual-report.deadline-day:10}") int defaultDeadlineDay,
                  @Value("${govshare.annual-report.tolerance-percent:5}") double defaultTolerancePercent,
                  @Value("${govshare.annual-report.remind-days-after:20}") int defaultRemindDaysAfter) {
        this(db, repository, sections, organisations, Clock.system(AnnualReportSection.ZONE), defaultDeadlineDay, defaultTolerancePercent,
                defaultRemindDaysAfter);
    }

    private AnnualReports(Db db, AnnualReportRepository repository, List<AnnualReportSection> sections, Organisations organisations, Clock clock,
                          int defaultDeadlineDay, double defaultTolerancePercent, int defaultRemindDaysAfter) {
        this.db = db;
        this.repository = repository;
        this.sections = sections.stream().sorted(Comparator.comparingInt(AnnualReportSection::order)).toList();
        this.organisations = organisations;
        this.clock = clock;
        this.defaultDeadlineDay = defaultDeadlineDay;
        this.defaultTolerancePercent = defaultTolerancePercent;
        this.defaultRemindDaysAfter = defaultRemindDaysAfter;
    }

    /**
     * The same service reading the time from {@code clock}: the demo replays January submissions at their
     * dates, and tests step through a window, on exactly the paths a department's requests take.
     */
    public AnnualReports at(Clock clock) {
        return new AnnualReports(db, repository, sections, organisations, clock, defaultDeadlineDay, defaultTolerancePercent, defaultRemindDaysAfter);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(AnnualReportSection.ZONE));
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(AnnualReportSection.ZONE));
    }

    /** The section keys in report order. */
    public List<String> sectionKeys() {
        return sections.stream().map(AnnualReportSection::key).toList();
    }

    // ---- windows ----

    public Mono<List<Window>> windows() {
        return db.tx(dsl -> repository.windows(dsl).stream().map(this::window).toList());
    }

    public Mono<Window> putWindow(CurrentUser user, int year, WindowInput input) {
        return db.tx(dsl -> putWindow(dsl, user, year, input));
    }

    /** The same inside the caller's transaction (the demo loader). */
    public Window putWindow(DSLContext dsl, CurrentUser user, int year, WindowInput input) {
        {
            if (user.role() != Role.EGOV_ADMIN) {
                throw new AccessRefusedException(ResponseCode.CHANGE_REFUSED, user.username(), "annual report window " + year);
            }
            List<FieldProblem> problems = new ArrayList<>();
            if (year < 2017 || year > 2100) {
                problems.add(FieldProblem.between("year", year, 2017, 2100));
            }
            LocalDate opens = input.opensOn() == null ? LocalDate.of(year + 1, 1, 1) : input.opensOn();
            LocalDate deadline = input.deadline() == null ? LocalDate.of(year + 1, 1, defaultDeadlineDay) : input.deadline();
            if (!opens.isAfter(LocalDate.of(year, 12, 31))) {
                problems.add(FieldProblem.of("opensOn", opens, ProblemCode.AFTER_REPORTED_YEAR, year));
            }
            if (deadline.isBefore(opens)) {
                problems.add(FieldProblem.of("deadline", deadline, ProblemCode.AFTER_FROM, opens));
            }
            int remind = input.remindDaysAfter() == null ? defaultRemindDaysAfter : input.remindDaysAfter();
            if (remind < 0 || remind > 366) {
                problems.add(FieldProblem.between("remindDaysAfter", remind, 0, 366));
            }
            double tolerance = input.tolerancePercent() == null ? defaultTolerancePercent : input.tolerancePercent();
            if (tolerance < 0 || tolerance > 100) {
                problems.add(FieldProblem.between("tolerancePercent", tolerance, 0, 100));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            repository.putWindow(dsl, new WindowRow(year, opens, deadline, remind, tolerance));
            return window(repository.window(dsl, year).orElseThrow());
        }
    }

    /** Every window, newest first, inside the caller's transaction. */
    public List<Window> windows(DSLContext dsl) {
        return repository.windows(dsl).stream().map(this::window).toList();
    }

    /** The window for the year, created with the configured defaults when there is none yet. */
    WindowRow ensureWindow(DSLContext dsl, int year) {
        repository.insertWindowIfAbsent(dsl, new WindowRow(year, LocalDate.of(year + 1, 1, 1), LocalDate.of(year + 1, 1, defaultDeadlineDay),
                defaultRemindDaysAfter, defaultTolerancePercent));
        return repository.window(dsl, year).orElseThrow();
    }

    private WindowRow windowRow(DSLContext dsl, int year) {
        return repository.window(dsl, year).orElseThrow(() -> new NotFoundException("annual report window", year));
    }

    private Window window(WindowRow w) {
        LocalDate today = today();
        return new Window(w.year(), w.opensOn(), w.deadline(), w.remindDaysAfter(), w.tolerancePercent(), !today.isBefore(w.opensOn()),
                today.isAfter(w.deadline()));
    }

    // ---- reading ----

    public Mono<Overview> overview(CurrentUser user, int year) {
        return db.tx(dsl -> overview(dsl, user, year));
    }

    Overview overview(DSLContext dsl, CurrentUser user, int year) {
        Window window = window(windowRow(dsl, year));
        Map<String, List<ReportRow>> byOrg = new LinkedHashMap<>();
        repository.versions(dsl, year, user.organisationScope().orElse(null))
                .forEach(r -> byOrg.computeIfAbsent(r.organisationCode(), k -> new ArrayList<>()).add(r));
        Map<String, Integer> discrepancies = new LinkedHashMap<>();
        latestSubmittedDiscrepancies(dsl, year, user.organisationScope().orElse(null))
                .forEach(d -> discrepancies.merge(d.organisationCode(), 1, Integer::sum));
        Map<Submission, Integer> counts = new EnumMap<>(Submission.class);
        for (Submission s : Submission.values()) {
            counts.put(s, 0);
        }
        List<OverviewRow> rows = new ArrayList<>();
        for (Organisation o : reporting(dsl, year)) {
            if (!user.mayRead(o.code())) {
                continue;
            }
            List<ReportRow> versions = byOrg.getOrDefault(o.code(), List.of());
            Submission submission = submission(versions, window);
            counts.merge(submission, 1, Integer::sum);
            ReportRow latest = versions.isEmpty() ? null : versions.getLast();
            OffsetDateTime first = versions.stream().map(ReportRow::submittedAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            OffsetDateTime last = versions.stream().map(ReportRow::submittedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            rows.add(new OverviewRow(o.code(), o.name(), o.type(), submission, latest == null ? null : latest.status(),
                    latest == null ? null : latest.version(), first, last, discrepancies.getOrDefault(o.code(), 0),
                    latest == null ? null : latest.returnComment()));
        }
        return new Overview(window, today(), counts, discrepancies.values().stream().mapToInt(Integer::intValue).sum(), rows);
    }

    /**
     * Organisations that report on a year: every active one that existed in it (added to the registry before
     * the year ended), but the city government itself. One added later is neither required nor missing.
     */
    List<Organisation> reporting(DSLContext dsl, int year) {
        return organisations.activeExistingBefore(dsl, LocalDate.of(year + 1, 1, 1).atStartOfDay(AnnualReportSection.ZONE).toOffsetDateTime())
                .stream().filter(o -> o.type() != OrganisationType.CITY).toList();
    }

    /** On time or late by the first submission; missing when none came by the deadline; pending before it. */
    Submission submission(List<ReportRow> versions, Window window) {
        return versions.stream().filter(v -> v.submittedAt() != null).min(Comparator.comparing(ReportRow::submittedAt))
                .map(v -> Boolean.TRUE.equals(v.late()) ? Submission.LATE : Submission.ON_TIME)
                .orElse(window.pastDeadline() ? Submission.MISSING : Submission.PENDING);
    }

    public Mono<AnnualReport> get(CurrentUser user, int year, String organisation, Integer version) {
        return db.tx(dsl -> {
            user.requireRead(organisation);
            return view(dsl, user, year, organisation, version);
        });
    }

    AnnualReport view(DSLContext dsl, CurrentUser user, int year, String organisation, Integer version) {
        WindowRow w = windowRow(dsl, year);
        List<ReportRow> versions = repository.versions(dsl, year, organisation);
        if (versions.isEmpty()) {
            throw new NotFoundException("annual report", year + "/" + organisation);
        }
        int index = version == null ? versions.size() - 1 : versions.stream().map(ReportRow::version).toList().indexOf(version);
        if (index < 0) {
            throw new NotFoundException("annual report version", year + "/" + organisation + "/" + version);
        }
        return view(user, w, versions, index);
    }

    AnnualReport view(CurrentUser user, WindowRow w, List<ReportRow> versions, int index) {
        ReportRow r = versions.get(index);
        List<AnnualReport.Section> out = sections(r, w.tolerancePercent());
        List<Difference> differences = index == 0 ? List.of() : differences(versions.get(index - 1), r);
        int discrepancies = (int) out.stream().flatMap(s -> s.figures().stream()).filter(AnnualReport.Figure::discrepancy).count();
        boolean editable = r.status() == Status.DRAFT && user != null && user.role() == Role.DEPARTMENT
                && r.organisationCode().equals(user.organisationCode());
        return new AnnualReport(r.id(), r.year(), r.organisationCode(), r.version(), r.status(), window(w), r.measuredAt(), out, r.createdBy(),
                r.createdAt(), r.updatedAt(), r.submittedBy(), r.submittedAt(), r.late(), r.returnedBy(), r.returnedAt(), r.returnComment(),
                versions.stream().map(v -> new AnnualReport.VersionRef(v.version(), v.status(), v.submittedAt(), v.late(), v.returnedAt(),
                        v.returnComment())).toList(), differences, discrepancies, editable);
    }

    /** The measured sections with the organisation's corrections and narratives laid over them. */
    static List<AnnualReport.Section> sections(ReportRow r, double tolerancePercent) {
        List<AnnualReport.Section> out = new ArrayList<>();
        for (MeasuredSection s : r.sections()) {
            List<AnnualReport.Figure> figures = new ArrayList<>();
            for (AnnualReportSection.Figure f : s.figures()) {
                Correction c = r.corrections().get(f.key());
                Double reported = c == null ? null : c.value();
                Double difference = reported == null ? null : difference(f.unit(), f.value(), reported);
                boolean discrepancy = reported != null && beyond(f.unit(), f.value(), reported, tolerancePercent);
                figures.add(new AnnualReport.Figure(f.key(), f.unit(), f.value(), reported, c == null ? null : c.reason(), f.evidence(),
                        c != null, discrepancy, difference, f.asOf()));
            }
            out.add(new AnnualReport.Section(s.key(), figures, r.narrative().get(s.key())));
        }
        return out;
    }

    /**
     * How far a reported figure is from its measurement: percentage points for PERCENT figures, else percent of
     * the measurement; null when nothing was measured or the measurement is zero (any other value differs).
     */
    static Double difference(Unit unit, Double measured, double reported) {
        if (measured == null) {
            return null;
        }
        if (unit == Unit.PERCENT) {
            return Math.round(Math.abs(reported - measured) * 100) / 100.0;
        }
        if (measured == 0) {
            return reported == 0 ? 0.0 : null;
        }
        return Math.round(Math.abs(reported - measured) / Math.abs(measured) * 10000) / 100.0;
    }

    /**
     * Does a reported figure differ from the measurement beyond the tolerance? Not when nothing was measured
     * (a self-reported figure there cannot be checked); always when the measurement is zero and the report is not.
     */
    static boolean beyond(Unit unit, Double measured, double reported, double tolerancePercent) {
        if (measured == null) {
            return false;
        }
        Double d = difference(unit, measured, reported);
        return d == null || d > tolerancePercent;
    }

    /** What changed from one version to the next: reported figures (corrected, else measured) and narrative fields. */
    static List<Difference> differences(ReportRow before, ReportRow after) {
        Map<String, String> a = reportedValues(before);
        Map<String, String> b = reportedValues(after);
        List<Difference> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(b.keySet());
        keys.addAll(a.keySet());
        for (String k : keys) {
            if (!Objects.equals(a.get(k), b.get(k))) {
                out.add(new Difference("FIGURE", k, a.get(k), b.get(k)));
            }
        }
        Set<String> sections = new LinkedHashSet<>(before.narrative().keySet());
        sections.addAll(after.narrative().keySet());
        for (String s : sections) {
            Narrative x = before.narrative().get(s);
            Narrative y = after.narrative().get(s);
            compare(out, s + ".achievements", x == null ? null : x.achievements(), y == null ? null : y.achievements());
            compare(out, s + ".problems", x == null ? null : x.problems(), y == null ? null : y.problems());
            compare(out, s + ".plan", x == null ? null : x.plan(), y == null ? null : y.plan());
        }
        return out;
    }

    private static void compare(List<Difference> out, String key, String a, String b) {
        String x = a == null || a.isBlank() ? null : a;
        String y = b == null || b.isBlank() ? null : b;
        if (!Objects.equals(x, y)) {
            out.add(new Difference("NARRATIVE", key, x, y));
        }
    }

    private static Map<String, String> reportedValues(ReportRow r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (MeasuredSection s : r.sections()) {
            for (AnnualReportSection.Figure f : s.figures()) {
                Correction c = r.corrections().get(f.key());
                Double v = c != null ? c.value() : f.value();
                m.put(f.key(), v == null ? null : format(v));
            }
        }
        return m;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    // ---- editing (the organisation's own department only) ----

    private static void requireEdit(CurrentUser user, String organisation) {
        if (user.role() != Role.DEPARTMENT || !organisation.equals(user.organisationCode())) {
            throw new AccessRefusedException(ResponseCode.CHANGE_REFUSED, user.username(), organisation);
        }
    }

    /** The organisation's draft: the open one, else a new version prefilled from measurement (narrative and corrections carried over). */
    public Mono<AnnualReport> startDraft(CurrentUser user, int year, String organisation) {
        return db.tx(dsl -> startDraft(dsl, user, year, organisation));
    }

    /** The same inside the caller's transaction (the demo loader). */
    public AnnualReport startDraft(DSLContext dsl, CurrentUser user, int year, String organisation) {
        requireEdit(user, organisation);
        windowRow(dsl, year);
        ReportRow latest = repository.latestForUpdate(dsl, year, organisation).orElse(null);
        if (latest == null || latest.status() != Status.DRAFT) {
            OffsetDateTime now = now();
            repository.insert(dsl, year, organisation, latest == null ? 1 : latest.version() + 1, measure(dsl, organisation, year, now), now,
                    latest == null ? Map.of() : latest.corrections(), latest == null ? Map.of() : latest.narrative(), user.username(), now);
        }
        return view(dsl, user, year, organisation, null);
    }

    /** Measures every section afresh for the open draft. */
    public Mono<AnnualReport> remeasure(CurrentUser user, int year, String organisation) {
        return db.tx(dsl -> {
            requireEdit(user, organisation);
            ReportRow draft = draft(dsl, year, organisation);
            OffsetDateTime now = now();
            repository.remeasure(dsl, draft.id(), measure(dsl, organisation, year, now), now);
            return view(dsl, user, year, organisation, null);
        });
    }

    List<MeasuredSection> measure(DSLContext dsl, String organisation, int year, OffsetDateTime at) {
        AnnualReportSection.Period period = AnnualReportSection.Period.of(organisation, year, at);
        return sections.stream().map(s -> new MeasuredSection(s.key(), s.measure(dsl, period))).toList();
    }

    private ReportRow draft(DSLContext dsl, int year, String organisation) {
        windowRow(dsl, year);
        ReportRow latest = repository.latestForUpdate(dsl, year, organisation).orElse(null);
        if (latest == null || latest.status() != Status.DRAFT) {
            throw new InvalidInputException(FieldProblem.of("status", latest == null ? null : latest.status(), ProblemCode.NO_DRAFT));
        }
        return latest;
    }

    /** Saves narrative and corrections of the open draft (both replaced as sent). A correction needs a reason. */
    public Mono<AnnualReport> saveDraft(CurrentUser user, int year, String organisation, AnnualReport.DraftInput input) {
        return db.tx(dsl -> saveDraft(dsl, user, year, organisation, input));
    }

    /** The same inside the caller's transaction (the demo loader). */
    public AnnualReport saveDraft(DSLContext dsl, CurrentUser user, int year, String organisation, AnnualReport.DraftInput input) {
        requireEdit(user, organisation);
        ReportRow draft = draft(dsl, year, organisation);
        Set<String> sectionKeys = new LinkedHashSet<>();
        Set<String> figureKeys = new LinkedHashSet<>();
        draft.sections().forEach(s -> {
            sectionKeys.add(s.key());
            s.figures().forEach(f -> figureKeys.add(f.key()));
        });
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Narrative> narrative = new LinkedHashMap<>();
        if (input.narrative() != null) {
            input.narrative().forEach((k, n) -> {
                if (!sectionKeys.contains(k)) {
                    problems.add(FieldProblem.of("narrative." + k, k, ProblemCode.UNKNOWN_SECTION));
                    return;
                }
                Narrative t = new Narrative(text(problems, "narrative." + k + ".achievements", n == null ? null : n.achievements()),
                        text(problems, "narrative." + k + ".problems", n == null ? null : n.problems()),
                        text(problems, "narrative." + k + ".plan", n == null ? null : n.plan()));
                if (t.achievements() != null || t.problems() != null || t.plan() != null) {
                    narrative.put(k, t);
                }
            });
        }
        Map<String, Correction> corrections = new LinkedHashMap<>();
        if (input.corrections() != null) {
            input.corrections().forEach((k, c) -> {
                String field = "corrections." + k;
                if (!figureKeys.contains(k)) {
                    problems.add(FieldProblem.of(field, k, ProblemCode.UNKNOWN_FIGURE));
                    return;
                }
                if (c == null || c.value() == null || c.value().isNaN() || c.value().isInfinite()) {
                    problems.add(FieldProblem.required(field + ".value", c == null ? null : c.value()));
                    return;
                }
                if (c.value() < 0) {
                    problems.add(FieldProblem.notNegative(field + ".value", c.value()));
                }
                String reason = c.reason() == null ? null : c.reason().strip();
                if (reason == null || reason.isEmpty()) {
                    problems.add(FieldProblem.of(field + ".reason", c.reason(), ProblemCode.REASON_REQUIRED));
                } else if (reason.length() > MAX_REASON) {
                    problems.add(FieldProblem.maxLength(field + ".reason", reason.substring(0, 40) + "…", MAX_REASON));
                }
                corrections.put(k, new Correction(c.value(), reason));
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        repository.saveDraft(dsl, draft.id(), corrections, narrative, now());
        return view(dsl, user, year, organisation, null);
    }

    private static String text(List<FieldProblem> problems, String field, String value) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > MAX_TEXT) {
            problems.add(FieldProblem.maxLength(field, v.substring(0, 40) + "…", MAX_TEXT));
        }
        return v;
    }

    /**
     * Submits the open draft: from the window's opening day on; late after the deadline. The version is frozen
     * (the database refuses any later change) and its discrepancies are stored for the leading group, auditors
     * and the assessment.
     */
    public Mono<AnnualReport> submit(CurrentUser user, int year, String organisation) {
        return db.tx(dsl -> submit(dsl, user, year, organisation));
    }

    /** The same inside the caller's transaction (the demo loader). */
    public AnnualReport submit(DSLContext dsl, CurrentUser user, int year, String organisation) {
        requireEdit(user, organisation);
        ReportRow draft = draft(dsl, year, organisation);
        WindowRow w = windowRow(dsl, year);
        LocalDate today = today();
        if (today.isBefore(w.opensOn())) {
            throw new InvalidInputException(FieldProblem.of("year", year, ProblemCode.WINDOW_NOT_OPEN, w.opensOn()));
        }
        repository.submit(dsl, draft.id(), user.username(), now(), today.isAfter(w.deadline()));
        for (AnnualReport.Section s : sections(draft, w.tolerancePercent())) {
            for (AnnualReport.Figure f : s.figures()) {
                if (f.discrepancy()) {
                    repository.insertDiscrepancy(dsl, draft.id(), year, organisation, new Discrepancy(draft.id(), draft.version(), year,
                            organisation, s.key(), f.key(), f.measured(), f.reported(), f.difference(), w.tolerancePercent(), f.reason(), null,
                            Status.SUBMITTED));
                }
            }
        }
        return view(dsl, user, year, organisation, null);
    }

    /** The office returns the latest submitted version with comments; the organisation then starts the next version. */
    public Mono<AnnualReport> returnReport(CurrentUser user, int year, String organisation, int version, ReturnInput input) {
        return db.tx(dsl -> returnReport(dsl, user, year, organisation, version, input));
    }

    /** The same inside the caller's transaction. */
    public AnnualReport returnReport(DSLContext dsl, CurrentUser user, int year, String organisation, int version, ReturnInput input) {
        {
            if (user.role() != Role.EGOV_ADMIN) {
                throw new AccessRefusedException(ResponseCode.CHANGE_REFUSED, user.username(), organisation);
            }
            windowRow(dsl, year);
            ReportRow latest = repository.latestForUpdate(dsl, year, organisation)
                    .orElseThrow(() -> new NotFoundException("annual report", year + "/" + organisation));
            if (latest.version() != version || latest.status() != Status.SUBMITTED) {
                throw new InvalidInputException(FieldProblem.of("version", version, ProblemCode.NOT_SUBMITTED_LATEST, latest.version(),
                        latest.status()));
            }
            String comment = input == null || input.comment() == null ? null : input.comment().strip();
            if (comment == null || comment.isEmpty()) {
                throw new InvalidInputException(FieldProblem.required("comment", input == null ? null : input.comment()));
            }
            if (comment.length() > MAX_TEXT) {
                throw new InvalidInputException(FieldProblem.maxLength("comment", comment.substring(0, 40) + "…", MAX_TEXT));
            }
            repository.returnReport(dsl, latest.id(), user.username(), now(), comment);
            return view(dsl, user, year, organisation, null);
        }
    }

    /** The XLSX summary of every organisation's figures for the year (each one's latest submitted version, else its draft). */
    public Mono<byte[]> summarySheet(CurrentUser user, int year) {
        return db.tx(dsl -> {
            Overview overview = overview(dsl, user, year);
            WindowRow w = windowRow(dsl, year);
            Map<String, List<ReportRow>> byOrg = new LinkedHashMap<>();
            repository.versions(dsl, year, user.organisationScope().orElse(null))
                    .forEach(r -> byOrg.computeIfAbsent(r.organisationCode(), k -> new ArrayList<>()).add(r));
            Map<String, AnnualReport> reports = new LinkedHashMap<>();
            byOrg.forEach((org, versions) -> {
                int index = versions.size() - 1;
                for (int i = versions.size() - 1; i >= 0; i--) {
                    if (versions.get(i).submittedAt() != null) {
                        index = i;
                        break;
                    }
                }
                reports.put(org, view(user, w, versions, index));
            });
            return AnnualReportSummarySheet.write(year, overview.rows(), reports);
        });
    }

    // ---- discrepancies and reminders ----

    public Mono<List<Discrepancy>> discrepancies(CurrentUser user, int year) {
        return db.tx(dsl -> latestSubmittedDiscrepancies(dsl, year, user.organisationScope().orElse(null)));
    }

    /**
     * For the assessment's report-consistency indicator: the discrepancies of each organisation's latest
     * submitted (or returned) version for the year, inside the caller's transaction.
     */
    public List<Discrepancy> discrepancies(DSLContext dsl, int year) {
        return latestSubmittedDiscrepancies(dsl, year, null);
    }

    /** For the assessment's "annual report on time" indicator: how each reporting organisation stands for the year. */
    public Map<String, Submission> submissions(DSLContext dsl, int year) {
        Window window = window(windowRow(dsl, year));
        Map<String, List<ReportRow>> byOrg = new LinkedHashMap<>();
        repository.versions(dsl, year, null).forEach(r -> byOrg.computeIfAbsent(r.organisationCode(), k -> new ArrayList<>()).add(r));
        Map<String, Submission> out = new LinkedHashMap<>();
        reporting(dsl, year).forEach(o -> out.put(o.code(), submission(byOrg.getOrDefault(o.code(), List.of()), window)));
        return out;
    }

    private List<Discrepancy> latestSubmittedDiscrepancies(DSLContext dsl, int year, String organisation) {
        Map<String, Integer> latest = new LinkedHashMap<>();
        List<Discrepancy> all = repository.discrepancies(dsl, year, organisation);
        all.forEach(d -> latest.merge(d.organisationCode(), d.version(), Math::max));
        return all.stream().filter(d -> d.version() == latest.get(d.organisationCode())).toList();
    }

    public Mono<List<Reminder>> reminders(CurrentUser user, Integer year) {
        return db.tx(dsl -> repository.reminders(dsl, year, user.organisationScope().orElse(null)));
    }

    /**
     * Today's reminders: ensures the current year's window exists (it opens next January), then, for every
     * window open today and not more than {@code remindDaysAfter} past its deadline, reminds each reporting
     * organisation without a submitted report once a day — in the app and on its notification channels.
     */
    int remind(Reminders.Sender sender) {
        return db.inTransaction(Actor.system("annual-report-reminders"), dsl -> {
            LocalDate today = today();
            ensureWindow(dsl, today.getYear());
            int sent = 0;
            for (WindowRow w : repository.windows(dsl)) {
                if (today.isBefore(w.opensOn()) || today.isAfter(w.deadline().plusDays(w.remindDaysAfter()))) {
                    continue;
                }
                Map<String, List<ReportRow>> byOrg = new LinkedHashMap<>();
                repository.versions(dsl, w.year(), null).forEach(r -> byOrg.computeIfAbsent(r.organisationCode(), k -> new ArrayList<>()).add(r));
                boolean overdue = today.isAfter(w.deadline());
                for (Organisation o : reporting(dsl, w.year())) {
                    List<ReportRow> versions = byOrg.getOrDefault(o.code(), List.of());
                    boolean done = !versions.isEmpty() && versions.getLast().status() == Status.SUBMITTED;
                    if (done || !repository.remind(dsl, w.year(), o.code(), today, overdue, 0)) {
                        continue;
                    }
                    int deliveries = sender.send(dsl, o, w, overdue, versions.isEmpty() ? null : versions.getLast().status());
                    repository.setDeliveries(dsl, w.year(), o.code(), today, deliveries);
                    sent++;
                }
            }
            return sent;
        });
    }
}
