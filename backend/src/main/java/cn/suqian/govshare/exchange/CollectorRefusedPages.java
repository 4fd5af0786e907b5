package cn.suqian.govshare.exchange;

import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.ExchangeRefusedPageRecord;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.RawJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_REFUSED_PAGE;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_REFUSED_RECORD;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_SOURCE;

/**
 * Pages the pull {@link Collector} could not take as they were, kept as served with every reason until the
 * e-government office decides per page: {@code SKIP} (nothing of it is counted, the cursor moves past it) or
 * {@code ACCEPT_VALID} (its valid records are counted, the others kept as refused records with their reasons).
 * Every decision names who, when and why, and lands in the audit trail. Open pages are an operational
 * alert: the gauge {@code govshare.collector.refused.pages} counts them for monitoring.
 */
@Service
public class CollectorRefusedPages {

    /** What the office (or a source's policy) did with a refused page; SUPERSEDED: the platform served a page that could be taken instead. */
    public enum Decision { SKIP, ACCEPT_VALID, SUPERSEDED }

    /** A refused page as shown: the reasons ({@link FieldProblem}s, by record number) and the decision, never the body. */
    public record RefusedPage(long id, String source, String cursor, String nextCursor, int records, RawJson problems,
                              OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, int timesServed, Decision decision, String decidedBy,
                              OffsetDateTime decidedAt, String decisionNote, Integer accepted, Integer refused) {
    }

    /** A record of a page accepted in part that was not counted, as served, with its reasons. */
    public record RefusedRecord(long id, int line, String record, RawJson problems) {
    }

    /** What applying a decision did. */
    record Applied(int accepted, int refused) {
    }

    private final Db db;
    private final ExchangeIngest ingest;
    private final AtomicLong open = new AtomicLong();

    CollectorRefusedPages(Db db, ExchangeIngest ingest, ObjectProvider<MeterRegistry> meters) {
        this.db = db;
        this.ingest = ingest;
        meters.ifAvailable(registry -> Gauge.builder("govshare.collector.refused.pages", open, AtomicLong::get)
                .description("pages the pull collector refused that wait for the office's decision").register(registry));
    }

    /** Open (undecided) pages first, then the latest decided ones; of one source when {@code source} is given. */
    public Mono<List<RefusedPage>> list(String source, boolean includeDecided) {
        var p = EXCHANGE_REFUSED_PAGE;
        return db.tx(dsl -> dsl.selectFrom(p)
                .where(source == null ? org.jooq.impl.DSL.noCondition() : p.SOURCE_CODE.eq(source))
                .and(includeDecided ? org.jooq.impl.DSL.noCondition() : p.DECISION.isNull())
                .orderBy(p.DECISION.isNull().desc(), p.LAST_SEEN_AT.desc(), p.ID.desc()).limit(200)
                .fetch(CollectorRefusedPages::page));
    }

    /** The records of a page accepted in part that were kept out, in page order. */
    public Mono<List<RefusedRecord>> records(String source, long pageId) {
        return db.tx(dsl -> {
            find(dsl, source, pageId);
            var r = EXCHANGE_REFUSED_RECORD;
            return dsl.selectFrom(r).where(r.PAGE_ID.eq(pageId)).orderBy(r.LINE)
                    .fetch(x -> new RefusedRecord(x.getId(), x.getLine(), x.getRecord(), RawJson.of(x.getProblems())));
        });
    }

    /** The office's decision on an open page, with a reason; applied at once, in one transaction. */
    public Mono<RefusedPage> decide(CurrentUser user, String source, long pageId, Decision decision, String note) {
        return db.tx(dsl -> {
            // the source row is locked so that a running collector's page and this decision never cross
            dsl.selectFrom(EXCHANGE_SOURCE).where(EXCHANGE_SOURCE.CODE.eq(source)).forUpdate().fetchOptional()
                    .orElseThrow(() -> new NotFoundException("collector source", source));
            var page = find(dsl, source, pageId);
            if (page.getDecision() != null) {
                throw new InvalidInputException(FieldProblem.of("decision", decision, ProblemCode.ALREADY_DECIDED, page.getDecision()));
            }
            if (decision == Decision.ACCEPT_VALID) {
                acceptValid(dsl, source, pageId, decision, user.username(), note);
            } else {
                skip(dsl, source, pageId, user.username(), note);
            }
            return page(find(dsl, source, pageId));
        }).doOnSuccess(p -> refreshOpenCountLater());
    }

    private void refreshOpenCountLater() {
        db.tx(dsl -> open.getAndSet(countOpen(dsl))).subscribe(v -> { }, e -> { });
    }

    /** Blocking: re-counts the open pages for the gauge. */
    void refreshOpenCount() {
        open.set(db.inTransaction(cn.suqian.govshare.db.Actor.system("exchange-collector"), CollectorRefusedPages::countOpen));
    }

    private static long countOpen(DSLContext dsl) {
        return dsl.fetchCount(EXCHANGE_REFUSED_PAGE, EXCHANGE_REFUSED_PAGE.DECISION.isNull());
    }

    private static ExchangeRefusedPageRecord find(DSLContext dsl, String source, long pageId) {
        var p = EXCHANGE_REFUSED_PAGE;
        var page = dsl.selectFrom(p).where(p.ID.eq(pageId)).and(p.SOURCE_CODE.eq(source)).fetchOne();
        if (page == null) {
            throw new NotFoundException("refused page", pageId);
        }
        return page;
    }

    /** Keeps a refused page (once per source, cursor and content; served again, it is counted). Returns its id. */
    long keep(DSLContext dsl, String source, String cursor, String nextCursor, String sha, byte[] body, int records, List<FieldProblem> problems) {
        var p = EXCHANGE_REFUSED_PAGE;
        return dsl.insertInto(p).set(p.SOURCE_CODE, source).set(p.CURSOR, cursor == null ? "" : cursor).set(p.NEXT_CURSOR, nextCursor)
                .set(p.BODY_SHA256, sha).set(p.BODY, new String(body, StandardCharsets.UTF_8)).set(p.RECORDS, records)
                .set(p.PROBLEMS, json(problems))
                .onConflictOnConstraint(org.jooq.impl.DSL.constraint("exchange_refused_page_once")).doUpdate()
                .set(p.LAST_SEEN_AT, OffsetDateTime.now()).set(p.TIMES_SERVED, p.TIMES_SERVED.plus(1))
                .returningResult(p.ID).fetchOne().value1();
    }

    /** The decision already taken on exactly this page (same source, cursor and content), or null. */
    ExchangeRefusedPageRecord decided(DSLContext dsl, String source, String cursor, String sha) {
        var p = EXCHANGE_REFUSED_PAGE;
        return dsl.selectFrom(p).where(p.SOURCE_CODE.eq(source)).and(p.CURSOR.eq(cursor == null ? "" : cursor)).and(p.BODY_SHA256.eq(sha))
                .and(p.DECISION.in(Decision.SKIP, Decision.ACCEPT_VALID)).fetchOne();
    }

    /** The platform served a page the collector could take on a cursor where it had refused one: that refusal is over. */
    void supersede(DSLContext dsl, String source, String cursor) {
        var p = EXCHANGE_REFUSED_PAGE;
        int n = dsl.update(p).set(p.DECISION, Decision.SUPERSEDED).set(p.DECIDED_AT, OffsetDateTime.now())
                .set(p.DECIDED_BY, "system:exchange-collector").set(p.DECISION_NOTE, "the platform served a page that could be taken")
                .where(p.SOURCE_CODE.eq(source)).and(p.CURSOR.eq(cursor == null ? "" : cursor)).and(p.DECISION.isNull()).execute();
        if (n > 0) {
            open.addAndGet(-n);
        }
    }

    private void skip(DSLContext dsl, String source, long pageId, String by, String note) {
        var page = find(dsl, source, pageId);
        decide(dsl, pageId, Decision.SKIP, by, note, 0, page.getRecords());
        release(dsl, source, page);
    }

    /**
     * Counts the valid records of a refused page and keeps the others as refused records with their reasons;
     * records found wrong only together (two names for one organisation in one interval) are refused too.
     */
    Applied acceptValid(DSLContext dsl, String source, long pageId, Decision decision, String by, String note) {
        var page = find(dsl, source, pageId);
        byte[] body = page.getBody().getBytes(StandardCharsets.UTF_8);
        List<BatchBody.Line> lines;
        Map<Integer, List<FieldProblem>> bad = new TreeMap<>();
        try {
            lines = BatchBody.split(body, "application/json", Integer.MAX_VALUE);
        } catch (InvalidInputException e) {
            lines = List.of(); // not a page of records at all: nothing to take
        }
        ExchangeIngest.StatsBatch first = ingest.parseStats(body, "application/json");
        if (first.refusal() != null) {
            addProblems(bad, first.refusal().problems(), null, lines);
        }
        int accepted = 0;
        for (int round = 0; round < 5 && !lines.isEmpty(); round++) {
            List<BatchBody.Line> valid = lines.stream().filter(l -> !bad.containsKey(l.number())).toList();
            if (valid.isEmpty()) {
                break;
            }
            StringBuilder records = new StringBuilder("{\"records\":[");
            for (int i = 0; i < valid.size(); i++) {
                records.append(i == 0 ? "" : ",").append(valid.get(i).rawJson());
            }
            var batch = ingest.parseStats(records.append("]}").toString().getBytes(StandardCharsets.UTF_8), "application/json");
            try {
                if (batch.refusal() != null) {
                    throw batch.refusal();
                }
                accepted = ingest.ingestStats(dsl, "collector:" + source, "refused-page:" + pageId, batch).lines();
                break;
            } catch (InvalidInputException e) {
                int before = bad.size();
                addProblems(bad, e.problems(), valid, lines);
                if (bad.size() == before) {
                    throw e; // nothing more to single out: refuse the decision rather than loop
                }
            }
        }
        var r = EXCHANGE_REFUSED_RECORD;
        for (BatchBody.Line line : lines) {
            if (bad.containsKey(line.number())) {
                dsl.insertInto(r).set(r.PAGE_ID, pageId).set(r.LINE, line.number()).set(r.RECORD, line.rawJson())
                        .set(r.PROBLEMS, json(bad.get(line.number()))).execute();
            }
        }
        int refused = lines.isEmpty() ? page.getRecords() : lines.size() - accepted;
        decide(dsl, pageId, decision, by, note, accepted, refused);
        release(dsl, source, page);
        return new Applied(accepted, refused);
    }

    /**
     * Sorts problems by record: {@code numbering} maps a row of a re-built body back to the page's record
     * number; a problem of the whole page (no row) refuses every record.
     */
    private static void addProblems(Map<Integer, List<FieldProblem>> bad, List<FieldProblem> problems, List<BatchBody.Line> numbering,
                                    List<BatchBody.Line> lines) {
        Set<Integer> all = new HashSet<>();
        lines.forEach(l -> all.add(l.number()));
        for (FieldProblem problem : problems) {
            if (problem.row() == null) {
                all.forEach(n -> bad.computeIfAbsent(n, k -> new ArrayList<>()).add(problem));
                continue;
            }
            int line = numbering == null ? problem.row() : numbering.get(problem.row() - 1).number();
            bad.computeIfAbsent(line, k -> new ArrayList<>()).add(problem);
        }
    }

    private static void decide(DSLContext dsl, long pageId, Decision decision, String by, String note, int accepted, int refused) {
        var p = EXCHANGE_REFUSED_PAGE;
        dsl.update(p).set(p.DECISION, decision).set(p.DECIDED_BY, by).set(p.DECIDED_AT, OffsetDateTime.now()).set(p.DECISION_NOTE, note)
                .set(p.ACCEPTED, accepted).set(p.REFUSED, refused).where(p.ID.eq(pageId)).execute();
    }

    /** The source moves past the page (when it stands on it) and runs again now, its backoff forgotten. */
    private static void release(DSLContext dsl, String source, ExchangeRefusedPageRecord page) {
        var s = EXCHANGE_SOURCE;
        var update = dsl.update(s).set(s.NEXT_RUN_AT, OffsetDateTime.now()).set(s.FAILURES, 0);
        if (page.getNextCursor() != null) {
            update = update.set(s.CURSOR, org.jooq.impl.DSL.when(org.jooq.impl.DSL.coalesce(s.CURSOR, "").eq(page.getCursor()),
                    org.jooq.impl.DSL.val(page.getNextCursor())).otherwise(s.CURSOR));
        }
        update.where(s.CODE.eq(source)).execute();
    }

    static JSONB json(List<FieldProblem> problems) {
        return BatchBody.jsonb(BatchBody.JSON.writeValueAsString(problems));
    }

    /** The page a run stopped at, for the run history. */
    static Map<Long, RefusedPage> forRuns(DSLContext dsl, List<Long> pageIds) {
        Map<Long, RefusedPage> pages = new java.util.HashMap<>();
        if (!pageIds.isEmpty()) {
            dsl.selectFrom(EXCHANGE_REFUSED_PAGE).where(EXCHANGE_REFUSED_PAGE.ID.in(pageIds)).forEach(r -> pages.put(r.getId(), page(r)));
        }
        return pages;
    }

    static RefusedPage page(ExchangeRefusedPageRecord r) {
        return new RefusedPage(r.getId(), r.getSourceCode(), r.getCursor(), r.getNextCursor(), r.getRecords(), RawJson.of(r.getProblems()),
                r.getFirstSeenAt(), r.getLastSeenAt(), r.getTimesServed(), r.getDecision(), r.getDecidedBy(), r.getDecidedAt(),
                r.getDecisionNote(), r.getAccepted(), r.getRefused());
    }
}
