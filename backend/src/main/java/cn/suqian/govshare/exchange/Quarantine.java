package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.RawJson;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_QUARANTINE;

/**
 * Records waiting for the registry to know who they belong to. Re-processing runs every waiting record
 * through the current mappings again: those that now resolve are counted (as a REPROCESS batch) and marked
 * resolved; the rest keep waiting.
 */
@Component
public class Quarantine {

    private final StatsMerge merge;
    private final OpmonIngest opmon;
    private final cn.suqian.govshare.db.Db db;

    private final ExchangeDirectory.Loader directories;
    private final OpmonPendingCounts pending;

    Quarantine(StatsMerge merge, OpmonIngest opmon, cn.suqian.govshare.db.Db db, ExchangeDirectory.Loader directories,
               OpmonPendingCounts pending) {
        this.directories = directories;
        this.pending = pending;
        this.merge = merge;
        this.opmon = opmon;
        this.db = db;
    }

    /**
     * Mappings are added through the registry at any time; waiting records are re-attributed without anyone
     * having to ask (the office can also trigger it at once from the API).
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${govshare.exchange.quarantine-reprocess:PT10M}",
            initialDelayString = "PT1M")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "exchange-quarantine", lockAtMostFor = "PT30M")
    public void scheduled() {
        db.inTransaction(cn.suqian.govshare.db.Actor.system("exchange-quarantine"), dsl ->
                dsl.fetchExists(EXCHANGE_QUARANTINE, EXCHANGE_QUARANTINE.RESOLVED_AT.isNull()) ? reprocess(dsl, "system:quarantine") : null);
    }

    /** {@code reason} is English, for API users; pages say {@code reasonCode} with {@code reasonParams} (see {@link ExchangeReason}). */
    public record Item(long id, StatSource kind, OffsetDateTime receivedAt, String reason, String reasonCode, RawJson reasonParams,
                       List<String> unknownRefs, RawJson record, OffsetDateTime resolvedAt) {
    }

    public record Reprocessed(int resolved, int remaining) {
    }

    /** Waiting records (and resolved ones when asked), newest first. */
    public Mono<PageResult<Item>> list(boolean includeResolved, PageRequest page) {
        return db.tx(dsl -> list(dsl, includeResolved, page));
    }

    /** Re-processes now, on behalf of {@code client}; see {@link #reprocess(DSLContext, String)}. */
    public Mono<Reprocessed> reprocess(String client) {
        return db.tx(dsl -> reprocess(dsl, client));
    }

    PageResult<Item> list(DSLContext dsl, boolean includeResolved, PageRequest page) {
        var where = includeResolved ? org.jooq.impl.DSL.noCondition() : EXCHANGE_QUARANTINE.RESOLVED_AT.isNull();
        long total = dsl.fetchCount(EXCHANGE_QUARANTINE, where);
        var items = dsl.selectFrom(EXCHANGE_QUARANTINE).where(where).orderBy(EXCHANGE_QUARANTINE.ID.desc())
                .limit(page.size()).offset(page.offset())
                .fetch(r -> new Item(r.getId(), r.getKind(), r.getReceivedAt(), r.getReason(), r.getReasonCode(),
                        RawJson.of(r.getReasonParams()), List.of(r.getUnknownRefs()),
                        RawJson.of(r.getRecord()), r.getResolvedAt()));
        return new PageResult<>(items, total, page.page(), page.size());
    }

    public Reprocessed reprocess(DSLContext dsl, String client) {
        UUID batchId = UUID.randomUUID();
        ExchangeDirectory directory = directories.load(dsl);
        var waiting = dsl.selectFrom(EXCHANGE_QUARANTINE).where(EXCHANGE_QUARANTINE.RESOLVED_AT.isNull())
                .orderBy(EXCHANGE_QUARANTINE.ID).limit(50_000).forUpdate().skipLocked().fetch();
        Map<String, StatsMerge.Attributed> stats = new LinkedHashMap<>(); // by interval key: the latest record wins
        List<Long> resolvedIds = new ArrayList<>();
        List<BatchBody.Line> opmonLines = new ArrayList<>();
        List<OpmonRecord> opmonRecords = new ArrayList<>();
        List<Long> opmonIds = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (var q : waiting) {
            JsonNode node = BatchBody.JSON.readTree(q.getRecord().data());
            Map<String, String> fields = new LinkedHashMap<>();
            for (var e : node.properties()) {
                if (!e.getValue().isNull() && !e.getValue().isContainer()) {
                    fields.put(e.getKey(), e.getValue().asString());
                }
            }
            List<FieldProblem> problems = new ArrayList<>();
            if (q.getKind() == StatSource.STATS) {
                IntervalStat s = IntervalStat.parse(fields, 1, now, now.minusDays(ExchangeIngest.RAW_RETENTION_DAYS), problems);
                if (s == null) {
                    continue; // e.g. now older than the retention: stays, visibly, in quarantine
                }
                var provider = directory.resolve(s.provider());
                var consumer = directory.resolve(s.consumer());
                if (provider != null && consumer != null) {
                    stats.put(provider.organisation() + "\u0001" + consumer.organisation() + "\u0001" + s.resource() + "\u0001"
                                    + s.intervalStart().toInstant(),
                            new StatsMerge.Attributed(s, StatSource.STATS, provider.organisation(), consumer.organisation(), provider.system(),
                                    consumer.system()));
                    resolvedIds.add(q.getId());
                }
            } else {
                OpmonRecord r = OpmonRecord.parse(fields, 1, problems);
                if (r != null
                        && directory.resolveXRoad(r.clientInstance(), r.clientClass(), r.clientCode(), r.clientSubsystem()) != null
                        && directory.resolveXRoad(r.serviceInstance(), r.serviceClass(), r.serviceMemberCode(), r.serviceSubsystem()) != null) {
                    opmonLines.add(new BatchBody.Line(opmonLines.size() + 1, fields));
                    opmonRecords.add(r);
                    opmonIds.add(q.getId());
                }
            }
        }
        merge.merge(dsl, new ArrayList<>(stats.values()), batchId);
        if (!opmonRecords.isEmpty()) {
            opmon.apply(dsl, batchId, opmonLines, opmonRecords);
            pending.count(dsl, batchId);
            resolvedIds.addAll(opmonIds);
        }
        if (!resolvedIds.isEmpty()) {
            dsl.update(EXCHANGE_QUARANTINE).set(EXCHANGE_QUARANTINE.RESOLVED_AT, now).set(EXCHANGE_QUARANTINE.RESOLVED_BATCH_ID, batchId)
                    .where(EXCHANGE_QUARANTINE.ID.in(resolvedIds)).execute();
            ExchangeIngest.record(dsl, batchId, BatchKind.REPROCESS, client, null, ExchangeIngest.sha256(batchId.toString()),
                    resolvedIds.size(), resolvedIds.size(), 0, 0);
        }
        int remaining = dsl.fetchCount(EXCHANGE_QUARANTINE, EXCHANGE_QUARANTINE.RESOLVED_AT.isNull());
        return new Reprocessed(resolvedIds.size(), remaining);
    }
}
