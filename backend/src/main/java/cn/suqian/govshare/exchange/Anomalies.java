package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.ExchangeAnomalyRecord;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.RawJson;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ANOMALY;

/**
 * The anomalies {@link AnomalyDetector} recorded, for reading and triage. Departments see those that involve
 * their own organisation; the e-government office triages.
 */
@Service
public class Anomalies {

    private final Db db;

    Anomalies(Db db) {
        this.db = db;
    }

    /** The newest anomaly's id (0 when none), for live pages that announce new ones; inside the caller's transaction. */
    public long lastId(org.jooq.DSLContext dsl) {
        Long id = dsl.select(DSL.max(EXCHANGE_ANOMALY.ID)).from(EXCHANGE_ANOMALY).fetchOne(0, Long.class);
        return id == null ? 0 : id;
    }

    /** Newest first; each filter is left out when null. */
    public Mono<PageResult<Anomaly>> find(CurrentUser user, Anomaly.Status status, Anomaly.Kind kind, OffsetDateTime from,
                                          OffsetDateTime to, PageRequest page) {
        var a = EXCHANGE_ANOMALY;
        List<Condition> where = new ArrayList<>();
        if (status != null) {
            where.add(a.STATUS.eq(status));
        }
        if (kind != null) {
            where.add(a.KIND.eq(kind));
        }
        if (from != null) {
            where.add(a.PERIOD_END.gt(from));
        }
        if (to != null) {
            where.add(a.PERIOD_START.lt(to));
        }
        user.organisationScope().ifPresent(own -> where.add(a.PROVIDER_CODE.eq(own).or(a.CONSUMER_CODE.eq(own))));
        return db.tx(dsl -> {
            long total = dsl.fetchCount(a, DSL.and(where));
            var items = dsl.selectFrom(a).where(where)
                    .orderBy(a.PERIOD_START.desc(), a.ID.desc()).limit(page.size()).offset(page.offset())
                    .fetch(Anomalies::anomaly);
            return new PageResult<>(items, total, page.page(), page.size());
        });
    }

    /** Records who triaged the anomaly, when, to which status and why. */
    public Mono<Anomaly> triage(CurrentUser user, long id, Anomaly.Status status, String note) {
        var a = EXCHANGE_ANOMALY;
        return db.tx(dsl -> {
            int n = dsl.update(a).set(a.STATUS, status).set(a.NOTE, note).set(a.TRIAGED_BY, user.username())
                    .set(a.TRIAGED_AT, OffsetDateTime.now()).where(a.ID.eq(id)).execute();
            if (n == 0) {
                throw new NotFoundException("anomaly", id);
            }
            return anomaly(dsl.selectFrom(a).where(a.ID.eq(id)).fetchSingle());
        });
    }

    static Anomaly anomaly(ExchangeAnomalyRecord r) {
        return new Anomaly(r.getId(), r.getKind(), r.getPeriodStart(), r.getPeriodEnd(), r.getProviderCode(), r.getConsumerCode(),
                r.getResource(), RawJson.of(r.getDetail()), r.getStatus(), r.getDetectedAt(), r.getTriagedBy(), r.getNote(),
                r.getEvaluatedAt(), r.getResolvedAt(), r.getResolution());
    }
}
