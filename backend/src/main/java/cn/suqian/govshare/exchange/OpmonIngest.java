package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.Blocking;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.db.schema.tables.records.OpmonCallRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.suqian.govshare.db.schema.Tables.OPMON_CALL;
import static cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;

/**
 * X-Road operational-monitoring ingest: records are checked one by one (a faulty one is
 * kept apart with its reasons, see {@link OpmonFaulty}; only a body that is not a batch at all is refused), attributed to
 * organisations through the registry (unknown members quarantined), stored once (a repeated record is
 * dropped), paired into calls (Client with Producer: same messageId and, when both have it, xRequestId,
 * within the pairing window — a record without a partner stays an orphan until one arrives) and the
 * business calls (not metaservices) counted into 5-minute interval statistics with source OPMON.
 */
@Service
public class OpmonIngest {

    static final int BUCKET_SECONDS = 300;

    private final Db db;
    private final Blocking blocking;
    private final PartitionsAhead partitions;
    private final StatsMerge merge;
    private final TimeSeriesStorage storage;
    private final ExchangeProperties properties;

    private final ExchangeDirectory.Loader directories;

    OpmonIngest(Db db, Blocking blocking, PartitionsAhead partitions, StatsMerge merge, TimeSeriesStorage storage, ExchangeProperties properties, ExchangeDirectory.Loader directories) {
        this.db = db;
        this.blocking = blocking;
        this.partitions = partitions;
        this.directories = directories;
        this.merge = merge;
        this.storage = storage;
        this.properties = properties;
    }

    /**
     * A body read and checked before any transaction opens; see {@link ExchangeIngest.StatsBatch}. Records that are
     * faulty are null in {@code records}, their problems at the same index in {@code faults}.
     */
    record OpmonBatch(String sha, List<BatchBody.Line> lines, List<OpmonRecord> records, List<List<FieldProblem>> faults,
                      InvalidInputException refusal) {
    }

    /** One pushed batch: the body parsed off the event loop and before any connection is taken, then one transaction. */
    public Mono<ExchangeIngest.BatchResult> ingest(String client, String idempotencyKey, byte[] body, String contentType) {
        return blocking.call(() -> parse(body, contentType))
                .flatMap(batch -> partitions.ensure(OPMON_RECORD, batch.records() == null ? java.util.List.of()
                                : batch.records().stream().filter(java.util.Objects::nonNull).map(OpmonRecord::monitoringTs).toList())
                        .then(db.tx(dsl -> ingest(dsl, client, idempotencyKey, batch))));
    }

    /**
     * Reads and checks a body; CPU work to run off the event loop. Only a body that is not a batch at all is
     * refused; a record that is incomplete, of the wrong type or out of bounds is faulty, the others go on.
     */
    OpmonBatch parse(byte[] body, String contentType) {
        String sha = ExchangeIngest.sha256(body);
        try {
            List<BatchBody.Line> lines = BatchBody.split(body, contentType, properties.maxBatchRecords());
            IngestBounds bounds = new IngestBounds(Instant.now(), properties.clockSkew());
            List<OpmonRecord> records = new ArrayList<>(lines.size());
            List<List<FieldProblem>> faults = new ArrayList<>(lines.size());
            for (BatchBody.Line line : lines) {
                List<FieldProblem> problems = new ArrayList<>();
                records.add(OpmonRecord.parse(line.fields(), line.tokens(), line.number(), bounds, problems));
                faults.add(problems);
            }
            return new OpmonBatch(sha, lines, records, faults, null);
        } catch (InvalidInputException e) {
            return new OpmonBatch(sha, null, null, null, e);
        }
    }

    public ExchangeIngest.BatchResult ingest(DSLContext dsl, String client, String idempotencyKey, byte[] body, String contentType) {
        return ingest(dsl, client, idempotencyKey, parse(body, contentType));
    }

    ExchangeIngest.BatchResult ingest(DSLContext dsl, String client, String idempotencyKey, OpmonBatch batch) {
        ExchangeIngest.BatchResult earlier = ExchangeIngest.replay(dsl, client, idempotencyKey, batch.sha());
        if (earlier != null) {
            return earlier;
        }
        if (batch.refusal() != null) {
            throw batch.refusal();
        }
        UUID batchId = UUID.randomUUID();
        List<BatchBody.Line> sound = new ArrayList<>();
        List<OpmonRecord> soundRecords = new ArrayList<>();
        List<Integer> soundIndex = new ArrayList<>();
        ExchangeIngest.RecordOutcome[] outcomes = new ExchangeIngest.RecordOutcome[batch.lines().size()];
        List<OpmonFaulty.Faulty> faulty = new ArrayList<>();
        for (int i = 0; i < batch.lines().size(); i++) {
            if (batch.records().get(i) == null) {
                List<FieldProblem> reasons = batch.faults().get(i);
                faulty.add(new OpmonFaulty.Faulty(i + 1, batch.lines().get(i).rawJson(), reasons));
                outcomes[i] = new ExchangeIngest.RecordOutcome(i + 1, ExchangeIngest.Outcome.FAULTY, reasons);
            } else {
                sound.add(batch.lines().get(i));
                soundRecords.add(batch.records().get(i));
                soundIndex.add(i);
            }
        }
        OpmonFaulty.store(dsl, batchId, faulty);
        Result r = apply(dsl, batchId, sound, soundRecords);
        for (int j = 0; j < soundIndex.size(); j++) {
            outcomes[soundIndex.get(j)] = new ExchangeIngest.RecordOutcome(soundIndex.get(j) + 1, r.outcomes()[j], null);
        }
        return ExchangeIngest.record(dsl, batchId, BatchKind.OPMON, client, idempotencyKey, batch.sha(), batch.lines().size(), r.accepted,
                r.quarantined, r.duplicates, faulty.size(), List.of(outcomes));
    }

    /** Counts, and what became of each record given (same order). */
    record Result(int accepted, int quarantined, int duplicates, ExchangeIngest.Outcome[] outcomes) {
    }

    /** Attributes, stores, pairs and counts validated records. Also used to re-attribute quarantined ones. */
    Result apply(DSLContext dsl, UUID batchId, List<BatchBody.Line> lines, List<OpmonRecord> records) {
        ExchangeDirectory directory = directories.load(dsl);
        ExchangeIngest.Outcome[] outcomes = new ExchangeIngest.Outcome[records.size()];
        List<ExchangeIngest.Quarantined> quarantined = new ArrayList<>();
        Map<String, OpmonRecord> byKey = new LinkedHashMap<>();
        Map<String, ExchangeDirectory.Party[]> parties = new LinkedHashMap<>();
        int inBatchDuplicates = 0;
        for (int i = 0; i < records.size(); i++) {
            OpmonRecord rec = records.get(i);
            var client = directory.resolveXRoad(rec.clientInstance(), rec.clientClass(), rec.clientCode(), rec.clientSubsystem());
            var provider = directory.resolveXRoad(rec.serviceInstance(), rec.serviceClass(), rec.serviceMemberCode(), rec.serviceSubsystem());
            if (client == null || provider == null) {
                List<String> unknown = new ArrayList<>();
                if (client == null) {
                    unknown.add(rec.clientId());
                }
                if (provider == null) {
                    unknown.add(rec.serviceId());
                }
                quarantined.add(new ExchangeIngest.Quarantined(lines.get(i).json(), unknown,
                        ExchangeReason.Given.of(ExchangeReason.UNKNOWN_XROAD_PARTIES, String.join(", ", unknown))));
                outcomes[i] = ExchangeIngest.Outcome.QUARANTINED;
                continue;
            }
            String key = rec.dedupeKey();
            if (byKey.putIfAbsent(key, rec) != null) {
                inBatchDuplicates++;
                outcomes[i] = ExchangeIngest.Outcome.DUPLICATE;
            } else {
                parties.put(key, new ExchangeDirectory.Party[]{client, provider});
            }
        }
        ExchangeIngest.quarantine(dsl, batchId, StatSource.OPMON, quarantined);
        if (byKey.isEmpty()) {
            return new Result(0, quarantined.size(), inBatchDuplicates, outcomes);
        }

        // Store each record once; those already stored (re-sent) are dropped here.
        OffsetDateTime min = null;
        OffsetDateTime max = null;
        for (OpmonRecord rec : byKey.values()) {
            min = min == null || rec.monitoringTs().isBefore(min) ? rec.monitoringTs() : min;
            max = max == null || rec.monitoringTs().isAfter(max) ? rec.monitoringTs() : max;
        }
        storage.ensurePartitions(dsl, OPMON_RECORD, min, max.plusSeconds(1));
        var insert = dsl.insertInto(OPMON_RECORD, OPMON_RECORD.MONITORING_TS, OPMON_RECORD.SIDE, OPMON_RECORD.DEDUPE_KEY,
                OPMON_RECORD.MESSAGE_ID, OPMON_RECORD.X_REQUEST_ID, OPMON_RECORD.REQUEST_IN_TS, OPMON_RECORD.REQUEST_OUT_TS,
                OPMON_RECORD.RESPONSE_IN_TS, OPMON_RECORD.RESPONSE_OUT_TS, OPMON_RECORD.CLIENT_ID, OPMON_RECORD.SERVICE_ID,
                OPMON_RECORD.SERVICE_CODE, OPMON_RECORD.SERVICE_VERSION, OPMON_RECORD.SERVICE_TYPE, OPMON_RECORD.CLIENT_ORG,
                OPMON_RECORD.CLIENT_SYSTEM, OPMON_RECORD.PROVIDER_ORG, OPMON_RECORD.PROVIDER_SYSTEM, OPMON_RECORD.REQUEST_SIZE,
                OPMON_RECORD.RESPONSE_SIZE, OPMON_RECORD.SUCCEEDED, OPMON_RECORD.FAULT_CODE, OPMON_RECORD.FAULT_STRING,
                OPMON_RECORD.STATUS_CODE, OPMON_RECORD.METASERVICE, OPMON_RECORD.SECURITY_SERVER, OPMON_RECORD.BATCH_ID);
        for (var e : byKey.entrySet()) {
            OpmonRecord r = e.getValue();
            var p = parties.get(e.getKey());
            insert = insert.values(r.monitoringTs(), r.side(), e.getKey(), r.messageId(), r.xRequestId(), r.requestInTs(),
                    r.requestOutTs(), r.responseInTs(), r.responseOutTs(), r.clientId(), r.serviceId(), r.serviceCode(),
                    r.serviceVersion(), r.serviceType(), p[0].organisation(), p[0].system(), p[1].organisation(), p[1].system(),
                    r.requestSize(), r.responseSize(), r.succeeded(), r.faultCode(), r.faultString(), r.statusCode(), r.metaservice(),
                    r.securityServer(), batchId);
        }
        Set<String> stored = new HashSet<>(insert.onConflictDoNothing().returningResult(OPMON_RECORD.DEDUPE_KEY).fetch(OPMON_RECORD.DEDUPE_KEY));
        int duplicates = inBatchDuplicates + (byKey.size() - stored.size());
        for (int i = 0; i < records.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = stored.contains(records.get(i).dedupeKey()) ? ExchangeIngest.Outcome.ACCEPTED : ExchangeIngest.Outcome.DUPLICATE;
            }
        }

        // Pair new records with open calls (stored earlier or created in this batch), oldest first.
        List<OpmonRecord> fresh = byKey.entrySet().stream().filter(e -> stored.contains(e.getKey())).map(Map.Entry::getValue)
                .sorted(Comparator.comparing(OpmonRecord::startedAt)).toList();
        Set<String> messageIds = new HashSet<>();
        fresh.forEach(r -> messageIds.add(r.messageId()));
        Map<String, List<OpmonCall>> open = new LinkedHashMap<>();
        List<OpmonCall> touched = new ArrayList<>();
        Set<Bucket> staleBuckets = new HashSet<>();
        dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.in(messageIds)).and(OPMON_CALL.PAIRED.isFalse())
                .forEach(rec -> open.computeIfAbsent(rec.getMessageId(), k -> new ArrayList<>()).add(rec.into(OpmonCall.class)));
        long window = properties.pairingWindow().toMillis();
        for (OpmonRecord r : fresh) {
            String key = r.dedupeKey();
            var p = parties.get(key);
            List<OpmonCall> candidates = open.computeIfAbsent(r.messageId(), k -> new ArrayList<>());
            OpmonCall call = candidates.stream().filter(c -> c.accepts(r, window)).findFirst().orElse(null);
            if (call == null) {
                call = new OpmonCall();
                candidates.add(call);
            } else if (!call.metaservice) {
                staleBuckets.add(Bucket.of(call)); // its start may move to the client's view
            }
            call.attach(r, key, p[0], p[1]);
            if (!touched.contains(call)) {
                touched.add(call);
            }
            if (call.paired()) {
                candidates.remove(call);
            }
        }
        write(dsl, touched);
        countIntoStats(dsl, touched, staleBuckets, batchId);
        return new Result(stored.size(), quarantined.size(), duplicates, outcomes);
    }

    private void write(DSLContext dsl, List<OpmonCall> calls) {
        List<Query> queries = new ArrayList<>();
        for (OpmonCall c : calls) {
            OpmonCallRecord rec = dsl.newRecord(OPMON_CALL, c);
            rec.changed(OPMON_CALL.ID, false); // the database's identity
            // derived from the timestamps, stored for the readers
            rec.setPaired(c.paired());
            rec.setTotalMs(c.totalMs());
            rec.setProducerMs(c.producerMs());
            rec.setProviderIsMs(c.providerIsMs());
            rec.setRequestNetworkMs(c.requestNetworkMs());
            rec.setResponseNetworkMs(c.responseNetworkMs());
            queries.add(c.id == null ? dsl.insertInto(OPMON_CALL).set(rec)
                    : dsl.update(OPMON_CALL).set(rec).where(OPMON_CALL.ID.eq(c.id)));
        }
        for (int i = 0; i < queries.size(); i += 1000) {
            dsl.batch(queries.subList(i, Math.min(queries.size(), i + 1000))).execute();
        }
    }

    /** A 5-minute bucket of business calls between two organisations on one resource. */
    record Bucket(OffsetDateTime start, String providerOrg, String clientOrg, String resource) {

        static Bucket of(OpmonCall c) {
            long epoch = c.startedAt.toEpochSecond();
            OffsetDateTime start = OffsetDateTime.ofInstant(Instant.ofEpochSecond(epoch - Math.floorMod(epoch, BUCKET_SECONDS)), ZoneOffset.UTC);
            return new Bucket(start, c.providerOrg, c.clientOrg, c.resource);
        }
    }

    /** Recounts the 5-minute buckets these calls fall (or fell) in, from all calls stored, into exchange_stat. */
    private void countIntoStats(DSLContext dsl, List<OpmonCall> calls, Set<Bucket> staleBuckets, UUID batchId) {
        Set<Bucket> buckets = new HashSet<>(staleBuckets);
        for (OpmonCall c : calls) {
            if (!c.metaservice) {
                buckets.add(Bucket.of(c));
            }
        }
        if (buckets.isEmpty()) {
            return;
        }
        var c = OPMON_CALL;
        Field<Long> duration = DSL.coalesce(c.TOTAL_MS, c.PRODUCER_MS, DSL.inline(0L));
        Field<Integer> count = DSL.count().as("calls");
        Field<Integer> failed = DSL.count().filterWhere(c.SUCCEEDED.isFalse()).as("failed_calls");
        Field<BigDecimal> bytes = DSL.sum(DSL.coalesce(c.REQUEST_SIZE, 0L).plus(DSL.coalesce(c.RESPONSE_SIZE, 0L))).as("bytes");
        Field<BigDecimal> latencySum = DSL.sum(duration).as("latency_ms_sum");
        Field<Long> latencyMax = DSL.max(duration).as("latency_ms_max");
        Field<String> providerSystem = DSL.max(c.PROVIDER_SYSTEM).as(c.PROVIDER_SYSTEM);
        Field<String> clientSystem = DSL.max(c.CLIENT_SYSTEM).as(c.CLIENT_SYSTEM);
        List<StatsMerge.Attributed> rows = new ArrayList<>();
        for (Bucket b : buckets) {
            var r = dsl.select(count, failed, bytes, latencySum, latencyMax, providerSystem, clientSystem)
                    .from(c)
                    .where(c.METASERVICE.isFalse())
                    .and(c.STARTED_AT.ge(b.start())).and(c.STARTED_AT.lt(b.start().plusSeconds(BUCKET_SECONDS)))
                    .and(c.PROVIDER_ORG.eq(b.providerOrg())).and(c.CLIENT_ORG.eq(b.clientOrg())).and(c.RESOURCE.eq(b.resource()))
                    .fetchOne();
            long callsInBucket = r.get(count);
            long latency = Math.max(0, ExchangeQueries.n(r.get(latencySum)));
            IntervalStat stat = new IntervalStat(b.start(), BUCKET_SECONDS, b.providerOrg(), b.clientOrg(), b.resource(), callsInBucket,
                    r.get(failed), 0, ExchangeQueries.n(r.get(bytes)), callsInBucket == 0 ? 0 : latency,
                    (int) Math.min(Integer.MAX_VALUE, Math.max(0, ExchangeQueries.n(r.get(latencyMax)))));
            rows.add(new StatsMerge.Attributed(stat, StatSource.OPMON, b.providerOrg(), b.clientOrg(), r.get(providerSystem),
                    r.get(clientSystem)));
        }
        merge.merge(dsl, rows, batchId);
    }
}
