package cn.suqian.govshare.connection;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.organisation.Organisations;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_MAINTENANCE;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;

/**
 * Planned maintenance windows: listed for everyone signed in (departments: their own), planned and
 * cancelled (never deleted, audited) by the office or the owning department.
 */
@Service
public class MaintenanceWindows {

    private final Db db;
    private final Organisations organisations;

    MaintenanceWindows(Db db, Organisations organisations) {
        this.db = db;
        this.organisations = organisations;
    }

    /** Windows not cancelled that overlap [from, to], inside the caller's transaction. */
    static List<MaintenanceWindow> active(DSLContext dsl, OffsetDateTime from, OffsetDateTime to) {
        return dsl.selectFrom(CONNECTION_MAINTENANCE)
                .where(CONNECTION_MAINTENANCE.CANCELLED_AT.isNull())
                .and(CONNECTION_MAINTENANCE.STARTS_AT.le(to)).and(CONNECTION_MAINTENANCE.ENDS_AT.gt(from))
                .fetch(MaintenanceWindows::of);
    }

    static MaintenanceWindow of(Record r) {
        Short[] days = r.get(CONNECTION_MAINTENANCE.DAYS_OF_WEEK);
        return new MaintenanceWindow(r.get(CONNECTION_MAINTENANCE.ID), r.get(CONNECTION_MAINTENANCE.TARGET_CODE),
                r.get(CONNECTION_MAINTENANCE.ORGANISATION_CODE), r.get(CONNECTION_MAINTENANCE.REASON), r.get(CONNECTION_MAINTENANCE.RECURRENCE),
                r.get(CONNECTION_MAINTENANCE.STARTS_AT), r.get(CONNECTION_MAINTENANCE.ENDS_AT),
                days == null ? List.of() : Arrays.stream(days).map(Short::intValue).toList(), r.get(CONNECTION_MAINTENANCE.START_TIME),
                r.get(CONNECTION_MAINTENANCE.DURATION_MINUTES), r.get(CONNECTION_MAINTENANCE.CREATED_BY), r.get(CONNECTION_MAINTENANCE.CREATED_AT),
                r.get(CONNECTION_MAINTENANCE.CANCELLED_AT));
    }

    /** Windows of the organisation asked for (departments: their own), newest first; past ones on request. */
    public Mono<List<MaintenanceWindow>> list(CurrentUser user, String organisation, String target, boolean includePast) {
        String org = user.organisationScope().orElse(organisation);
        return db.tx(dsl -> {
            Condition c = DSL.noCondition();
            if (org != null && !org.isBlank()) {
                c = c.and(CONNECTION_MAINTENANCE.ORGANISATION_CODE.eq(org));
            }
            if (target != null && !target.isBlank()) {
                c = c.and(CONNECTION_MAINTENANCE.TARGET_CODE.eq(target).or(CONNECTION_MAINTENANCE.TARGET_CODE.isNull()
                        .and(CONNECTION_MAINTENANCE.ORGANISATION_CODE.in(DSL.select(CONNECTION_TARGET.ORGANISATION_CODE)
                                .from(CONNECTION_TARGET).where(CONNECTION_TARGET.CODE.eq(target))))));
            }
            if (!includePast) {
                c = c.and(CONNECTION_MAINTENANCE.CANCELLED_AT.isNull()).and(CONNECTION_MAINTENANCE.ENDS_AT.gt(OffsetDateTime.now()));
            }
            return dsl.selectFrom(CONNECTION_MAINTENANCE).where(c).orderBy(CONNECTION_MAINTENANCE.STARTS_AT.desc()).limit(1000)
                    .fetch(MaintenanceWindows::of);
        });
    }

    /** Plans a window for a target (its organisation follows) or for a whole organisation. */
    public Mono<MaintenanceWindow> create(CurrentUser user, MaintenanceWindow w) {
        List<FieldProblem> p = check(w);
        if (!p.isEmpty()) {
            return Mono.error(new InvalidInputException(p));
        }
        return db.tx(dsl -> {
            String org;
            if (w.targetCode() != null) {
                org = dsl.select(CONNECTION_TARGET.ORGANISATION_CODE).from(CONNECTION_TARGET).where(CONNECTION_TARGET.CODE.eq(w.targetCode()))
                        .fetchOptional(CONNECTION_TARGET.ORGANISATION_CODE)
                        .orElseThrow(() -> new InvalidInputException(List.of(FieldProblem.of("targetCode", w.targetCode(),
                                ProblemCode.UNKNOWN_CONNECTION_TARGET))));
            } else {
                org = w.organisationCode();
                if (!organisations.exists(dsl, org)) {
                    throw new InvalidInputException(List.of(FieldProblem.unknownOrganisation("organisationCode", org)));
                }
            }
            user.requireChange(org);
            Short[] days = w.daysOfWeek() == null ? new Short[0] : w.daysOfWeek().stream().map(Integer::shortValue).toArray(Short[]::new);
            long id = dsl.insertInto(CONNECTION_MAINTENANCE)
                    .set(CONNECTION_MAINTENANCE.TARGET_CODE, w.targetCode()).set(CONNECTION_MAINTENANCE.ORGANISATION_CODE, org)
                    .set(CONNECTION_MAINTENANCE.REASON, w.reason().strip()).set(CONNECTION_MAINTENANCE.RECURRENCE, w.recurrence())
                    .set(CONNECTION_MAINTENANCE.STARTS_AT, w.startsAt()).set(CONNECTION_MAINTENANCE.ENDS_AT, w.endsAt())
                    .set(CONNECTION_MAINTENANCE.DAYS_OF_WEEK, days)
                    .set(CONNECTION_MAINTENANCE.START_TIME, w.recurrence() == MaintenanceWindow.Recurrence.ONCE ? null : w.startTime())
                    .set(CONNECTION_MAINTENANCE.DURATION_MINUTES, w.recurrence() == MaintenanceWindow.Recurrence.ONCE ? null : w.durationMinutes())
                    .set(CONNECTION_MAINTENANCE.CREATED_BY, user.username())
                    .returning(CONNECTION_MAINTENANCE.ID).fetchOne().getId();
            MaintenanceWindow stored = dsl.selectFrom(CONNECTION_MAINTENANCE).where(CONNECTION_MAINTENANCE.ID.eq(id)).fetchOne(MaintenanceWindows::of);
            // entered after the fact: what it covers of the stored checks is counted as maintenance from now on
            ConnectionMonitor.reclassify(dsl, stored, OffsetDateTime.now());
            return stored;
        });
    }

    /** Cancels a window from now on (kept, audited). */
    public Mono<MaintenanceWindow> cancel(CurrentUser user, long id) {
        return db.tx(dsl -> {
            var row = dsl.selectFrom(CONNECTION_MAINTENANCE).where(CONNECTION_MAINTENANCE.ID.eq(id)).fetchOptional()
                    .orElseThrow(() -> new NotFoundException("maintenance window", id));
            if (!user.mayRead(row.getOrganisationCode())) {
                throw new NotFoundException("maintenance window", id);
            }
            user.requireChange(row.getOrganisationCode());
            dsl.update(CONNECTION_MAINTENANCE).set(CONNECTION_MAINTENANCE.CANCELLED_AT, OffsetDateTime.now())
                    .where(CONNECTION_MAINTENANCE.ID.eq(id)).and(CONNECTION_MAINTENANCE.CANCELLED_AT.isNull()).execute();
            return dsl.selectFrom(CONNECTION_MAINTENANCE).where(CONNECTION_MAINTENANCE.ID.eq(id)).fetchOne(MaintenanceWindows::of);
        });
    }

    static List<FieldProblem> check(MaintenanceWindow w) {
        List<FieldProblem> p = new ArrayList<>();
        if (w.targetCode() == null && (w.organisationCode() == null || w.organisationCode().isBlank())) {
            p.add(FieldProblem.required("targetCode"));
        }
        if (w.reason() == null || w.reason().isBlank()) {
            p.add(FieldProblem.required("reason"));
        } else if (w.reason().strip().length() > 500) {
            p.add(FieldProblem.maxLength("reason", w.reason(), 500));
        }
        if (w.recurrence() == null) {
            p.add(FieldProblem.oneOf("recurrence", null, "ONCE, DAILY, WEEKLY"));
        }
        if (w.startsAt() == null) {
            p.add(FieldProblem.required("startsAt"));
        }
        if (w.endsAt() == null) {
            p.add(FieldProblem.required("endsAt"));
        } else if (w.startsAt() != null && !w.endsAt().isAfter(w.startsAt())) {
            p.add(FieldProblem.of("endsAt", w.endsAt(), ProblemCode.AFTER_FROM, w.startsAt()));
        }
        if (w.recurrence() != null && w.recurrence() != MaintenanceWindow.Recurrence.ONCE) {
            if (w.startTime() == null) {
                p.add(FieldProblem.required("startTime"));
            }
            if (w.durationMinutes() == null || w.durationMinutes() < 1 || w.durationMinutes() > 1440) {
                p.add(FieldProblem.between("durationMinutes", w.durationMinutes(), 1, 1440));
            }
        }
        if (w.recurrence() == MaintenanceWindow.Recurrence.WEEKLY
                && (w.daysOfWeek() == null || w.daysOfWeek().isEmpty() || w.daysOfWeek().stream().anyMatch(d -> d == null || d < 1 || d > 7))) {
            p.add(FieldProblem.between("daysOfWeek", w.daysOfWeek(), 1, 7));
        }
        return p;
    }
}
