package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.RawJson;

import cn.suqian.govshare.web.FieldProblem;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.ExchangeSourceRecord;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_COLLECTOR_RUN;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_REFUSED_PAGE;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;

/** The pull {@link Collector}'s sources and their run history, as the e-government office manages them. */
@Service
public class CollectorSources {

    /** What the collector does with a page it cannot take as it is: wait for the office's decision, or take the valid records at once. */
    public enum RefusedPagePolicy { HOLD, ACCEPT_VALID }

    /** A source as shown: never its credentials. {@code openRefusedPages}: pages waiting for the office's decision. */
    public record Source(String code, String name, String url, boolean enabled, int intervalSeconds, String cursor,
                         OffsetDateTime nextRunAt, int failures, RefusedPagePolicy refusedPagePolicy, int openRefusedPages,
                         List<CollectorRun> runs) {
    }

    public record SourceInput(String code, String name, String url, String authHeader, Boolean enabled, Integer intervalSeconds,
                              RefusedPagePolicy refusedPagePolicy) {

        public SourceInput(String code, String name, String url, String authHeader, Boolean enabled, Integer intervalSeconds) {
            this(code, name, url, authHeader, enabled, intervalSeconds, null);
        }

        RefusedPagePolicy policyOrDefault() {
            return refusedPagePolicy == null ? RefusedPagePolicy.HOLD : refusedPagePolicy;
        }

        boolean enabledOrDefault() {
            return enabled == null || enabled;
        }

        int intervalOrDefault() {
            return intervalSeconds == null ? 300 : intervalSeconds;
        }
    }

    private final Db db;

    CollectorSources(Db db) {
        this.db = db;
    }

    /** Every source with its 20 latest runs. */
    public Mono<List<Source>> list() {
        return db.tx(dsl -> dsl.selectFrom(EXCHANGE_SOURCE).orderBy(EXCHANGE_SOURCE.CODE)
                .fetch(s -> source(s, runs(dsl, s.getCode(), 20), openPages(dsl, s.getCode()))));
    }

    /** One source's runs, newest first. */
    public Mono<List<CollectorRun>> runs(String code) {
        return db.tx(dsl -> {
            if (!dsl.fetchExists(EXCHANGE_SOURCE, EXCHANGE_SOURCE.CODE.eq(code))) {
                throw new NotFoundException("collector source", code);
            }
            return runs(dsl, code, 200);
        });
    }

    public Mono<Source> create(SourceInput in) {
        var s = EXCHANGE_SOURCE;
        return db.tx(dsl -> {
            if (dsl.fetchExists(s, s.CODE.eq(in.code()))) {
                throw new InvalidInputException(FieldProblem.alreadyExists("code", in.code()));
            }
            dsl.insertInto(s).set(s.CODE, in.code()).set(s.NAME, in.name()).set(s.URL, in.url()).set(s.AUTH_HEADER, in.authHeader())
                    .set(s.ENABLED, in.enabledOrDefault()).set(s.INTERVAL_SECONDS, in.intervalOrDefault())
                    .set(s.REFUSED_PAGE_POLICY, in.policyOrDefault()).execute();
            return source(dsl.selectFrom(s).where(s.CODE.eq(in.code())).fetchSingle(), List.of(), 0);
        });
    }

    /** Changes name, URL, credentials, interval or whether it runs; the cursor is kept. */
    public Mono<Source> update(String code, SourceInput in) {
        var s = EXCHANGE_SOURCE;
        return db.tx(dsl -> {
            int n = dsl.update(s).set(s.NAME, in.name()).set(s.URL, in.url()).set(s.AUTH_HEADER, in.authHeader())
                    .set(s.ENABLED, in.enabledOrDefault()).set(s.INTERVAL_SECONDS, in.intervalOrDefault())
                    .set(s.REFUSED_PAGE_POLICY, in.refusedPagePolicy() == null ? s.REFUSED_PAGE_POLICY : org.jooq.impl.DSL.val(in.refusedPagePolicy()))
                    .set(s.UPDATED_AT, OffsetDateTime.now()).where(s.CODE.eq(code)).execute();
            if (n == 0) {
                throw new NotFoundException("collector source", code);
            }
            return source(dsl.selectFrom(s).where(s.CODE.eq(code)).fetchSingle(), List.of(), openPages(dsl, code));
        });
    }

    /** What the collector does with this source's pages it cannot take as they are; nothing else of the source changes. */
    public Mono<Source> refusedPagePolicy(String code, RefusedPagePolicy policy) {
        var s = EXCHANGE_SOURCE;
        return db.tx(dsl -> {
            int n = dsl.update(s).set(s.REFUSED_PAGE_POLICY, policy).set(s.UPDATED_AT, OffsetDateTime.now()).where(s.CODE.eq(code)).execute();
            if (n == 0) {
                throw new NotFoundException("collector source", code);
            }
            return source(dsl.selectFrom(s).where(s.CODE.eq(code)).fetchSingle(), List.of(), openPages(dsl, code));
        });
    }

    private static List<CollectorRun> runs(DSLContext dsl, String code, int limit) {
        var rows = dsl.selectFrom(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq(code))
                .orderBy(EXCHANGE_COLLECTOR_RUN.ID.desc()).limit(limit).fetch();
        var pages = CollectorRefusedPages.forRuns(dsl, rows.stream().map(r -> r.getRefusedPageId()).filter(java.util.Objects::nonNull)
                .distinct().toList());
        return rows.map(r -> new CollectorRun(r.getId(), r.getStartedAt(), r.getFinishedAt(), r.getStatus(), r.getAttempts(),
                r.getRecords(), r.getCursorBefore(), r.getCursorAfter(), r.getError(), r.getErrorCode(),
                RawJson.of(r.getErrorParams()), r.getAbandonedAt(), r.getNode(),
                r.getRefusedPageId() == null ? null : pages.get(r.getRefusedPageId())));
    }

    private static int openPages(DSLContext dsl, String code) {
        return dsl.fetchCount(EXCHANGE_REFUSED_PAGE, EXCHANGE_REFUSED_PAGE.SOURCE_CODE.eq(code).and(EXCHANGE_REFUSED_PAGE.DECISION.isNull()));
    }

    private static Source source(ExchangeSourceRecord s, List<CollectorRun> runs, int openRefusedPages) {
        return new Source(s.getCode(), s.getName(), s.getUrl(), s.getEnabled(), s.getIntervalSeconds(), s.getCursor(),
                s.getNextRunAt(), s.getFailures(), s.getRefusedPagePolicy(), openRefusedPages, runs);
    }
}
