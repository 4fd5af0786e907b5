package cn.suqian.govshare.assessment;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.assessment.AssessmentRepository.StoredResult;
import cn.suqian.govshare.assessment.Scoring.IndicatorScore;
import cn.suqian.govshare.assessment.Scoring.OrganisationScore;
import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.filing.AttachmentContent;
import cn.suqian.govshare.eligibility.Eligibility;
import cn.suqian.govshare.organisation.Organisation;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.web.AccessRefusedException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.ResponseCode;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The yearly assessment: runs (on demand, on schedule, reproductions of a frozen year, what-ifs), results with
 * every score explained, manual values, publication, challenges and corrections, and the trend over years.
 * Access: the office runs, publishes, enters manual values and decides challenges; a department sees and
 * challenges its own organisation's scorecard; leadership, finance and auditors read everything.
 */
@Service
public class Assessments {

    private static final Logger log = LoggerFactory.getLogger(Assessments.class);

    private final Db db;
    private final AssessmentRepository repository;
    private final AssessmentFacts facts;
    private final MethodologyService methodologies;
    private final Organisations organisations;
    private final RunProgress progress;
    private final Eligibility eligibility;

    private final int maxAttachmentBytes;

    Assessments(Db db, AssessmentRepository repository, AssessmentFacts facts, MethodologyService methodologies, Organisations organisations,
                RunProgress progress, Eligibility eligibility,
                @org.springframework.beans.factory.annotation.Value("${govshare.assessment.attachment-max-bytes:10485760}") int maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.eligibility = eligibility;
        this.db = db;
        this.repository = repository;
        this.facts = facts;
        this.methodologies = methodologies;
        this.organisations = organisations;
        this.progress = progress;
    }

    // ---- views ----

    /** A year at a glance: its state, methodology and runs. */
    public record YearView(int year, PublicationState state, Methodology methodology, AssessmentYear publication, List<AssessmentRun> runs) {
    }

    /** One row of the ranking board: the current result and its movement since the previous year's official result. */
    public record BoardRow(String organisationCode, String organisationName, PeerGroup peerGroup, Double total, String grade, Integer rankOverall,
                           Integer rankInGroup, List<Scoring.PillarScore> pillars, Double previousTotal, Integer previousRankInGroup,
                           Integer movement, int resultVersion) {
    }

    public record Board(int year, PublicationState state, Integer methodologyVersion, Long runId, List<BoardRow> rows) {
    }

    /** An organisation's scorecard: the result with every indicator explained, its trend, its challenges. */
    public record Scorecard(int year, PublicationState state, Methodology methodology, Long runId, String organisationCode, String organisationName,
                            PeerGroup peerGroup, Double total, String grade, Integer rankOverall, Integer rankInGroup, int groupSize,
                            List<Scoring.PillarScore> pillars, List<IndicatorScore> indicators, int resultVersion, String correctionReason,
                            List<TrendPoint> trend, List<Challenge> challenges, boolean canChallenge) {
    }

    public record TrendPoint(int year, Double total, String grade, Integer rankInGroup) {
    }

    public Mono<List<YearView>> years(CurrentUser user) {
        return db.tx(dsl -> repository.years(dsl).stream().map(y -> yearView(dsl, y.year())).toList());
    }

    public Mono<YearView> year(CurrentUser user, int year) {
        return db.tx(dsl -> yearView(dsl, year));
    }

    public YearView yearView(DSLContext dsl, int year) {
        Optional<AssessmentYear> y = repository.year(dsl, year);
        Methodology m = y.map(AssessmentYear::methodologyId).flatMap(id -> repository.methodology(dsl, id)).orElse(null);
        return new YearView(year, y.map(AssessmentYear::state).orElse(PublicationState.DRAFT), m, y.orElse(null), repository.runs(dsl, year));
    }

    public Mono<Board> board(CurrentUser user, int year) {
        return db.tx(dsl -> board(dsl, user, year));
    }

    Board board(DSLContext dsl, CurrentUser user, int year) {
        AssessmentYear y = repository.year(dsl, year).filter(a -> a.officialRunId() != null)
                .orElseThrow(() -> new NotFoundException("assessment", year));
        Map<String, String> names = names(dsl);
        Map<String, StoredResult> previous = new HashMap<>();
        repository.year(dsl, year - 1).filter(a -> a.officialRunId() != null)
                .ifPresent(p -> repository.results(dsl, p.officialRunId(), null, true).forEach(r -> previous.put(r.score().organisationCode(), r)));
        String scope = user.organisationScope().orElse(null);
        List<BoardRow> rows = new ArrayList<>();
        for (StoredResult r : repository.results(dsl, y.officialRunId(), scope, true)) {
            OrganisationScore s = r.score();
            StoredResult p = previous.get(s.organisationCode());
            Integer prevRank = p == null ? null : p.score().rankInGroup();
            rows.add(new BoardRow(s.organisationCode(), names.get(s.organisationCode()), s.peerGroup(), s.total(), s.grade(), s.rankOverall(),
                    s.rankInGroup(), s.pillars(), p == null ? null : p.score().total(), prevRank,
                    prevRank == null || s.rankInGroup() == null ? null : prevRank - s.rankInGroup(), r.version()));
        }
        Integer version = repository.methodology(dsl, y.methodologyId()).map(Methodology::version).orElse(null);
        return new Board(year, y.state(), version, y.officialRunId(), rows);
    }

    public Mono<Scorecard> scorecard(CurrentUser user, int year, String organisation) {
        return db.tx(dsl -> {
            user.requireRead(organisation);
            return scorecard(dsl, user, year, organisation);
        });
    }

    Scorecard scorecard(DSLContext dsl, CurrentUser user, int year, String organisation) {
        AssessmentYear y = repository.year(dsl, year).filter(a -> a.officialRunId() != null)
                .orElseThrow(() -> new NotFoundException("assessment", year));
        StoredResult r = repository.results(dsl, y.officialRunId(), organisation, true).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("assessment result", year + "/" + organisation));
        OrganisationScore s = r.score();
        int groupSize = (int) repository.results(dsl, y.officialRunId(), null, true).stream()
                .filter(x -> x.score().peerGroup() == s.peerGroup()).count();
        List<TrendPoint> trend = new ArrayList<>();
        repository.officialHistory(dsl, organisation).forEach((yr, byOrg) -> {
            StoredResult h = byOrg.get(organisation);
            if (h != null) {
                trend.add(new TrendPoint(yr, h.score().total(), h.score().grade(), h.score().rankInGroup()));
            }
        });
        trend.sort(java.util.Comparator.comparingInt(TrendPoint::year));
        boolean canChallenge = y.state() == PublicationState.PUBLISHED && user.role() == Role.DEPARTMENT
                && organisation.equals(user.organisationCode()) && !LocalDate.now(AssessmentFacts.ZONE).isAfter(y.challengeUntil());
        return new Scorecard(year, y.state(), repository.methodology(dsl, y.methodologyId()).orElse(null), y.officialRunId(), organisation,
                names(dsl).get(organisation), s.peerGroup(), s.total(), s.grade(), s.rankOverall(), s.rankInGroup(), groupSize, s.pillars(),
                s.indicators(), r.version(), r.correctionReason(), trend, repository.challenges(dsl, year, organisation), canChallenge);
    }

    public Mono<List<AssessmentRun>> runs(CurrentUser user, int year) {
        return db.tx(dsl -> repository.runs(dsl, year));
    }

    /** Totals per organisation over the years (official results), for trend charts and Grafana-like views. */
    public Mono<Map<Integer, Map<String, Double>>> history(CurrentUser user) {
        return db.tx(dsl -> {
            String scope = user.organisationScope().orElse(null);
            Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
            repository.officialHistory(dsl, scope).forEach((yr, byOrg) -> {
                Map<String, Double> totals = new LinkedHashMap<>();
                byOrg.forEach((org, r) -> totals.put(org, r.score().total()));
                out.put(yr, totals);
            });
            return out;
        });
    }

    // ---- runs ----

    /** What a finished run produced; {@code reproduces} for a reproduction: did it give exactly the official numbers. */
    public record RunOutcome(AssessmentRun run, List<OrganisationScore> scores, Boolean reproduces) {
    }

    /**
     * Starts a run of the year under {@code version} (default: the year's current methodology, else the latest,
     * else the default one as version 1) and returns it at once; the computation goes on in the background with
     * progress on {@link RunProgress}. A draft year's run becomes its result; a published year is re-run on its
     * frozen facts (REPRODUCTION), never overwritten.
     */
    public Mono<AssessmentRun> start(CurrentUser user, int year, Integer version) {
        requireOffice(user);
        Actor actor = user.actor();
        return db.tx(dsl -> prepare(dsl, actor, year, version))
                .doOnNext(prepared -> Mono.fromCallable(() -> db.inTransaction(actor, dsl -> execute(dsl, actor, prepared)))
                        .subscribeOn(db.scheduler())
                        .onErrorResume(e -> {
                            log.warn("Assessment run {} failed", prepared.runId(), e);
                            db.inTransaction(actor, dsl -> {
                                repository.failRun(dsl, prepared.runId(), String.valueOf(e.getMessage()));
                                return null;
                            });
                            progress.failed(prepared.runId(), String.valueOf(e.getMessage()));
                            return Mono.empty();
                        })
                        .subscribe())
                .map(prepared -> prepared.run());
    }

    /** The same, completed inside the caller's transaction (tests, demo and the schedule take this path). */
    public RunOutcome run(DSLContext dsl, Actor actor, int year, Integer version) {
        return execute(dsl, actor, prepare(dsl, actor, year, version));
    }

    record Prepared(long runId, AssessmentRun run, Methodology methodology, Long factsFrom, AssessmentRun.Purpose purpose) {
    }

    private Prepared prepare(DSLContext dsl, Actor actor, int year, Integer version) {
        Optional<AssessmentYear> y = repository.year(dsl, year);
        boolean frozen = y.map(a -> a.state() != PublicationState.DRAFT).orElse(false);
        Methodology m = version != null ? repository.methodology(dsl, year, version)
                .orElseThrow(() -> new InvalidInputException(List.of(FieldProblem.of("version", version, ProblemCode.UNKNOWN_METHODOLOGY_VERSION, year))))
                : y.map(AssessmentYear::methodologyId).flatMap(id -> repository.methodology(dsl, id))
                .orElseGet(() -> methodologies.latestOrDefault(dsl, actor, year));
        AssessmentRun.Purpose purpose = frozen ? AssessmentRun.Purpose.REPRODUCTION : AssessmentRun.Purpose.OFFICIAL;
        Long factsFrom = frozen ? y.get().officialRunId() : null;
        long id = repository.startRun(dsl, year, m.id(), purpose, actor.name(), factsFrom);
        progress.open(id);
        return new Prepared(id, repository.run(dsl, year, id).orElseThrow(), m, factsFrom, purpose);
    }

    private RunOutcome execute(DSLContext dsl, Actor actor, Prepared p) {
        Consumer<String> step = s -> progress.step(p.runId(), s);
        AssessmentFacts.Snapshot snapshot = p.factsFrom() != null ? repository.facts(dsl, p.factsFrom()).orElseThrow()
                : facts.read(dsl, p.run().year(), step);
        step.accept("scoring");
        List<OrganisationScore> scores = Scoring.score(p.methodology().definition(), snapshot.shared(), snapshot.organisations());
        repository.insertResults(dsl, p.runId(), scores, actor.name());
        repository.finishRun(dsl, p.runId(), p.factsFrom() == null ? snapshot : null, scores.size());
        Boolean reproduces = null;
        if (p.purpose() == AssessmentRun.Purpose.OFFICIAL) {
            repository.setOfficial(dsl, p.run().year(), p.methodology().id(), p.runId());
        } else if (p.purpose() == AssessmentRun.Purpose.REPRODUCTION) {
            reproduces = sameNumbers(scores, originalScores(dsl, p.factsFrom()));
        }
        progress.done(p.runId(), scores.size());
        return new RunOutcome(repository.run(dsl, p.run().year(), p.runId()).orElseThrow(), scores, reproduces);
    }

    /** The first (uncorrected) result of each organisation in a run: what a reproduction must match. */
    private List<OrganisationScore> originalScores(DSLContext dsl, long runId) {
        return repository.results(dsl, runId, null, false).stream().filter(r -> r.version() == 1).map(StoredResult::score).toList();
    }

    static boolean sameNumbers(List<OrganisationScore> a, List<OrganisationScore> b) {
        Map<String, OrganisationScore> byOrg = new HashMap<>();
        b.forEach(s -> byOrg.put(s.organisationCode(), s));
        if (a.size() != b.size()) {
            return false;
        }
        for (OrganisationScore s : a) {
            OrganisationScore o = byOrg.get(s.organisationCode());
            if (o == null || !Objects.equals(s.total(), o.total()) || !Objects.equals(s.grade(), o.grade())
                    || !Objects.equals(s.rankOverall(), o.rankOverall()) || !Objects.equals(s.rankInGroup(), o.rankInGroup())) {
                return false;
            }
            for (int i = 0; i < s.indicators().size(); i++) {
                if (!Objects.equals(s.indicators().get(i).points(), o.indicators().get(i).points())
                        || s.indicators().get(i).status() != o.indicators().get(i).status()) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- what-if ----

    public record WhatIfRow(String organisationCode, String organisationName, PeerGroup peerGroup, Double baseTotal, String baseGrade,
                            Integer baseRank, Double otherTotal, String otherGrade, Integer otherRank, Integer rankChange,
                            Map<String, Double[]> indicatorPoints) {
    }

    public record WhatIf(int year, int baseVersion, int otherVersion, long runId, List<WhatIfRow> rows) {
    }

    public Mono<WhatIf> whatIf(CurrentUser user, int year, int version) {
        requireOffice(user);
        return db.tx(dsl -> whatIf(dsl, user.actor(), year, version));
    }

    /** Runs {@code version} on the facts of the year's official run, side by side with it; nothing published changes. */
    public WhatIf whatIf(DSLContext dsl, Actor actor, int year, int version) {
        AssessmentYear y = repository.year(dsl, year).filter(a -> a.officialRunId() != null)
                .orElseThrow(() -> new NotFoundException("assessment", year));
        Methodology other = repository.methodology(dsl, year, version)
                .orElseThrow(() -> new InvalidInputException(List.of(FieldProblem.of("version", version, ProblemCode.UNKNOWN_METHODOLOGY_VERSION, year))));
        Methodology base = repository.methodology(dsl, y.methodologyId()).orElseThrow();
        AssessmentFacts.Snapshot snapshot = repository.facts(dsl, y.officialRunId()).orElseThrow();
        long id = repository.startRun(dsl, year, other.id(), AssessmentRun.Purpose.WHAT_IF, actor.name(), y.officialRunId());
        List<OrganisationScore> scores = Scoring.score(other.definition(), snapshot.shared(), snapshot.organisations());
        repository.insertResults(dsl, id, scores, actor.name());
        repository.finishRun(dsl, id, null, scores.size());
        Map<String, OrganisationScore> others = new HashMap<>();
        scores.forEach(s -> others.put(s.organisationCode(), s));
        Map<String, String> names = names(dsl);
        List<WhatIfRow> rows = new ArrayList<>();
        for (StoredResult r : repository.results(dsl, y.officialRunId(), null, true)) {
            OrganisationScore b = r.score();
            OrganisationScore o = others.get(b.organisationCode());
            Map<String, Double[]> points = new LinkedHashMap<>();
            b.indicators().forEach(i -> points.put(i.code(), new Double[]{i.points(), null}));
            if (o != null) {
                o.indicators().forEach(i -> points.computeIfAbsent(i.code(), k -> new Double[2])[1] = i.points());
            }
            rows.add(new WhatIfRow(b.organisationCode(), names.get(b.organisationCode()), b.peerGroup(), b.total(), b.grade(), b.rankInGroup(),
                    o == null ? null : o.total(), o == null ? null : o.grade(), o == null ? null : o.rankInGroup(),
                    o == null || o.rankInGroup() == null || b.rankInGroup() == null ? null : b.rankInGroup() - o.rankInGroup(), points));
        }
        return new WhatIf(year, base.version(), other.version(), id, rows);
    }

    // ---- publication ----

    public record PublishInput(LocalDate challengeUntil) {
    }

    public Mono<YearView> publish(CurrentUser user, int year, PublishInput input) {
        requireOffice(user);
        return db.tx(dsl -> publish(dsl, user.actor(), year, input));
    }

    public YearView publish(DSLContext dsl, Actor actor, int year, PublishInput input) {
        AssessmentYear y = repository.year(dsl, year).filter(a -> a.officialRunId() != null)
                .orElseThrow(() -> new NotFoundException("assessment", year));
        requireState(y, PublicationState.DRAFT);
        LocalDate until = input == null || input.challengeUntil() == null ? LocalDate.now(AssessmentFacts.ZONE).plusDays(15) : input.challengeUntil();
        repository.publish(dsl, year, actor.name(), until);
        return yearView(dsl, year);
    }

    public Mono<YearView> finalise(CurrentUser user, int year) {
        requireOffice(user);
        return db.tx(dsl -> finalise(dsl, user.actor(), year));
    }

    /** Published → final, once no challenge waits for a decision. */
    public YearView finalise(DSLContext dsl, Actor actor, int year) {
        AssessmentYear y = repository.year(dsl, year).orElseThrow(() -> new NotFoundException("assessment", year));
        requireState(y, PublicationState.PUBLISHED);
        long open = repository.challenges(dsl, year, null).stream().filter(c -> c.status() == Challenge.Status.FILED).count();
        if (open > 0) {
            throw new InvalidInputException(List.of(FieldProblem.of("year", year, ProblemCode.CHALLENGES_OPEN, open)));
        }
        repository.finalise(dsl, year, actor.name());
        // rule R10 reads the final grade for the following budget year: its verdicts are recomputed now, in this transaction
        eligibility.recompute(dsl, year + 1, null, Eligibility.Cause.of("assessmentFinal", "year", year, "user", actor.name()));
        return yearView(dsl, year);
    }

    // ---- manual values ----

    public record ManualInput(String organisationCode, String indicatorCode, Double value, String evidence, String reason) {
    }

    public Mono<Map<String, Map<String, OrganisationFacts.ManualFact>>> manualValues(CurrentUser user, int year) {
        return db.tx(dsl -> {
            var all = repository.manualValues(dsl, year);
            return user.organisationScope().map(o -> Map.of(o, all.getOrDefault(o, Map.of()))).orElse(all);
        });
    }

    public Mono<Void> putManual(CurrentUser user, int year, ManualInput input) {
        requireOffice(user);
        return db.tx(dsl -> {
            putManual(dsl, user.actor(), year, input);
            return true;
        }).then();
    }

    public void putManual(DSLContext dsl, Actor actor, int year, ManualInput input) {
        repository.year(dsl, year).ifPresent(y -> requireState(y, PublicationState.DRAFT));
        List<FieldProblem> problems = new ArrayList<>();
        if (input.organisationCode() == null || !organisations.exists(dsl, input.organisationCode())) {
            problems.add(FieldProblem.of("organisationCode", input.organisationCode(), ProblemCode.UNKNOWN_ORGANISATION));
        }
        Methodology m = methodologies.latestOrDefault(dsl, actor, year);
        boolean manual = m.definition().pillars().stream().flatMap(p -> p.indicators().stream())
                .anyMatch(i -> i.code().equals(input.indicatorCode()) && i.kind() == IndicatorKind.MANUAL);
        if (!manual) {
            problems.add(FieldProblem.of("indicatorCode", input.indicatorCode(), ProblemCode.NOT_MANUAL_INDICATOR));
        }
        if (input.value() == null || input.value() < 0 || input.value() > 100) {
            problems.add(FieldProblem.between("value", input.value(), 0, 100));
        }
        if (blank(input.evidence())) {
            problems.add(FieldProblem.of("evidence", input.evidence(), ProblemCode.EVIDENCE_REQUIRED));
        }
        if (blank(input.reason())) {
            problems.add(FieldProblem.of("reason", input.reason(), ProblemCode.ASSESSMENT_REASON_REQUIRED));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        repository.putManual(dsl, year, input.organisationCode(), input.indicatorCode(), input.value(), input.evidence().strip(),
                input.reason().strip(), actor.name());
    }

    // ---- challenges ----

    /** A challenge as filed; its evidence files are attached to it afterwards ({@link #attach}). */
    public record ChallengeInput(String organisationCode, String indicatorCode, String reason) {
    }

    /** Most files one challenge may carry. */
    static final int MAX_ATTACHMENTS = 20;

    public record DecisionInput(Boolean accept, String reason, Double correctedPercent) {

        boolean accepted() {
            return Boolean.TRUE.equals(accept);
        }
    }

    /** Every organisation's challenges of a year, in the caller's transaction. */
    public List<Challenge> challenges(DSLContext dsl, int year) {
        return repository.challenges(dsl, year, null);
    }

    public Mono<List<Challenge>> challenges(CurrentUser user, int year) {
        return db.tx(dsl -> repository.challenges(dsl, year, user.organisationScope().orElse(null)));
    }

    public Mono<Challenge> fileChallenge(CurrentUser user, int year, ChallengeInput input) {
        return db.tx(dsl -> fileChallenge(dsl, user, year, input));
    }

    public Challenge fileChallenge(DSLContext dsl, CurrentUser user, int year, ChallengeInput input) {
        String org = input.organisationCode();
        if (org == null || user.role() != Role.DEPARTMENT || !org.equals(user.organisationCode())) {
            throw new AccessRefusedException(ResponseCode.CHANGE_REFUSED, user.username(), org);
        }
        AssessmentYear y = repository.year(dsl, year).orElseThrow(() -> new NotFoundException("assessment", year));
        requireState(y, PublicationState.PUBLISHED);
        List<FieldProblem> problems = new ArrayList<>();
        if (LocalDate.now(AssessmentFacts.ZONE).isAfter(y.challengeUntil())) {
            problems.add(FieldProblem.of("year", year, ProblemCode.CHALLENGE_WINDOW_CLOSED, y.challengeUntil()));
        }
        StoredResult result = repository.results(dsl, y.officialRunId(), org, true).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("assessment result", year + "/" + org));
        if (result.score().indicators().stream().noneMatch(i -> i.code().equals(input.indicatorCode()))) {
            problems.add(FieldProblem.of("indicatorCode", input.indicatorCode(), ProblemCode.UNKNOWN_INDICATOR));
        }
        if (blank(input.reason())) {
            problems.add(FieldProblem.of("reason", input.reason(), ProblemCode.ASSESSMENT_REASON_REQUIRED));
        } else if (input.reason().length() > 4000) {
            problems.add(FieldProblem.maxLength("reason", input.reason().substring(0, 40), 4000));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = repository.fileChallenge(dsl, year, org, input.indicatorCode(), input.reason().strip(), user.username());
        return repository.challenges(dsl, year, org).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    /** The largest attachment accepted, in bytes. */
    public int maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    public Mono<Challenge.Attachment> attach(CurrentUser user, int year, long id, String fileName, byte[] content) {
        return db.tx(dsl -> attach(dsl, user, year, id, fileName, content));
    }

    /**
     * Attaches an evidence file to a challenge still waiting for the office: the department that filed it only. The file's type
     * is judged by its content (as filing attachments are), its SHA-256 kept; audited without its content.
     */
    public Challenge.Attachment attach(DSLContext dsl, CurrentUser user, int year, long id, String fileName, byte[] content) {
        Challenge c = challenge(dsl, user, year, id);
        if (user.role() != Role.DEPARTMENT || !c.organisationCode().equals(user.organisationCode())) {
            throw new AccessRefusedException(ResponseCode.CHANGE_REFUSED, user.username(), c.organisationCode());
        }
        if (c.status() != Challenge.Status.FILED) {
            throw new InvalidInputException(FieldProblem.of("status", c.status(), ProblemCode.ALREADY_DECIDED, c.status()));
        }
        if (c.attachments().size() >= MAX_ATTACHMENTS) {
            throw new InvalidInputException(FieldProblem.of("file", fileName, ProblemCode.TOO_MANY_ATTACHMENTS, MAX_ATTACHMENTS));
        }
        AttachmentContent.Checked checked = AttachmentContent.check(fileName, content, maxAttachmentBytes);
        long attachment = repository.attach(dsl, id, checked.fileName(), checked.contentType(), content, checked.sha256(), user.username());
        return challenge(dsl, user, year, id).attachments().stream().filter(a -> a.id() == attachment).findFirst().orElseThrow();
    }

    /** An attachment's content, for whoever may read the challenge (a department: its own organisation's). */
    public Mono<Challenge.Download> download(CurrentUser user, int year, long id, long attachment) {
        return db.tx(dsl -> {
            challenge(dsl, user, year, id);
            return repository.attachment(dsl, id, attachment).orElseThrow(() -> new NotFoundException("attachment", attachment));
        });
    }

    /** A challenge of the year the user may read (a department: its own organisation's), or not found. */
    private Challenge challenge(DSLContext dsl, CurrentUser user, int year, long id) {
        return repository.challenges(dsl, year, user.organisationScope().orElse(null)).stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("challenge", id));
    }

    public Mono<Challenge> decide(CurrentUser user, int year, long id, DecisionInput input) {
        requireOffice(user);
        return db.tx(dsl -> decide(dsl, user.actor(), year, id, input));
    }

    /** The office accepts (with a corrected score, percent of the indicator's weight: a new result version) or rejects, always with a reason. */
    public Challenge decide(DSLContext dsl, Actor actor, int year, long id, DecisionInput input) {
        AssessmentYear y = repository.year(dsl, year).orElseThrow(() -> new NotFoundException("assessment", year));
        Challenge c = repository.challenges(dsl, year, null).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("challenge", id));
        List<FieldProblem> problems = new ArrayList<>();
        if (c.status() != Challenge.Status.FILED) {
            problems.add(FieldProblem.of("status", c.status(), ProblemCode.ALREADY_DECIDED, c.status()));
        }
        if (blank(input.reason())) {
            problems.add(FieldProblem.of("reason", input.reason(), ProblemCode.ASSESSMENT_REASON_REQUIRED));
        }
        if (input.accepted() && (input.correctedPercent() == null || input.correctedPercent() < 0 || input.correctedPercent() > 100)) {
            problems.add(FieldProblem.between("correctedPercent", input.correctedPercent(), 0, 100));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (input.accepted()) {
            requireState(y, PublicationState.PUBLISHED);
            Methodology m = repository.methodology(dsl, y.methodologyId()).orElseThrow();
            List<StoredResult> all = repository.results(dsl, y.officialRunId(), null, true);
            StoredResult mine = all.stream().filter(r -> r.score().organisationCode().equals(c.organisationCode())).findFirst().orElseThrow();
            List<IndicatorScore> indicators = mine.score().indicators().stream()
                    .map(i -> i.code().equals(c.indicatorCode()) ? i.corrected(input.correctedPercent() / 100, input.reason().strip()) : i).toList();
            OrganisationScore corrected = Scoring.total(m.definition(), c.organisationCode(), null, mine.score().peerGroup(), indicators);
            List<OrganisationScore> others = new ArrayList<>(all.stream().map(StoredResult::score)
                    .filter(s -> !s.organisationCode().equals(c.organisationCode())).toList());
            others.add(corrected);
            List<OrganisationScore> ranked = Scoring.rank(others);
            OrganisationScore rankedMine = ranked.stream().filter(s -> s.organisationCode().equals(c.organisationCode())).findFirst().orElseThrow();
            repository.correct(dsl, y.officialRunId(), rankedMine, mine.version() + 1,
                    "#" + id + " " + input.reason().strip(), actor.name());
            repository.rerank(dsl, y.officialRunId(), ranked);
        }
        repository.decide(dsl, id, input.accepted() ? Challenge.Status.ACCEPTED : Challenge.Status.REJECTED, input.reason().strip(),
                input.accepted() ? input.correctedPercent() : null, actor.name());
        return repository.challenges(dsl, year, null).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    // ---- helpers ----

    /** The published grade of an organisation's final year, for rule R10 (through the eligibility interface). */
    Optional<StoredResult> finalResult(DSLContext dsl, String organisation, int year) {
        return repository.year(dsl, year).filter(y -> y.state() == PublicationState.FINAL && y.officialRunId() != null)
                .flatMap(y -> repository.results(dsl, y.officialRunId(), organisation, true).stream().findFirst());
    }

    Optional<Methodology> methodology(DSLContext dsl, Long id) {
        return id == null ? Optional.empty() : repository.methodology(dsl, id);
    }

    Optional<AssessmentYear> publication(DSLContext dsl, int year) {
        return repository.year(dsl, year);
    }

    private Map<String, String> names(DSLContext dsl) {
        Map<String, String> names = new HashMap<>();
        for (Organisation o : organisations.active(dsl)) {
            names.put(o.code(), o.name());
        }
        return names;
    }

    static void requireOffice(CurrentUser user) {
        if (user.role() != Role.EGOV_ADMIN) {
            throw new AccessRefusedException(ResponseCode.FORBIDDEN);
        }
    }

    private static void requireState(AssessmentYear y, PublicationState wanted) {
        if (y.state() != wanted) {
            throw new InvalidInputException(List.of(FieldProblem.of("state", y.state(), ProblemCode.ASSESSMENT_STATE, wanted)));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
