package cn.suqian.govshare.filing;

import cn.suqian.govshare.db.Like;
import cn.suqian.govshare.db.schema.tables.records.FilingRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.suqian.govshare.db.schema.Tables.FILING;
import static cn.suqian.govshare.db.schema.Tables.FILING_ATTACHMENT;
import static cn.suqian.govshare.db.schema.Tables.FILING_TRANSITION;
import static cn.suqian.govshare.db.schema.Tables.FILING_WINDOW;

/** Filings, their transitions, attachments and the filing windows. Called inside a {@code Db.tx}. */
@Repository
class FilingRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** List filters; {@code organisation} is forced to the caller's own for departments. */
    record Filter(Integer year, String organisation, List<FilingStatus> status, Filing.ProjectType type, String q) {
    }

    /** The ids of the filings of budget years from {@code fromYear} on that match {@code which}, by year. */
    Map<Integer, List<Long>> ids(DSLContext dsl, Condition which, int fromYear) {
        Map<Integer, List<Long>> out = new java.util.TreeMap<>();
        dsl.select(FILING.BUDGET_YEAR, FILING.ID).from(FILING).where(FILING.BUDGET_YEAR.ge((short) fromYear)).and(which).orderBy(FILING.ID)
                .forEach(r -> out.computeIfAbsent(r.value1().intValue(), y -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    Map<Integer, List<Long>> naming(DSLContext dsl, java.util.Collection<String> systemCodes, int fromYear) {
        return ids(dsl, systemCodes == null ? DSL.noCondition() : DSL.arrayOverlap(FILING.SYSTEM_CODES, systemCodes.toArray(String[]::new)),
                fromYear);
    }

    Map<Integer, List<Long>> ofOrganisation(DSLContext dsl, String organisation, int fromYear) {
        return ids(dsl, FILING.ORGANISATION_CODE.eq(organisation), fromYear);
    }

    List<Filing> find(DSLContext dsl, Filter f) {
        List<Condition> c = new ArrayList<>();
        if (f.year() != null) {
            c.add(FILING.BUDGET_YEAR.eq(f.year().shortValue()));
        }
        if (f.organisation() != null) {
            c.add(FILING.ORGANISATION_CODE.eq(f.organisation()));
        }
        if (f.status() != null && !f.status().isEmpty()) {
            c.add(FILING.STATUS.in(f.status()));
        }
        if (f.type() != null) {
            c.add(FILING.PROJECT_TYPE.eq(f.type()));
        }
        if (f.q() != null && !f.q().isBlank()) {
            c.add(FILING.NAME.like(Like.containing(f.q())));
        }
        List<FilingRecord> rows = dsl.selectFrom(FILING).where(c).orderBy(FILING.BUDGET_YEAR.desc(), FILING.ORGANISATION_CODE, FILING.ID).fetch();
        Map<Long, List<Filing.Attachment>> attachments = attachments(dsl, rows.stream().map(FilingRecord::getId).toList());
        return rows.stream().map(r -> map(r, attachments.getOrDefault(r.getId(), List.of()))).toList();
    }

    Optional<Filing> get(DSLContext dsl, long id) {
        return dsl.selectFrom(FILING).where(FILING.ID.eq(id)).fetchOptional()
                .map(r -> map(r, attachments(dsl, List.of(id)).getOrDefault(id, List.of())));
    }

    Optional<Filing> lock(DSLContext dsl, long id) {
        return dsl.selectFrom(FILING).where(FILING.ID.eq(id)).forUpdate().fetchOptional()
                .map(r -> map(r, attachments(dsl, List.of(id)).getOrDefault(id, List.of())));
    }

    long insert(DSLContext dsl, Filing.Input in, String createdBy) {
        FilingRecord r = dsl.newRecord(FILING);
        fill(r, in);
        r.setStatus(FilingStatus.DRAFT);
        r.setCreatedBy(createdBy);
        r.store();
        return r.getId();
    }

    void update(DSLContext dsl, long id, Filing.Input in) {
        FilingRecord r = dsl.selectFrom(FILING).where(FILING.ID.eq(id)).fetchSingle();
        fill(r, in);
        r.setUpdatedAt(OffsetDateTime.now());
        r.setVersion(r.getVersion() + 1);
        r.store();
    }

    void status(DSLContext dsl, long id, FilingStatus status, OffsetDateTime submittedAt, Boolean late) {
        var u = dsl.update(FILING).set(FILING.STATUS, status).set(FILING.UPDATED_AT, OffsetDateTime.now())
                .set(FILING.VERSION, FILING.VERSION.plus(1));
        if (submittedAt != null) {
            u = u.set(FILING.SUBMITTED_AT, submittedAt).set(FILING.LATE, late);
        }
        u.where(FILING.ID.eq(id)).execute();
    }

    private static void fill(FilingRecord r, Filing.Input in) {
        r.setOrganisationCode(in.organisationCode().strip());
        r.setBudgetYear(in.budgetYear().shortValue());
        r.setProjectType(in.projectType());
        r.setName(in.name().strip());
        r.setConstructionAmount(in.constructionAmount() == null ? java.math.BigDecimal.ZERO : in.constructionAmount());
        r.setOmAmount(in.omAmount() == null ? java.math.BigDecimal.ZERO : in.omAmount());
        r.setFundingSources(JSONB.valueOf(JSON.writeValueAsString(in.fundingSources() == null ? List.of() : in.fundingSources())));
        r.setSystemCodes(codes(in.systemCodes()));
        r.setPlannedSystems(JSONB.valueOf(JSON.writeValueAsString(in.plannedSystems() == null ? List.of() : in.plannedSystems())));
        r.setDeployment(in.deployment());
        r.setDeploymentJustification(trim(in.deploymentJustification()));
        r.setNetwork(in.network());
        r.setNetworkJustification(trim(in.networkJustification()));
        r.setDataRoomWork(in.dataRoomWork() == null ? Filing.DataRoomWork.NONE : in.dataRoomWork());
        r.setOwnExchangePlatform(Boolean.TRUE.equals(in.ownExchangePlatform()));
        r.setProvidedResources(codes(in.providedResources()));
        r.setConsumedResources(codes(in.consumedResources()));
        r.setConnectionPlan(trim(in.connectionPlan()));
        r.setProtectionLevel(in.protectionLevel() == null ? null : in.protectionLevel().shortValue());
        r.setPerformanceTargets(trim(in.performanceTargets()));
    }

    private static String[] codes(List<String> codes) {
        return codes == null ? new String[0] : codes.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).distinct()
                .toArray(String[]::new);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Filing map(FilingRecord r, List<Filing.Attachment> attachments) {
        Set<Filing.AttachmentKind> kinds = EnumSet.noneOf(Filing.AttachmentKind.class);
        attachments.forEach(a -> kinds.add(a.kind()));
        Filing f = new Filing(r.getId(), r.getOrganisationCode(), r.getBudgetYear().intValue(), r.getProjectType(), r.getName(),
                r.getConstructionAmount(), r.getOmAmount(),
                JSON.readValue(r.getFundingSources().data(), new TypeReference<List<Filing.FundingSource>>() { }),
                Arrays.asList(r.getSystemCodes()),
                JSON.readValue(r.getPlannedSystems().data(), new TypeReference<List<Filing.PlannedSystem>>() { }),
                r.getDeployment(), r.getDeploymentJustification(), r.getNetwork(), r.getNetworkJustification(), r.getDataRoomWork(),
                r.getOwnExchangePlatform(), Arrays.asList(r.getProvidedResources()), Arrays.asList(r.getConsumedResources()),
                r.getConnectionPlan(), r.getProtectionLevel() == null ? null : r.getProtectionLevel().intValue(), r.getPerformanceTargets(),
                r.getStatus(), r.getSubmittedAt(), r.getLate(), r.getCreatedBy(), r.getCreatedAt(), r.getUpdatedAt(), r.getVersion(),
                attachments, List.of());
        List<String> missing = FilingRules.missing(f, kinds).stream().map(p -> p.field() + ":" + p.code().code()).toList();
        return new Filing(f.id(), f.organisationCode(), f.budgetYear(), f.projectType(), f.name(), f.constructionAmount(), f.omAmount(),
                f.fundingSources(), f.systemCodes(), f.plannedSystems(), f.deployment(), f.deploymentJustification(), f.network(),
                f.networkJustification(), f.dataRoomWork(), f.ownExchangePlatform(), f.providedResources(), f.consumedResources(),
                f.connectionPlan(), f.protectionLevel(), f.performanceTargets(), f.status(), f.submittedAt(), f.late(), f.createdBy(),
                f.createdAt(), f.updatedAt(), f.version(), attachments, missing);
    }

    private static Map<Long, List<Filing.Attachment>> attachments(DSLContext dsl, List<Long> filingIds) {
        Map<Long, List<Filing.Attachment>> out = new HashMap<>();
        if (filingIds.isEmpty()) {
            return out;
        }
        dsl.select(FILING_ATTACHMENT.FILING_ID, FILING_ATTACHMENT.ID, FILING_ATTACHMENT.KIND, FILING_ATTACHMENT.FILE_NAME,
                        FILING_ATTACHMENT.CONTENT_TYPE, FILING_ATTACHMENT.SIZE_BYTES, FILING_ATTACHMENT.SHA256,
                        FILING_ATTACHMENT.UPLOADED_BY, FILING_ATTACHMENT.UPLOADED_AT)
                .from(FILING_ATTACHMENT)
                .where(filingIds.size() > 200 ? DSL.noCondition() : FILING_ATTACHMENT.FILING_ID.in(filingIds))
                .orderBy(FILING_ATTACHMENT.ID)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new Filing.Attachment(r.value2(), r.value3(),
                        r.value4(), r.value5(), r.value6(), r.value7(), r.value8(), r.value9())));
        return out;
    }

    /** An attachment: its bytes in the database ({@code content}), or its name in the attachment directory ({@code storedIn}). */
    long addAttachment(DSLContext dsl, long filingId, Filing.AttachmentKind kind, AttachmentContent.Checked checked, int size, byte[] content,
                       String storedIn, String uploadedBy) {
        return dsl.insertInto(FILING_ATTACHMENT)
                .set(FILING_ATTACHMENT.FILING_ID, filingId).set(FILING_ATTACHMENT.KIND, kind)
                .set(FILING_ATTACHMENT.FILE_NAME, checked.fileName()).set(FILING_ATTACHMENT.CONTENT_TYPE, checked.contentType())
                .set(FILING_ATTACHMENT.SIZE_BYTES, size).set(FILING_ATTACHMENT.SHA256, checked.sha256())
                .set(FILING_ATTACHMENT.CONTENT, content).set(FILING_ATTACHMENT.STORED_IN, storedIn).set(FILING_ATTACHMENT.UPLOADED_BY, uploadedBy)
                .returning(FILING_ATTACHMENT.ID).fetchSingle().getId();
    }

    /** An attachment's name, type and checksum, with its bytes ({@code content}) or where they are kept ({@code storedIn}). */
    record Download(String fileName, String contentType, String sha256, byte[] content, String storedIn) {

        Download withContent(byte[] bytes) {
            return new Download(fileName, contentType, sha256, bytes, storedIn);
        }
    }

    Optional<Download> download(DSLContext dsl, long filingId, long attachmentId) {
        return dsl.select(FILING_ATTACHMENT.FILE_NAME, FILING_ATTACHMENT.CONTENT_TYPE, FILING_ATTACHMENT.SHA256, FILING_ATTACHMENT.CONTENT,
                        FILING_ATTACHMENT.STORED_IN)
                .from(FILING_ATTACHMENT).where(FILING_ATTACHMENT.FILING_ID.eq(filingId)).and(FILING_ATTACHMENT.ID.eq(attachmentId))
                .fetchOptional(r -> new Download(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    void transition(DSLContext dsl, long filingId, FilingStatus from, FilingStatus to, String actor, String comment, boolean late) {
        dsl.insertInto(FILING_TRANSITION)
                .set(FILING_TRANSITION.FILING_ID, filingId).set(FILING_TRANSITION.FROM_STATUS, from).set(FILING_TRANSITION.TO_STATUS, to)
                .set(FILING_TRANSITION.ACTOR, actor).set(FILING_TRANSITION.COMMENT, comment).set(FILING_TRANSITION.LATE, late)
                .execute();
    }

    List<Filing.Transition> transitions(DSLContext dsl, long filingId) {
        return dsl.selectFrom(FILING_TRANSITION).where(FILING_TRANSITION.FILING_ID.eq(filingId)).orderBy(FILING_TRANSITION.ID)
                .fetch(r -> new Filing.Transition(r.getId(), r.getFromStatus(), r.getToStatus(), r.getActor(), r.getComment(), r.getLate(),
                        r.getAt()));
    }

    Optional<Filing.Window> window(DSLContext dsl, int year) {
        return dsl.selectFrom(FILING_WINDOW).where(FILING_WINDOW.BUDGET_YEAR.eq((short) year)).fetchOptional(r ->
                new Filing.Window(r.getBudgetYear(), r.getOpensOn(), r.getClosesOn(), r.getSetBy(), r.getUpdatedAt()));
    }

    List<Filing.Window> windows(DSLContext dsl) {
        return dsl.selectFrom(FILING_WINDOW).orderBy(FILING_WINDOW.BUDGET_YEAR.desc()).fetch(r ->
                new Filing.Window(r.getBudgetYear(), r.getOpensOn(), r.getClosesOn(), r.getSetBy(), r.getUpdatedAt()));
    }

    void setWindow(DSLContext dsl, int year, LocalDate opens, LocalDate closes, String by) {
        dsl.insertInto(FILING_WINDOW).set(FILING_WINDOW.BUDGET_YEAR, (short) year).set(FILING_WINDOW.OPENS_ON, opens)
                .set(FILING_WINDOW.CLOSES_ON, closes).set(FILING_WINDOW.SET_BY, by)
                .onConflict(FILING_WINDOW.BUDGET_YEAR).doUpdate()
                .set(FILING_WINDOW.OPENS_ON, opens).set(FILING_WINDOW.CLOSES_ON, closes).set(FILING_WINDOW.SET_BY, by)
                .set(FILING_WINDOW.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }
}
