package cn.suqian.govshare.audit;

import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.RawJson;
import cn.suqian.govshare.web.FieldProblem;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.AUDIT_EVENT;
import static cn.suqian.govshare.db.schema.Tables.AUDIT_VERIFY;

/**
 * The audit trail in typed jOOQ, inside the caller's transaction: records domain events that are not row
 * changes, reads pages of events and verifies the chain.
 */
@Component
public class AuditTrail {

    public static final int MAX_PAGE = 500;

    public record AuditEventView(long id, OffsetDateTime occurredAt, String actor, String actorOrganisation,
                                 String action, String entityType, String entityId, RawJson before, RawJson after,
                                 String hash) {
    }

    public record AuditPage(List<AuditEventView> items, Long nextBeforeId) {
    }

    public record Verification(boolean intact, long rowsChecked, Long firstBrokenId, String reason, String lastHash,
                               OffsetDateTime checkedAt) {
    }

    public record Filter(String entityType, String entityId, String actor, String organisation, Long beforeId, int limit) {
        public Filter {
            if (limit < 1 || limit > MAX_PAGE) {
                throw new InvalidInputException(FieldProblem.between("limit", limit, 1, MAX_PAGE));
            }
        }
    }

    /** Records a domain event (not a row change) in the caller's transaction. */
    public void record(DSLContext dsl, String action, String entityType, String entityId, String detailJson) {
        dsl.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.ACTOR, DSL.coalesce(setting("govshare.actor"), DSL.inline("system")))
                .set(AUDIT_EVENT.ACTOR_ORGANISATION, setting("govshare.actor_organisation"))
                .set(AUDIT_EVENT.ACTION, action)
                .set(AUDIT_EVENT.ENTITY_TYPE, entityType)
                .set(AUDIT_EVENT.ENTITY_ID, entityId)
                .set(AUDIT_EVENT.AFTER_STATE, detailJson == null ? null : JSONB.valueOf(detailJson))
                // id, time and hashes are assigned by the chain trigger
                .set(AUDIT_EVENT.ID, 0L)
                .set(AUDIT_EVENT.OCCURRED_AT, OffsetDateTime.now())
                .set(AUDIT_EVENT.PREV_HASH, "")
                .set(AUDIT_EVENT.HASH, "")
                .execute();
    }

    /** How many events the trail holds. */
    public long count(DSLContext dsl) {
        return dsl.fetchCount(AUDIT_EVENT);
    }

    public AuditPage page(DSLContext dsl, Filter f) {
        List<org.jooq.Condition> where = new ArrayList<>();
        if (f.entityType() != null && !f.entityType().isBlank()) {
            where.add(AUDIT_EVENT.ENTITY_TYPE.eq(f.entityType()));
        }
        if (f.entityId() != null && !f.entityId().isBlank()) {
            where.add(AUDIT_EVENT.ENTITY_ID.eq(f.entityId()));
        }
        if (f.actor() != null && !f.actor().isBlank()) {
            where.add(AUDIT_EVENT.ACTOR.eq(f.actor()));
        }
        if (f.organisation() != null && !f.organisation().isBlank()) {
            where.add(AUDIT_EVENT.ACTOR_ORGANISATION.eq(f.organisation()));
        }
        if (f.beforeId() != null) {
            where.add(AUDIT_EVENT.ID.lt(f.beforeId()));
        }
        List<AuditEventView> items = dsl.selectFrom(AUDIT_EVENT)
                .where(where)
                .orderBy(AUDIT_EVENT.ID.desc())
                .limit(f.limit() + 1)
                .fetch(r -> new AuditEventView(r.getId(), r.getOccurredAt(), r.getActor(), r.getActorOrganisation(),
                        r.getAction(), r.getEntityType(), r.getEntityId(), RawJson.of(r.getBeforeState()), RawJson.of(r.getAfterState()),
                        r.getHash()));
        Long next = null;
        if (items.size() > f.limit()) {
            items = items.subList(0, f.limit());
            next = items.getLast().id();
        }
        return new AuditPage(items, next);
    }

    /**
     * Registry history: each row of an audited table as it stood just before {@code before} (null: as it stands
     * now) — the state its latest row-change event recorded, rows deleted by then left out — keeping those whose
     * top-level field {@code field} equals {@code value}. Each state is the row as JSON (column names as keys).
     */
    public List<String> statesBefore(DSLContext dsl, String entityType, OffsetDateTime before, String field, String value) {
        List<org.jooq.Condition> where = new ArrayList<>();
        where.add(AUDIT_EVENT.ENTITY_TYPE.eq(entityType));
        where.add(AUDIT_EVENT.ACTION.in("INSERT", "UPDATE", "DELETE"));
        if (before != null) {
            where.add(AUDIT_EVENT.OCCURRED_AT.lt(before));
        }
        var latest = dsl.select(AUDIT_EVENT.ENTITY_ID, AUDIT_EVENT.AFTER_STATE).distinctOn(AUDIT_EVENT.ENTITY_ID)
                .from(AUDIT_EVENT).where(where).orderBy(AUDIT_EVENT.ENTITY_ID, AUDIT_EVENT.ID.desc()).asTable("latest");
        Field<JSONB> state = latest.field(AUDIT_EVENT.AFTER_STATE);
        return dsl.select(state).from(latest)
                .where(state.isNotNull())
                .and(DSL.field("{0} ->> {1}", String.class, state, DSL.val(field)).eq(value))
                .fetch(r -> r.value1().data());
    }

    /** When the history of an audited table begins (its first row-change event), empty when it has none. */
    public java.util.Optional<OffsetDateTime> historyStart(DSLContext dsl, String entityType) {
        return dsl.select(DSL.min(AUDIT_EVENT.OCCURRED_AT)).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ENTITY_TYPE.eq(entityType)).and(AUDIT_EVENT.ACTION.in("INSERT", "UPDATE", "DELETE"))
                .fetchOptional(r -> r.value1());
    }

    public Verification verify(DSLContext dsl) {
        var r = dsl.selectFrom(AUDIT_VERIFY.call()).fetchOne();
        Long broken = r.getFirstBrokenId();
        return new Verification(broken == null, r.getRowsChecked(), broken, r.getReason(), r.getLastHash(), OffsetDateTime.now());
    }

    /** A setting of the current transaction ({@code Db} sets who acts), null when unset or empty. */
    private static Field<String> setting(String name) {
        return DSL.nullif(DSL.function("current_setting", String.class, DSL.inline(name), DSL.inline(true)), DSL.inline(""));
    }
}
