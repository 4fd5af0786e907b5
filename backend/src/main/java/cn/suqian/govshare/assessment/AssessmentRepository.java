package cn.suqian.govshare.assessment;

import cn.suqian.govshare.assessment.OrganisationFacts.ManualFact;
import cn.suqian.govshare.assessment.Scoring.OrganisationScore;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.ASSESSMENT_CHALLENGE;
import static cn.suqian.govshare.db.schema.Tables.ASSESSMENT_CHALLENGE_ATTACHMENT;
import static cn.suqian.govshare.db.schema.Tables.ASSESSMENT_MANUAL_VALUE;
import static cn.suqian.govshare.db.schema.Tables.ASSESSMENT_METHODOLOGY;
import static cn.suqian.govshare.db.schema.Tables.ASSESSMENT_RESULT;
import static cn.suqian.govshare.db.schema.Tables.ASSESSMENT_RUN;
import static cn.suqian.govshare.db.schema.Tables.ASSESSMENT_YEAR;

/** The assessment's rows. Called inside a {@code Db.tx}. */
@Repository
class AssessmentRepository {

    static final JsonMapper JSON = JsonMapper.builder().build();

    // ---- methodologies ----

    long insertMethodology(DSLContext dsl, int year, int version, String name, Methodology.Definition definition, String changeLog, String author) {
        return dsl.insertInto(ASSESSMENT_METHODOLOGY)
                .set(ASSESSMENT_METHODOLOGY.YEAR, year).set(ASSESSMENT_METHODOLOGY.VERSION, version)
                .set(ASSESSMENT_METHODOLOGY.NAME, name).set(ASSESSMENT_METHODOLOGY.DEFINITION, json(definition))
                .set(ASSESSMENT_METHODOLOGY.CHANGE_LOG, changeLog).set(ASSESSMENT_METHODOLOGY.AUTHOR, author)
                .returning(ASSESSMENT_METHODOLOGY.ID).fetchOne().getId();
    }

    int nextVersion(DSLContext dsl, int year) {
        Integer max = dsl.select(DSL.max(ASSESSMENT_METHODOLOGY.VERSION)).from(ASSESSMENT_METHODOLOGY)
                .where(ASSESSMENT_METHODOLOGY.YEAR.eq(year)).fetchOne().value1();
        return max == null ? 1 : max + 1;
    }

    List<Methodology> methodologies(DSLContext dsl, Integer year) {
        var m = ASSESSMENT_METHODOLOGY;
        return dsl.selectFrom(m).where(year == null ? DSL.noCondition() : m.YEAR.eq(year)).orderBy(m.YEAR.desc(), m.VERSION.desc())
                .fetch(r -> new Methodology(r.getId(), r.getYear(), r.getVersion(), r.getName(), read(r.getDefinition(), Methodology.Definition.class),
                        r.getChangeLog(), r.getAuthor(), r.getCreatedAt()));
    }

    Optional<Methodology> methodology(DSLContext dsl, long id) {
        return methodologies(dsl, null).stream().filter(m -> m.id() == id).findFirst();
    }

    Optional<Methodology> methodology(DSLContext dsl, int year, int version) {
        return methodologies(dsl, year).stream().filter(m -> m.version() == version).findFirst();
    }

    // ---- years ----

    Optional<AssessmentYear> year(DSLContext dsl, int year) {
        var y = ASSESSMENT_YEAR;
        return dsl.selectFrom(y).where(y.YEAR.eq(year)).fetchOptional(r -> new AssessmentYear(r.getYear(), r.getState(), r.getMethodologyId(),
                r.getOfficialRunId(), r.getPublishedAt(), r.getPublishedBy(), r.getChallengeUntil(), r.getFinalisedAt(), r.getFinalisedBy()));
    }

    List<AssessmentYear> years(DSLContext dsl) {
        var y = ASSESSMENT_YEAR;
        return dsl.selectFrom(y).orderBy(y.YEAR.desc()).fetch(r -> new AssessmentYear(r.getYear(), r.getState(), r.getMethodologyId(),
                r.getOfficialRunId(), r.getPublishedAt(), r.getPublishedBy(), r.getChallengeUntil(), r.getFinalisedAt(), r.getFinalisedBy()));
    }

    void setOfficial(DSLContext dsl, int year, long methodologyId, long runId) {
        dsl.insertInto(ASSESSMENT_YEAR).set(ASSESSMENT_YEAR.YEAR, year).set(ASSESSMENT_YEAR.METHODOLOGY_ID, methodologyId)
                .set(ASSESSMENT_YEAR.OFFICIAL_RUN_ID, runId).set(ASSESSMENT_YEAR.STATE, PublicationState.DRAFT)
                .onConflict(ASSESSMENT_YEAR.YEAR).doUpdate()
                .set(ASSESSMENT_YEAR.METHODOLOGY_ID, methodologyId).set(ASSESSMENT_YEAR.OFFICIAL_RUN_ID, runId)
                .where(ASSESSMENT_YEAR.STATE.eq(PublicationState.DRAFT)).execute();
    }

    void publish(DSLContext dsl, int year, String by, LocalDate challengeUntil) {
        dsl.update(ASSESSMENT_YEAR).set(ASSESSMENT_YEAR.STATE, PublicationState.PUBLISHED).set(ASSESSMENT_YEAR.PUBLISHED_AT, OffsetDateTime.now())
                .set(ASSESSMENT_YEAR.PUBLISHED_BY, by).set(ASSESSMENT_YEAR.CHALLENGE_UNTIL, challengeUntil)
                .where(ASSESSMENT_YEAR.YEAR.eq(year)).execute();
    }

    void finalise(DSLContext dsl, int year, String by) {
        dsl.update(ASSESSMENT_YEAR).set(ASSESSMENT_YEAR.STATE, PublicationState.FINAL).set(ASSESSMENT_YEAR.FINALISED_AT, OffsetDateTime.now())
                .set(ASSESSMENT_YEAR.FINALISED_BY, by).where(ASSESSMENT_YEAR.YEAR.eq(year)).execute();
    }

    // ---- runs ----

    long startRun(DSLContext dsl, int year, long methodologyId, AssessmentRun.Purpose purpose, String by, Long factsFromRun) {
        return dsl.insertInto(ASSESSMENT_RUN).set(ASSESSMENT_RUN.YEAR, year).set(ASSESSMENT_RUN.METHODOLOGY_ID, methodologyId)
                .set(ASSESSMENT_RUN.PURPOSE, purpose).set(ASSESSMENT_RUN.STARTED_BY, by).set(ASSESSMENT_RUN.FACTS_FROM_RUN, factsFromRun)
                .returning(ASSESSMENT_RUN.ID).fetchOne().getId();
    }

    void finishRun(DSLContext dsl, long runId, AssessmentFacts.Snapshot facts, int organisations) {
        dsl.update(ASSESSMENT_RUN).set(ASSESSMENT_RUN.STATUS, AssessmentRun.Status.DONE).set(ASSESSMENT_RUN.FINISHED_AT, OffsetDateTime.now())
                .set(ASSESSMENT_RUN.ORGANISATIONS, organisations).set(ASSESSMENT_RUN.FACTS, facts == null ? null : json(facts))
                .where(ASSESSMENT_RUN.ID.eq(runId)).execute();
    }

    void failRun(DSLContext dsl, long runId, String failure) {
        dsl.update(ASSESSMENT_RUN).set(ASSESSMENT_RUN.STATUS, AssessmentRun.Status.FAILED).set(ASSESSMENT_RUN.FINISHED_AT, OffsetDateTime.now())
                .set(ASSESSMENT_RUN.FAILURE, failure).where(ASSESSMENT_RUN.ID.eq(runId)).execute();
    }

    /** The facts a run computed from: its own snapshot, or the snapshot of the run it re-used. */
    Optional<AssessmentFacts.Snapshot> facts(DSLContext dsl, long runId) {
        var r = dsl.select(ASSESSMENT_RUN.FACTS, ASSESSMENT_RUN.FACTS_FROM_RUN).from(ASSESSMENT_RUN).where(ASSESSMENT_RUN.ID.eq(runId)).fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        if (r.value1() != null) {
            return Optional.of(read(r.value1(), AssessmentFacts.Snapshot.class));
        }
        return r.value2() == null ? Optional.empty() : facts(dsl, r.value2());
    }

    List<AssessmentRun> runs(DSLContext dsl, int year) {
        var r = ASSESSMENT_RUN;
        var m = ASSESSMENT_METHODOLOGY;
        return dsl.select(r.ID, r.YEAR, r.METHODOLOGY_ID, m.VERSION, r.PURPOSE, r.STATUS, r.STARTED_BY, r.STARTED_AT, r.FINISHED_AT,
                        r.ORGANISATIONS, r.FACTS_FROM_RUN, r.FAILURE)
                .from(r).join(m).on(m.ID.eq(r.METHODOLOGY_ID)).where(r.YEAR.eq(year)).orderBy(r.ID.desc())
                .fetch(x -> new AssessmentRun(x.value1(), x.value2(), x.value3(), x.value4(), x.value5(), x.value6(), x.value7(), x.value8(),
                        x.value9(), x.value10(), x.value11(), x.value12()));
    }

    Optional<AssessmentRun> run(DSLContext dsl, int year, long id) {
        return runs(dsl, year).stream().filter(r -> r.id() == id).findFirst();
    }

    // ---- results ----

    void insertResults(DSLContext dsl, long runId, List<OrganisationScore> scores, String by) {
        var q = dsl.insertInto(ASSESSMENT_RESULT, ASSESSMENT_RESULT.RUN_ID, ASSESSMENT_RESULT.ORGANISATION_CODE, ASSESSMENT_RESULT.PEER_GROUP,
                ASSESSMENT_RESULT.TOTAL, ASSESSMENT_RESULT.GRADE, ASSESSMENT_RESULT.RANK_OVERALL, ASSESSMENT_RESULT.RANK_IN_GROUP,
                ASSESSMENT_RESULT.PILLARS, ASSESSMENT_RESULT.INDICATORS, ASSESSMENT_RESULT.CREATED_BY);
        for (OrganisationScore s : scores) {
            q = q.values(runId, s.organisationCode(), s.peerGroup(), s.total() == null ? null : BigDecimal.valueOf(s.total()), s.grade(),
                    s.rankOverall(), s.rankInGroup(), json(s.pillars()), json(s.indicators()), by);
        }
        if (!scores.isEmpty()) {
            q.execute();
        }
    }

    /** A corrected result: the current one is kept as history, the new version becomes current; ranks of others are updated. */
    void correct(DSLContext dsl, long runId, OrganisationScore corrected, int newVersion, String reason, String by) {
        dsl.update(ASSESSMENT_RESULT).set(ASSESSMENT_RESULT.CURRENT, false)
                .where(ASSESSMENT_RESULT.RUN_ID.eq(runId)).and(ASSESSMENT_RESULT.ORGANISATION_CODE.eq(corrected.organisationCode())).execute();
        dsl.insertInto(ASSESSMENT_RESULT).set(ASSESSMENT_RESULT.RUN_ID, runId).set(ASSESSMENT_RESULT.ORGANISATION_CODE, corrected.organisationCode())
                .set(ASSESSMENT_RESULT.RESULT_VERSION, newVersion).set(ASSESSMENT_RESULT.PEER_GROUP, corrected.peerGroup())
                .set(ASSESSMENT_RESULT.TOTAL, corrected.total() == null ? null : BigDecimal.valueOf(corrected.total()))
                .set(ASSESSMENT_RESULT.GRADE, corrected.grade()).set(ASSESSMENT_RESULT.RANK_OVERALL, corrected.rankOverall())
                .set(ASSESSMENT_RESULT.RANK_IN_GROUP, corrected.rankInGroup()).set(ASSESSMENT_RESULT.PILLARS, json(corrected.pillars()))
                .set(ASSESSMENT_RESULT.INDICATORS, json(corrected.indicators())).set(ASSESSMENT_RESULT.CORRECTION_REASON, reason)
                .set(ASSESSMENT_RESULT.CREATED_BY, by).execute();
    }

    void rerank(DSLContext dsl, long runId, List<OrganisationScore> ranked) {
        for (OrganisationScore s : ranked) {
            dsl.update(ASSESSMENT_RESULT).set(ASSESSMENT_RESULT.RANK_OVERALL, s.rankOverall()).set(ASSESSMENT_RESULT.RANK_IN_GROUP, s.rankInGroup())
                    .where(ASSESSMENT_RESULT.RUN_ID.eq(runId)).and(ASSESSMENT_RESULT.ORGANISATION_CODE.eq(s.organisationCode()))
                    .and(ASSESSMENT_RESULT.CURRENT.isTrue()).execute();
        }
    }

    /** A stored result as read back: the score plus its version and correction. */
    record StoredResult(OrganisationScore score, int version, String correctionReason, OffsetDateTime createdAt) {
    }

    List<StoredResult> results(DSLContext dsl, long runId, String organisation, boolean currentOnly) {
        var r = ASSESSMENT_RESULT;
        return dsl.selectFrom(r).where(r.RUN_ID.eq(runId))
                .and(organisation == null ? DSL.noCondition() : r.ORGANISATION_CODE.eq(organisation))
                .and(currentOnly ? r.CURRENT.isTrue() : DSL.noCondition())
                .orderBy(r.RANK_OVERALL.asc().nullsLast(), r.ORGANISATION_CODE, r.RESULT_VERSION.desc())
                .fetch(x -> new StoredResult(new OrganisationScore(x.getOrganisationCode(), null, x.getPeerGroup(),
                        x.getTotal() == null ? null : x.getTotal().doubleValue(), x.getGrade(), null, x.getRankOverall(), x.getRankInGroup(),
                        read(x.getPillars(), new TypeReference<List<Scoring.PillarScore>>() { }),
                        read(x.getIndicators(), new TypeReference<List<Scoring.IndicatorScore>>() { })),
                        x.getResultVersion(), x.getCorrectionReason(), x.getCreatedAt()));
    }

    /** Current totals of the official run of every year with one, for an organisation (null: all). Year → org → result. */
    Map<Integer, Map<String, StoredResult>> officialHistory(DSLContext dsl, String organisation) {
        Map<Integer, Map<String, StoredResult>> out = new LinkedHashMap<>();
        for (AssessmentYear y : years(dsl)) {
            if (y.officialRunId() == null) {
                continue;
            }
            Map<String, StoredResult> byOrg = new LinkedHashMap<>();
            results(dsl, y.officialRunId(), organisation, true).forEach(s -> byOrg.put(s.score().organisationCode(), s));
            out.put(y.year(), byOrg);
        }
        return out;
    }

    // ---- manual values ----

    Map<String, Map<String, ManualFact>> manualValues(DSLContext dsl, int year) {
        var m = ASSESSMENT_MANUAL_VALUE;
        Map<String, Map<String, ManualFact>> out = new HashMap<>();
        dsl.selectFrom(m).where(m.YEAR.eq(year)).orderBy(m.ORGANISATION_CODE, m.INDICATOR_CODE)
                .forEach(r -> out.computeIfAbsent(r.getOrganisationCode(), k -> new LinkedHashMap<>()).put(r.getIndicatorCode(),
                        new ManualFact(r.getValue().doubleValue(), r.getEvidence(), r.getReason(), r.getEnteredBy())));
        return out;
    }

    void putManual(DSLContext dsl, int year, String organisation, String indicator, double value, String evidence, String reason, String by) {
        var m = ASSESSMENT_MANUAL_VALUE;
        dsl.insertInto(m).set(m.YEAR, year).set(m.ORGANISATION_CODE, organisation).set(m.INDICATOR_CODE, indicator)
                .set(m.VALUE, BigDecimal.valueOf(value)).set(m.EVIDENCE, evidence).set(m.REASON, reason).set(m.ENTERED_BY, by)
                .onConflict(m.YEAR, m.ORGANISATION_CODE, m.INDICATOR_CODE).doUpdate()
                .set(m.VALUE, BigDecimal.valueOf(value)).set(m.EVIDENCE, evidence).set(m.REASON, reason).set(m.ENTERED_BY, by)
                .set(m.ENTERED_AT, OffsetDateTime.now()).execute();
    }

    // ---- challenges ----

    long fileChallenge(DSLContext dsl, int year, String organisation, String indicator, String reason, String by) {
        var c = ASSESSMENT_CHALLENGE;
        return dsl.insertInto(c).set(c.YEAR, year).set(c.ORGANISATION_CODE, organisation).set(c.INDICATOR_CODE, indicator).set(c.REASON, reason)
                .set(c.FILED_BY, by).returning(c.ID).fetchOne().getId();
    }

    long attach(DSLContext dsl, long challenge, String fileName, String contentType, byte[] content, String sha256, String by) {
        var a = ASSESSMENT_CHALLENGE_ATTACHMENT;
        return dsl.insertInto(a).set(a.CHALLENGE_ID, challenge).set(a.FILE_NAME, fileName).set(a.CONTENT_TYPE, contentType)
                .set(a.SIZE_BYTES, content.length).set(a.SHA256, sha256).set(a.CONTENT, content).set(a.UPLOADED_BY, by)
                .returning(a.ID).fetchOne().getId();
    }

    int attachmentCount(DSLContext dsl, long challenge) {
        return dsl.fetchCount(ASSESSMENT_CHALLENGE_ATTACHMENT, ASSESSMENT_CHALLENGE_ATTACHMENT.CHALLENGE_ID.eq(challenge));
    }

    /** One attachment of a challenge with its content, or empty. */
    Optional<Challenge.Download> attachment(DSLContext dsl, long challenge, long id) {
        var a = ASSESSMENT_CHALLENGE_ATTACHMENT;
        return dsl.selectFrom(a).where(a.ID.eq(id)).and(a.CHALLENGE_ID.eq(challenge))
                .fetchOptional(r -> new Challenge.Download(r.getFileName(), r.getContentType(), r.getSha256(), r.getContent()));
    }

    void decide(DSLContext dsl, long id, Challenge.Status status, String reason, Double corrected, String by) {
        var c = ASSESSMENT_CHALLENGE;
        dsl.update(c).set(c.STATUS, status).set(c.DECISION_REASON, reason).set(c.DECIDED_BY, by).set(c.DECIDED_AT, OffsetDateTime.now())
                .set(c.CORRECTED_SCORE, corrected == null ? null : BigDecimal.valueOf(corrected)).where(c.ID.eq(id)).execute();
    }

    List<Challenge> challenges(DSLContext dsl, int year, String organisation) {
        var c = ASSESSMENT_CHALLENGE;
        var a = ASSESSMENT_CHALLENGE_ATTACHMENT;
        Map<Long, List<Challenge.Attachment>> files = new HashMap<>();
        dsl.select(a.ID, a.CHALLENGE_ID, a.FILE_NAME, a.CONTENT_TYPE, a.SIZE_BYTES, a.SHA256, a.UPLOADED_BY, a.UPLOADED_AT)
                .from(a).join(c).on(c.ID.eq(a.CHALLENGE_ID))
                .where(c.YEAR.eq(year)).and(organisation == null ? DSL.noCondition() : c.ORGANISATION_CODE.eq(organisation))
                .orderBy(a.ID)
                .forEach(r -> files.computeIfAbsent(r.get(a.CHALLENGE_ID), k -> new java.util.ArrayList<>()).add(new Challenge.Attachment(
                        r.get(a.ID), r.get(a.FILE_NAME), r.get(a.CONTENT_TYPE), r.get(a.SIZE_BYTES), r.get(a.SHA256), r.get(a.UPLOADED_BY),
                        r.get(a.UPLOADED_AT))));
        return dsl.selectFrom(c).where(c.YEAR.eq(year)).and(organisation == null ? DSL.noCondition() : c.ORGANISATION_CODE.eq(organisation))
                .orderBy(c.ID.desc())
                .fetch(r -> new Challenge(r.getId(), r.getYear(), r.getOrganisationCode(), r.getIndicatorCode(), r.getReason(),
                        files.getOrDefault(r.getId(), List.of()), r.getStatus(), r.getFiledBy(), r.getFiledAt(),
                        r.getDecidedBy(), r.getDecidedAt(), r.getDecisionReason(),
                        r.getCorrectedScore() == null ? null : r.getCorrectedScore().doubleValue()));
    }

    // ---- JSON ----

    static JSONB json(Object value) {
        return JSONB.valueOf(JSON.writeValueAsString(value));
    }

    static <T> T read(JSONB value, Class<T> type) {
        return JSON.readValue(value.data(), type);
    }

    static <T> T read(JSONB value, TypeReference<T> type) {
        return JSON.readValue(value.data(), type);
    }

}
