package cn.suqian.govshare.connection;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET;
import static cn.suqian.govshare.db.schema.Tables.CONNECTION_TARGET_REVISION;

/**
 * Every target's span and owner (created, retired, system, organisation, kind), kept in memory for the
 * availability totals, in the database's order of each grouping key. Any change to {@code connection_target}
 * bumps {@code connection_target_revision} (a statement trigger), which each read compares in its transaction.
 */
@Component
class TargetSpans {

    record Span(String code, String systemCode, String organisationCode, ConnectionTarget.Kind kind, OffsetDateTime createdAt,
                OffsetDateTime retiredAt) {

        String key(ConnectionQueries.GroupBy by) {
            return switch (by) {
                case TARGET -> code;
                case SYSTEM -> systemCode;
                case ORGANISATION -> organisationCode;
            };
        }
    }

    private record Snapshot(long revision, List<Span> spans) {
    }

    private final Map<ConnectionQueries.GroupBy, Snapshot> ordered = new ConcurrentHashMap<>();

    /** All targets, retired ones included, ordered by the grouping key then code, as of this transaction. */
    List<Span> all(DSLContext dsl, ConnectionQueries.GroupBy by) {
        long revision = dsl.select(CONNECTION_TARGET_REVISION.REVISION).from(CONNECTION_TARGET_REVISION).fetchOne().value1();
        Snapshot s = ordered.get(by);
        if (s == null || s.revision() != revision) {
            Field<String> key = switch (by) {
                case TARGET -> CONNECTION_TARGET.CODE;
                case SYSTEM -> CONNECTION_TARGET.SYSTEM_CODE;
                case ORGANISATION -> CONNECTION_TARGET.ORGANISATION_CODE;
            };
            List<Span> spans = dsl.select(CONNECTION_TARGET.CODE, CONNECTION_TARGET.SYSTEM_CODE, CONNECTION_TARGET.ORGANISATION_CODE,
                            CONNECTION_TARGET.KIND, CONNECTION_TARGET.CREATED_AT, CONNECTION_TARGET.RETIRED_AT)
                    .from(CONNECTION_TARGET).orderBy(key, CONNECTION_TARGET.CODE)
                    .fetch(r -> new Span(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
            s = new Snapshot(revision, List.copyOf(spans));
            ordered.put(by, s);
        }
        return s.spans();
    }
}
