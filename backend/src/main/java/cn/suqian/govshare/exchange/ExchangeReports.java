package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The reading API's answers, each in one transaction, from the rollups ({@link ExchangeQueries}).
 * Departments are held to traffic their own organisation provides or consumes, whatever they ask for.
 */
@Service
public class ExchangeReports {

    private final Db db;
    private final ExchangeQueries queries;

    ExchangeReports(Db db, ExchangeQueries queries) {
        this.db = db;
        this.queries = queries;
    }

    public Mono<ExchangeQueries.Summary> summary(CurrentUser user, OffsetDateTime from, OffsetDateTime to, String organisation) {
        String org = scope(user, organisation);
        return db.tx(dsl -> queries.summary(dsl, from, to, org));
    }

    public Mono<ExchangeQueries.Series> series(CurrentUser user, OffsetDateTime from, OffsetDateTime to, String organisation) {
        String org = scope(user, organisation);
        return db.tx(dsl -> queries.series(dsl, from, to, org));
    }

    public Mono<List<ExchangeQueries.Flow>> flows(CurrentUser user, OffsetDateTime from, OffsetDateTime to, String organisation) {
        String org = scope(user, organisation);
        return db.tx(dsl -> queries.flows(dsl, from, to, org));
    }

    public Mono<List<ExchangeQueries.ResourceFigures>> topResources(CurrentUser user, OffsetDateTime from, OffsetDateTime to,
                                                                   String organisation, int limit) {
        String org = scope(user, organisation);
        return db.tx(dsl -> queries.topResources(dsl, from, to, org, limit));
    }

    public Mono<ExchangeQueries.YearOverYear> yearOverYear(CurrentUser user, int year, String organisation) {
        String org = scope(user, organisation);
        return db.tx(dsl -> queries.yearOverYear(dsl, year, org));
    }

    /** The organisation a caller's question is about: a department's own, else the one asked for (or all). */
    static String scope(CurrentUser user, String organisation) {
        return user.organisationScope().orElse(organisation == null || organisation.isBlank() ? null : organisation.strip());
    }
}
