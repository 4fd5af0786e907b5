package cn.suqian.govshare.exchange;

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
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;

/** The pull {@link Collector}'s sources and their run history, as the e-government office manages them. */
@Service
public class CollectorSources {

    /** A source as shown: never its credentials. */
    public record Source(String code, String name, String url, boolean enabled, int intervalSeconds, String cursor,
                         OffsetDateTime nextRunAt, int failures, List<CollectorRun> runs) {
    }

    public record SourceInput(String code, String name, String url, String authHeader, Boolean enabled, Integer intervalSeconds) {

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
                .fetch(s -> source(s, runs(dsl, s.getCode(), 20))));
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
                throw new InvalidInputException("code", in.code(), "already exists");
            }
            dsl.insertInto(s).set(s.CODE, in.code()).set(s.NAME, in.name()).set(s.URL, in.url()).set(s.AUTH_HEADER, in.authHeader())
                    .set(s.ENABLED, in.enabledOrDefault()).set(s.INTERVAL_SECONDS, in.intervalOrDefault()).execute();
            return source(dsl.selectFrom(s).where(s.CODE.eq(in.code())).fetchSingle(), List.of());
        });
    }

    /** Changes name, URL, credentials, interval or whether it runs; the cursor is kept. */
    public Mono<Source> update(String code, SourceInput in) {
        var s = EXCHANGE_SOURCE;
        return db.tx(dsl -> {
            int n = dsl.update(s).set(s.NAME, in.name()).set(s.URL, in.url()).set(s.AUTH_HEADER, in.authHeader())
                    .set(s.ENABLED, in.enabledOrDefault()).set(s.INTERVAL_SECONDS, in.intervalOrDefault())
                    .set(s.UPDATED_AT, OffsetDateTime.now()).where(s.CODE.eq(code)).execute();
            if (n == 0) {
                throw new NotFoundException("collector source", code);
            }
            return source(dsl.selectFrom(s).where(s.CODE.eq(code)).fetchSingle(), List.of());
        });
    }

    private static List<CollectorRun> runs(DSLContext dsl, String code, int limit) {
        return dsl.selectFrom(EXCHANGE_COLLECTOR_RUN).where(EXCHANGE_COLLECTOR_RUN.SOURCE_CODE.eq(code))
                .orderBy(EXCHANGE_COLLECTOR_RUN.ID.desc()).limit(limit).fetchInto(CollectorRun.class);
    }

    private static Source source(ExchangeSourceRecord s, List<CollectorRun> runs) {
        return new Source(s.getCode(), s.getName(), s.getUrl(), s.getEnabled(), s.getIntervalSeconds(), s.getCursor(),
                s.getNextRunAt(), s.getFailures(), runs);
    }
}
