package cn.suqian.govshare.record;

import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.RawJson;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A registry record's history as the audit trail keeps it (every row change, plus retirements with their
 * reason), for the pages' "history" view; and the retirement reason recorded beside the row change. Works
 * inside the caller's transaction; whoever may read the record may read its history.
 */
@Component
public class RecordHistory {

    /** How many of a record's latest events are shown. */
    public static final int LIMIT = 200;

    /** Longest retirement reason kept. */
    public static final int MAX_REASON = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One event in a record's history: who, when, what (INSERT, UPDATE, RETIRE, …), before and after. */
    public record Entry(long id, OffsetDateTime occurredAt, String actor, String actorOrganisation, String action,
                        RawJson before, RawJson after) {
    }

    /** Why a record is being retired; optional for API callers, asked for by the pages. */
    public record Retirement(String reason) {
        public static final Retirement NONE = new Retirement(null);
    }

    private final AuditTrail audit;

    public RecordHistory(AuditTrail audit) {
        this.audit = audit;
    }

    /** The record's events, newest first. */
    public List<Entry> of(DSLContext dsl, String entityType, String code) {
        return audit.page(dsl, new AuditTrail.Filter(entityType, code, null, null, null, LIMIT)).items().stream()
                .map(e -> new Entry(e.id(), e.occurredAt(), e.actor(), e.actorOrganisation(), e.action(), e.before(), e.after()))
                .toList();
    }

    /**
     * A registry as it stood: every record of the table whose {@code field} was {@code value} just before
     * {@code before} (null: now), each as its row's JSON state from the audit trail; deleted ones left out.
     */
    public List<String> statesBefore(DSLContext dsl, String entityType, OffsetDateTime before, String field, String value) {
        return audit.statesBefore(dsl, entityType, before, field, value);
    }

    /** When the registry's recorded history begins (its first row change), empty when it has none. */
    public java.util.Optional<OffsetDateTime> historyStart(DSLContext dsl, String entityType) {
        return audit.historyStart(dsl, entityType);
    }

    /** Refuses a reason too long to keep (before anything is written). */
    public static String reasonOf(Retirement retirement) {
        String reason = retirement == null ? null : RecordRules.trim(retirement.reason());
        if (reason != null && reason.length() > MAX_REASON) {
            throw new InvalidInputException(FieldProblem.maxLength("reason", reason, MAX_REASON));
        }
        return reason;
    }

    /** Records why a record was retired, beside the row change the retirement made. */
    public void retired(DSLContext dsl, String entityType, String code, String reason) {
        if (reason != null) {
            audit.record(dsl, "RETIRE", entityType, code, JSON.writeValueAsString(Map.of("reason", reason)));
        }
    }
}
