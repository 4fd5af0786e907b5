package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.Blocking;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.ConflictException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.RawJson;
import cn.suqian.govshare.web.ResponseCode;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_BATCH;
import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_QUARANTINE;

/**
 * Interval-statistics ingest, all or nothing per batch: every record is parsed and checked first (a
 * rejected batch lists every offending line and field); records the registry can attribute are merged,
 * the others quarantined with the reason. A client repeating a batch with the same Idempotency-Key
 * (after a timeout, say) gets the first answer back and nothing is counted twice; without a key,
 * re-sent intervals simply replace themselves.
 */
@Service
public class ExchangeIngest {

    /**
     * What happened to a batch. {@code faulty} and {@code records} for op-monitoring batches: each record by its
     * index (from 1) with ACCEPTED, DUPLICATE, QUARANTINED or FAULTY and, when faulty, its reasons
     * ({@link FieldProblem}s); a replayed batch gives the first answer's.
     */
    public record BatchResult(UUID batchId, int lines, int accepted, int quarantined, int duplicates, boolean replayed, int faulty,
                              RawJson records) {
    }

    /** What became of one record of an op-monitoring batch. */
    enum Outcome { ACCEPTED, DUPLICATE, QUARANTINED, FAULTY }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record RecordOutcome(int index, Outcome outcome, List<FieldProblem> reasons) {
    }

    private final Db db;
    private final Blocking blocking;
    private final PartitionsAhead partitions;
    private final StatsMerge merge;
    private final ExchangeProperties properties;

    private final ExchangeDirectory.Loader directories;

    ExchangeIngest(Db db, Blocking blocking, PartitionsAhead partitions, StatsMerge merge, ExchangeProperties properties, ExchangeDirectory.Loader directories) {
        this.db = db;
        this.blocking = blocking;
        this.partitions = partitions;
        this.directories = directories;
        this.merge = merge;
        this.properties = properties;
    }

    /**
     * A body read and checked on its own, before any transaction opens (so no connection is held while a large
     * body is parsed): its hash and records, or the refusal listing every problem. The refusal is raised only
     * inside the transaction, after the Idempotency-Key replay check, exactly as if it had been found there.
     */
    record StatsBatch(String sha, List<BatchBody.Line> lines, List<IntervalStat> stats, InvalidInputException refusal) {
    }

    /** One pushed batch: the body parsed off the event loop and before any connection is taken, then one transaction. */
    Mono<BatchResult> ingestStats(String client, String idempotencyKey, BatchBytes body, String contentType) {
        return blocking.call(() -> parseStats(body, contentType))
                .flatMap(batch -> partitions.ensure(EXCHANGE_STAT, batch.stats() == null ? java.util.List.of()
                                : batch.stats().stream().filter(java.util.Objects::nonNull).map(IntervalStat::intervalStart).toList())
                        .then(db.tx(dsl -> ingestStats(dsl, client, idempotencyKey, batch))));
    }

    /** Reads and checks a body; CPU work to run off the event loop. */
    StatsBatch parseStats(byte[] body, String contentType) {
        return parseStats(BatchBytes.of(body), contentType);
    }

    StatsBatch parseStats(BatchBytes body, String contentType) {
        String sha = body.sha256();
        try {
            List<BatchBody.Line> lines = BatchBody.split(body, contentType, properties.maxBatchRecords());
            IngestBounds bounds = new IngestBounds(java.time.Instant.now(), properties.clockSkew());
            List<FieldProblem> problems = new ArrayList<>();
            List<IntervalStat> stats = new ArrayList<>(lines.size());
            Map<String, Integer> seen = new HashMap<>();
            for (BatchBody.Line line : lines) {
                IntervalStat s = IntervalStat.parse(line.fields(), line.tokens(), line.number(), bounds, problems);
                stats.add(s);
                if (s != null) {
                    Integer first = seen.putIfAbsent(s.key(), line.number());
                    if (first != null) {
                        problems.add(FieldProblem.of("intervalStart", line.fields().get("intervalStart"), ProblemCode.REPEATED_INTERVAL, first)
                                .at(line.number(), null));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new StatsBatch(sha, lines, stats, null);
        } catch (InvalidInputException e) {
            return new StatsBatch(sha, null, null, e);
        }
    }

    public BatchResult ingestStats(DSLContext dsl, String client, String idempotencyKey, byte[] body, String contentType) {
        return ingestStats(dsl, client, idempotencyKey, parseStats(body, contentType));
    }

    BatchResult ingestStats(DSLContext dsl, String client, String idempotencyKey, StatsBatch batch) {
        BatchResult earlier = replay(dsl, client, idempotencyKey, batch.sha());
        if (earlier != null) {
            return earlier;
        }
        if (batch.refusal() != null) {
            throw batch.refusal();
        }
        List<BatchBody.Line> lines = batch.lines();
        List<IntervalStat> stats = batch.stats();
        List<FieldProblem> problems = new ArrayList<>();

        UUID batchId = UUID.randomUUID();
        ExchangeDirectory directory = directories.load(dsl);
        List<StatsMerge.Attributed> attributed = new ArrayList<>(stats.size());
        List<Quarantined> quarantined = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            IntervalStat s = stats.get(i);
            var provider = directory.resolve(s.provider());
            var consumer = directory.resolve(s.consumer());
            if (provider == null || consumer == null) {
                List<String> unknown = new ArrayList<>();
                if (provider == null) {
                    unknown.add(s.provider());
                }
                if (consumer == null) {
                    unknown.add(s.consumer());
                }
                quarantined.add(new Quarantined(lines.get(i).json(), unknown, provider == null && consumer == null
                        ? ExchangeReason.Given.of(ExchangeReason.UNKNOWN_PROVIDER_AND_CONSUMER, s.provider(), s.consumer())
                        : provider == null
                        ? ExchangeReason.Given.of(ExchangeReason.UNKNOWN_PROVIDER, s.provider())
                        : ExchangeReason.Given.of(ExchangeReason.UNKNOWN_CONSUMER, s.consumer())));
            } else {
                attributed.add(new StatsMerge.Attributed(s, StatSource.STATS, provider.organisation(), consumer.organisation(),
                        provider.system(), consumer.system()));
            }
        }
        // Two names for the same organisation (an organisation code and a system alias, say) make two records
        // of the same interval once attributed: ambiguous, so refused like any other duplicate.
        Map<String, Integer> attributedKeys = new HashMap<>();
        for (int i = 0, a = 0; i < stats.size() && a < attributed.size(); i++) {
            if (attributed.get(a).stat() != stats.get(i)) {
                continue;
            }
            StatsMerge.Attributed x = attributed.get(a++);
            String key = x.providerOrg() + "\u0001" + x.consumerOrg() + "\u0001" + x.stat().resource() + "\u0001"
                    + x.stat().intervalStart().toInstant();
            Integer first = attributedKeys.putIfAbsent(key, lines.get(i).number());
            if (first != null) {
                problems.add(FieldProblem.of("provider", x.stat().provider(), ProblemCode.SAME_ATTRIBUTED_INTERVAL, first,
                        x.providerOrg(), x.consumerOrg()).at(lines.get(i).number(), null));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        merge.merge(dsl, attributed, batchId);
        quarantine(dsl, batchId, StatSource.STATS, quarantined);
        return record(dsl, batchId, BatchKind.STATS, client, idempotencyKey, batch.sha(), lines.size(), attributed.size(), quarantined.size(), 0);
    }

    /** A record the registry could not attribute, with the references it did not know. */
    record Quarantined(String json, List<String> unknownRefs, ExchangeReason.Given reason) {
    }

    static void quarantine(DSLContext dsl, UUID batchId, StatSource kind, List<Quarantined> records) {
        if (records.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(EXCHANGE_QUARANTINE, EXCHANGE_QUARANTINE.BATCH_ID, EXCHANGE_QUARANTINE.KIND,
                EXCHANGE_QUARANTINE.REASON, EXCHANGE_QUARANTINE.REASON_CODE, EXCHANGE_QUARANTINE.REASON_PARAMS,
                EXCHANGE_QUARANTINE.UNKNOWN_REFS, EXCHANGE_QUARANTINE.RECORD);
        for (Quarantined q : records) {
            insert = insert.values(batchId, kind, q.reason().english(), q.reason().code().code(), q.reason().paramsJson(),
                    q.unknownRefs().toArray(String[]::new), BatchBody.jsonb(q.json()));
        }
        insert.execute();
    }

    /** The stored answer to a repeated batch, or null for a new one. Serialises concurrent repeats. */
    static BatchResult replay(DSLContext dsl, String client, String idempotencyKey, String sha) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return null;
        }
        if (idempotencyKey.length() > 200) {
            throw new InvalidInputException(FieldProblem.maxLength("Idempotency-Key", idempotencyKey.substring(0, 40) + "…", 200));
        }
        cn.suqian.govshare.db.TransactionLock.take(dsl, client + "\u0001" + idempotencyKey);
        var b = dsl.selectFrom(EXCHANGE_BATCH).where(EXCHANGE_BATCH.CLIENT.eq(client))
                .and(EXCHANGE_BATCH.IDEMPOTENCY_KEY.eq(idempotencyKey)).fetchOne();
        if (b == null) {
            return null;
        }
        if (!b.getBodySha256().equals(sha)) {
            throw new ConflictException(ResponseCode.IDEMPOTENCY_KEY_REUSED, idempotencyKey, b.getId());
        }
        return new BatchResult(b.getId(), b.getLines(), b.getAccepted(), b.getQuarantined(), b.getDuplicates(), true, b.getFaulty(),
                RawJson.of(b.getOutcomes()));
    }

    static BatchResult record(DSLContext dsl, UUID batchId, BatchKind kind, String client, String idempotencyKey, String sha,
                              int lines, int accepted, int quarantined, int duplicates) {
        return record(dsl, batchId, kind, client, idempotencyKey, sha, lines, accepted, quarantined, duplicates, 0, null);
    }

    static BatchResult record(DSLContext dsl, UUID batchId, BatchKind kind, String client, String idempotencyKey, String sha,
                              int lines, int accepted, int quarantined, int duplicates, int faulty, List<RecordOutcome> outcomes) {
        org.jooq.JSON outcomesJson = outcomes == null ? null : org.jooq.JSON.valueOf(BatchBody.JSON.writeValueAsString(outcomes));
        boolean replayable = idempotencyKey != null && !idempotencyKey.isBlank();
        dsl.insertInto(EXCHANGE_BATCH)
                .set(EXCHANGE_BATCH.ID, batchId)
                .set(EXCHANGE_BATCH.KIND, kind)
                .set(EXCHANGE_BATCH.CLIENT, client)
                .set(EXCHANGE_BATCH.IDEMPOTENCY_KEY, idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey)
                .set(EXCHANGE_BATCH.BODY_SHA256, sha)
                .set(EXCHANGE_BATCH.LINES, lines)
                .set(EXCHANGE_BATCH.ACCEPTED, accepted)
                .set(EXCHANGE_BATCH.QUARANTINED, quarantined)
                .set(EXCHANGE_BATCH.DUPLICATES, duplicates)
                .set(EXCHANGE_BATCH.FAULTY, faulty)
                // kept only to answer a repeat (replay above), which needs an idempotency key: without one the
                // 10,000 outcomes of a batch (~0.4 MB) would be written for nobody to read
                .set(EXCHANGE_BATCH.OUTCOMES, replayable ? outcomesJson : null)
                .execute();
        return new BatchResult(batchId, lines, accepted, quarantined, duplicates, false, faulty, RawJson.of(outcomesJson));
    }

    /** Must match the retention set on exchange_stat in the migration. */
    static final int RAW_RETENTION_DAYS = 400;

    /**
     * One SHA-256 digest per thread, cloned from a prototype: looking the algorithm up for every record (each op-monitoring
     * record's identity is a digest) allocated more than the digest itself.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String sha256(byte[] body) {
        return HexFormat.of().formatHex(sha256Digest().digest(body));
    }

    /** This thread's SHA-256 digest, reset. */
    static MessageDigest sha256Digest() {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return digest;
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
