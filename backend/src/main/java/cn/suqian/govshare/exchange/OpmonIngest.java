package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.Blocking;

import cn.suqian.govshare.db.BinaryRows;
import cn.suqian.govshare.db.CommitFlush;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.db.Copy;
import org.jooq.DSLContext;
import org.jooq.Field;
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
import java.util.function.Function;

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
    private final OpmonPendingCounts pending;

    OpmonIngest(Db db, Blocking blocking, PartitionsAhead partitions, StatsMerge merge, TimeSeriesStorage storage, ExchangeProperties properties,
                ExchangeDirectory.Loader directories, OpmonPendingCounts pending) {
        this.db = db;
        this.pending = pending;
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

    /**
     * One pushed batch: the body parsed off the event loop and before any connection is taken, then one transaction
     * that stores and pairs it, then a short one that counts it into the statistics (see {@link OpmonPendingCounts}),
     * so the next batch pairs while this one counts. Answered after both: a read after the answer includes the batch.
     * Neither waits at commit for its log to reach disk (each releases its lock a flush sooner); a third, holding no
     * lock, flushes both, so the batch is durable before it is answered ({@link CommitFlush}).
     */
    Mono<ExchangeIngest.BatchResult> ingest(String client, String idempotencyKey, BatchBytes body, String contentType) {
        long received = System.nanoTime();
        return blocking.call(() -> parse(body, contentType, Instant.now()))
                .flatMap(batch -> {
                    long parsed = System.nanoTime();
                    return partitions.ensure(OPMON_RECORD, batch.records() == null ? java.util.List.of()
                                    : batch.records().stream().filter(java.util.Objects::nonNull).map(OpmonRecord::monitoringTs).toList())
                            .then(db.tx(dsl -> {
                                long started = System.nanoTime();
                                // its commit ends the pairing lock: it does not wait for the log flush, which the
                                // counting transaction below (or, should that fail, a flushing one) waits for instead
                                CommitFlush.deferred(dsl);
                                var result = stored(dsl, client, idempotencyKey, batch);
                                if (log.isDebugEnabled()) {
                                    log.debug("op-monitoring batch of {} records: parse {} ms, partitions and wait for a connection {} ms, transaction {} ms",
                                            batch.lines() == null ? 0 : batch.lines().size(), (parsed - received) / 1_000_000,
                                            (started - parsed) / 1_000_000, (System.nanoTime() - started) / 1_000_000);
                                }
                                return result;
                            }));
                })
                .flatMap(result -> result.replayed() ? Mono.just(result) : db.tx(dsl -> {
                    long started = System.nanoTime();
                    // its commit ends the counting lock: it does not wait for the log flush either, the next one does
                    CommitFlush.deferred(dsl);
                    int moved = pending.count(dsl, result.batchId());
                    log.debug("op-monitoring counted: {} pending buckets in {} ms", moved, (System.nanoTime() - started) / 1_000_000);
                    return result;
                }).onErrorResume(e -> { // stored and paired: its pending rows are counted by the next batch or the scheduled pass
                    log.warn("op-monitoring batch {} stored, its counting deferred: {}", result.batchId(), e.toString());
                    return Mono.just(result);
                }).flatMap(counted -> db.tx(dsl -> {
                    CommitFlush.flushing(dsl); // the batch is durable once this commits, holding no lock while it waits
                    return counted;
                })));
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OpmonIngest.class);

    /**
     * Reads and checks a body; CPU work to run off the event loop. Only a body that is not a batch at all is
     * refused; a record that is incomplete, of the wrong type or out of bounds is faulty, the others go on.
     */
    OpmonBatch parse(byte[] body, String contentType) {
        return parse(BatchBytes.of(body), contentType, Instant.now());
    }

    /** The same, its times bounded as of {@code now}. */
    OpmonBatch parse(BatchBytes body, String contentType, Instant now) {
        String sha = body.sha256();
        try {
            List<BatchBody.Line> lines = BatchBody.split(body, contentType, properties.maxBatchRecords());
            IngestBounds bounds = new IngestBounds(now, properties.clockSkew());
            List<OpmonRecord> records = new ArrayList<>(lines.size());
            List<List<FieldProblem>> faults = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                BatchBody.Line line = lines.get(i);
                List<FieldProblem> problems = new ArrayList<>();
                OpmonRecord record = OpmonRecord.parse(line.fields(), line.tokens(), line.number(), bounds, problems);
                records.add(record);
                faults.add(problems.isEmpty() ? List.of() : problems);
                if (record != null) {
                    lines.set(i, line.slim()); // its fields are in the record now; as sent, it is in the body
                }
            }
            return new OpmonBatch(sha, lines, records, faults, null);
        } catch (InvalidInputException e) {
            return new OpmonBatch(sha, null, null, null, e);
        }
    }

    /** One batch stored, paired and counted in the caller's transaction. */
    public ExchangeIngest.BatchResult ingest(DSLContext dsl, String client, String idempotencyKey, byte[] body, String contentType) {
        var result = stored(dsl, client, idempotencyKey, parse(body, contentType));
        pending.count(dsl, result.batchId());
        return result;
    }

    /** Stores and pairs a batch; what it counts is left pending (see {@link OpmonPendingCounts}). */
    ExchangeIngest.BatchResult stored(DSLContext dsl, String client, String idempotencyKey, OpmonBatch batch) {
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
        StoredRecords stored = storeRecords(dsl, batchId, sound, soundRecords);
        for (int j = 0; j < soundIndex.size(); j++) {
            outcomes[soundIndex.get(j)] = new ExchangeIngest.RecordOutcome(soundIndex.get(j) + 1, stored.result().outcomes()[j], null);
        }
        // the batch's row (its answer, kept for a repeat) is written as soon as every record's outcome is known: before
        // pairing, so not under the pairing lock
        Result r = stored.result();
        var answer = ExchangeIngest.record(dsl, batchId, BatchKind.OPMON, client, idempotencyKey, batch.sha(), batch.lines().size(),
                r.accepted(), r.quarantined(), r.duplicates(), faulty.size(), List.of(outcomes));
        pair(dsl, stored);
        return answer;
    }

    /** Counts, and what became of each record given (same order). */
    record Result(int accepted, int quarantined, int duplicates, ExchangeIngest.Outcome[] outcomes) {
    }

    /**
     * Attributes, stores and pairs validated records, leaving what they count pending ({@link OpmonPendingCounts#count}
     * moves it). Also used to re-attribute quarantined ones.
     */
    Result apply(DSLContext dsl, UUID batchId, List<BatchBody.Line> lines, List<OpmonRecord> records) {
        StoredRecords stored = storeRecords(dsl, batchId, lines, records);
        pair(dsl, stored);
        return stored.result();
    }

    /** A batch's records attributed and stored, before they are paired: what became of each, and the new ones by key. */
    private record StoredRecords(UUID batchId, Result result, Map<String, OpmonRecord> fresh, Map<String, ExchangeDirectory.Party[]> parties,
                                 long started) {
    }

    /**
     * Attributes validated records to organisations (unknown members quarantined) and stores each once: a record
     * stored before is a duplicate. Within the retention every record finds its stored twin, as retention drops only
     * whole partitions older than it and ingest refuses records older than it ({@link IngestBounds}).
     */
    private StoredRecords storeRecords(DSLContext dsl, UUID batchId, List<BatchBody.Line> lines, List<OpmonRecord> records) {
        long started = System.nanoTime();
        ExchangeDirectory directory = directories.load(dsl);
        ExchangeIngest.Outcome[] outcomes = new ExchangeIngest.Outcome[records.size()];
        List<ExchangeIngest.Quarantined> quarantined = new ArrayList<>();
        Map<String, OpmonRecord> byKey = new LinkedHashMap<>();
        Map<String, ExchangeDirectory.Party[]> parties = new LinkedHashMap<>();
        int inBatchDuplicates = 0;
        String[] keys = new String[records.size()]; // a record's identity, computed once (a digest)
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
                quarantined.add(new ExchangeIngest.Quarantined(lines.get(i).rawJson(), unknown,
                        ExchangeReason.Given.of(ExchangeReason.UNKNOWN_XROAD_PARTIES, String.join(", ", unknown))));
                outcomes[i] = ExchangeIngest.Outcome.QUARANTINED;
                continue;
            }
            String key = rec.dedupeKey();
            keys[i] = key;
            if (byKey.putIfAbsent(key, rec) != null) {
                inBatchDuplicates++;
                outcomes[i] = ExchangeIngest.Outcome.DUPLICATE;
            } else {
                parties.put(key, new ExchangeDirectory.Party[]{client, provider});
            }
        }
        ExchangeIngest.quarantine(dsl, batchId, StatSource.OPMON, quarantined);
        if (byKey.isEmpty()) {
            return new StoredRecords(batchId, new Result(0, quarantined.size(), inBatchDuplicates, outcomes), Map.of(), parties, started);
        }
        OffsetDateTime min = null;
        OffsetDateTime max = null;
        for (OpmonRecord rec : byKey.values()) {
            min = min == null || rec.monitoringTs().isBefore(min) ? rec.monitoringTs() : min;
            max = max == null || rec.monitoringTs().isAfter(max) ? rec.monitoringTs() : max;
        }
        storage.ensurePartitions(dsl, OPMON_RECORD, min, max.plusSeconds(1));
        Set<String> stored = new HashSet<>(insertRecords(dsl, batchId, List.copyOf(byKey.entrySet()), parties));
        int duplicates = inBatchDuplicates + (byKey.size() - stored.size());
        for (int i = 0; i < records.size(); i++) {
            if (outcomes[i] == null) {
                outcomes[i] = stored.contains(keys[i]) ? ExchangeIngest.Outcome.ACCEPTED : ExchangeIngest.Outcome.DUPLICATE;
            }
        }
        byKey.keySet().retainAll(stored);
        return new StoredRecords(batchId, new Result(stored.size(), quarantined.size(), duplicates, outcomes), byKey, parties, started);
    }

    /** Pairs the records just stored with open calls (stored earlier or made here) and holds what the calls count. */
    private void pair(DSLContext dsl, StoredRecords batch) {
        if (batch.fresh().isEmpty()) {
            return;
        }
        Map<String, ExchangeDirectory.Party[]> parties = batch.parties();
        // Pair new records with open calls (stored earlier or created in this batch), oldest first.
        List<Map.Entry<String, OpmonRecord>> fresh = batch.fresh().entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().startedAtMillis())).toList();
        Set<String> messageIds = new HashSet<>();
        fresh.forEach(e -> messageIds.add(e.getValue().messageId()));
        Map<String, List<OpmonCall>> open = new LinkedHashMap<>();
        Set<OpmonCall> touched = new java.util.LinkedHashSet<>(); // by identity: a call is one object
        // Batches from the two security servers of a call arrive concurrently: pairing reads and writes open calls
        // one batch at a time (held to commit), or each would miss the other's half and count the call twice.
        long beforeLock = System.nanoTime();
        cn.suqian.govshare.db.TransactionLock.take(dsl, "opmon-pairing");
        long locked = System.nanoTime();
        Map<OpmonCall, Contribution> before = new java.util.IdentityHashMap<>();
        var ids = keyTable(messageIds);
        // each message id looked up through the open calls' index: a lateral subquery kept apart (OFFSET 0), since a
        // plan made once for an array of unknown length read every open call instead, a sequential scan of the
        // whole table that grew with it (auto_explain: 75-100 ms a batch at 300,000 calls); planned afresh for each
        // batch (a custom plan), "= ANY" of the batch's 8,000 keys took 1 s a batch at 300,000 calls
        var openCall = DSL.lateral(DSL.selectFrom(OPMON_CALL)
                .where(OPMON_CALL.MESSAGE_ID.eq(ids.field(0, String.class))).and(OPMON_CALL.PAIRED.isFalse())
                .offset(DSL.inline(0))).as("c");
        // read by position (OpmonCall.COLUMNS' order): mapping each row into a table record by name compared every
        // column with every column through the alias, 14 % of the service's sampled CPU (JFR)
        dsl.select(OpmonCall.COLUMNS.stream().map(openCall::field).toList()).from(ids).crossJoin(openCall)
                .fetch().forEach(rec -> {
                    OpmonCall call = OpmonCall.of(rec);
                    open.computeIfAbsent(call.messageId, k -> new ArrayList<>()).add(call);
                });
        long window = properties.pairingWindow().toMillis();
        for (Map.Entry<String, OpmonRecord> e : fresh) {
            String key = e.getKey();
            OpmonRecord r = e.getValue();
            var p = parties.get(key);
            List<OpmonCall> candidates = open.computeIfAbsent(r.messageId(), k -> new ArrayList<>());
            OpmonCall call = candidates.stream().filter(c -> c.accepts(r, window)).findFirst().orElse(null);
            if (call == null) {
                call = new OpmonCall();
                candidates.add(call);
            } else if (call.id != null) {
                before.putIfAbsent(call, Contribution.of(call)); // what the stored call added to its bucket
            }
            call.attach(r, key, p[0], p[1]);
            touched.add(call);
            if (call.paired()) {
                candidates.remove(call);
            }
        }
        long paired = System.nanoTime();
        write(dsl, List.copyOf(touched));
        long written = System.nanoTime();
        countIntoStats(dsl, List.copyOf(touched), before, batch.batchId());
        if (log.isDebugEnabled()) {
            log.debug("op-monitoring apply: directory and records {} ms, wait for pairing {} ms, pairing {} ms, calls written {} ms, counted {} ms",
                    (beforeLock - batch.started()) / 1_000_000, (locked - beforeLock) / 1_000_000, (paired - locked) / 1_000_000,
                    (written - paired) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
        }
    }

    /** A session's temporary table the records of a batch are copied into, emptied at commit. */
    private static final org.jooq.Name RECORD_STAGING = DSL.name("opmon_record_staging");

    /** One column copied: the column, and how a value is taken for it (as the database stores it). */
    private record Column<T>(Field<?> column, Function<T, Object> value) {
    }

    /** The columns copied from items of one kind, in order, and how each is written in binary {@code COPY}. */
    private record Columns<T>(List<Column<T>> list, List<Field<?>> fields, BinaryRows.Kind[] kinds) {

        static <T> Columns<T> of(List<Column<T>> list) {
            List<Field<?>> fields = list.stream().<Field<?>>map(Column::column).toList();
            return new Columns<>(list, fields, BinaryRows.Kind.of(fields));
        }

        /** One item's row. */
        void write(BinaryRows rows, T item) {
            rows.row(list.size());
            for (int i = 0; i < list.size(); i++) {
                rows.value(kinds[i], list.get(i).value().apply(item));
            }
        }
    }

    /** A record to store: its identity, the record, who it was attributed to, the batch. */
    private record Stored(String key, OpmonRecord r, ExchangeDirectory.Party client, ExchangeDirectory.Party provider, UUID batchId) {
    }

    /** Every column of opmon_record and its value, in the order copied (written straight, no record objects). */
    private static final Columns<Stored> RECORD_COPY = Columns.of(List.of(
            new Column<>(OPMON_RECORD.MONITORING_TS, s -> s.r().monitoringTs()),
            new Column<>(OPMON_RECORD.SIDE, s -> s.r().side().name()),
            new Column<>(OPMON_RECORD.DEDUPE_KEY, Stored::key),
            new Column<>(OPMON_RECORD.MESSAGE_ID, s -> s.r().messageId()),
            new Column<>(OPMON_RECORD.X_REQUEST_ID, s -> s.r().xRequestId()),
            new Column<>(OPMON_RECORD.REQUEST_IN_TS, s -> s.r().requestInTs()),
            new Column<>(OPMON_RECORD.REQUEST_OUT_TS, s -> s.r().requestOutTs()),
            new Column<>(OPMON_RECORD.RESPONSE_IN_TS, s -> s.r().responseInTs()),
            new Column<>(OPMON_RECORD.RESPONSE_OUT_TS, s -> s.r().responseOutTs()),
            new Column<>(OPMON_RECORD.CLIENT_ID, s -> s.r().clientId()),
            new Column<>(OPMON_RECORD.SERVICE_ID, s -> s.r().serviceId()),
            new Column<>(OPMON_RECORD.SERVICE_CODE, s -> s.r().serviceCode()),
            new Column<>(OPMON_RECORD.SERVICE_VERSION, s -> s.r().serviceVersion()),
            new Column<>(OPMON_RECORD.SERVICE_TYPE, s -> s.r().serviceType()),
            new Column<>(OPMON_RECORD.CLIENT_ORG, s -> s.client().organisation()),
            new Column<>(OPMON_RECORD.CLIENT_SYSTEM, s -> s.client().system()),
            new Column<>(OPMON_RECORD.PROVIDER_ORG, s -> s.provider().organisation()),
            new Column<>(OPMON_RECORD.PROVIDER_SYSTEM, s -> s.provider().system()),
            new Column<>(OPMON_RECORD.REQUEST_SIZE, s -> s.r().requestSize()),
            new Column<>(OPMON_RECORD.RESPONSE_SIZE, s -> s.r().responseSize()),
            new Column<>(OPMON_RECORD.SUCCEEDED, s -> s.r().succeeded()),
            new Column<>(OPMON_RECORD.FAULT_CODE, s -> s.r().faultCode()),
            new Column<>(OPMON_RECORD.FAULT_STRING, s -> s.r().faultString()),
            new Column<>(OPMON_RECORD.STATUS_CODE, s -> s.r().statusCode()),
            new Column<>(OPMON_RECORD.METASERVICE, s -> s.r().metaservice()),
            new Column<>(OPMON_RECORD.SECURITY_SERVER, s -> s.r().securityServer()),
            new Column<>(OPMON_RECORD.BATCH_ID, Stored::batchId)));

    /** The columns of opmon_record copied (all of them). */
    private static final List<Field<?>> RECORD_COLUMNS = RECORD_COPY.fields();

    /**
     * Stores records once: {@code COPY} straight in; if one of them was stored before (a savepoint undoes the copy),
     * {@code COPY} into a staging table and one insert that skips those. Returns the keys of those stored now.
     */
    private static List<String> insertRecords(DSLContext dsl, UUID batchId, List<Map.Entry<String, OpmonRecord>> records,
                                              Map<String, ExchangeDirectory.Party[]> parties) {
        if (records.isEmpty()) {
            return List.of();
        }
        BinaryRows rows = new BinaryRows(records.size() * 400);
        for (var e : records) {
            var p = parties.get(e.getKey());
            RECORD_COPY.write(rows, new Stored(e.getKey(), e.getValue(), p[0], p[1], batchId));
        }
        // Nearly always all are new (a record stored before is found in its call): straight in. Else through staging.
        if (Copy.binaryIntoUnlessDuplicate(dsl, OPMON_RECORD, RECORD_COLUMNS, rows)) {
            return records.stream().map(Map.Entry::getKey).toList();
        }
        org.jooq.Table<org.jooq.Record> staging = DSL.table(RECORD_STAGING);
        dsl.createTemporaryTableIfNotExists(staging)
                .columns(RECORD_COLUMNS.stream().<Field<?>>map(c -> DSL.field(DSL.name(c.getName()), c.getDataType().nullable(true))).toList())
                .onCommitDeleteRows()
                .execute();
        dsl.truncate(staging).execute();
        Copy.binaryInto(dsl, staging, RECORD_COLUMNS, rows);
        List<Field<?>> staged = RECORD_COLUMNS.stream().<Field<?>>map(c -> DSL.field(RECORD_STAGING.append(c.getName()), c.getDataType())).toList();
        return dsl.insertInto(OPMON_RECORD).columns(RECORD_COLUMNS).select(DSL.select(staged).from(staging))
                .onConflictDoNothing().returningResult(OPMON_RECORD.DEDUPE_KEY).fetch(OPMON_RECORD.DEDUPE_KEY);
    }

    /**
     * A batch's keys as a table to join with ({@code unnest} of one array parameter): the join is planned as such
     * (index lookups or a hash join), where {@code = ANY(array)} in a generic plan compares every row with every key.
     */
    private static org.jooq.Table<?> keyTable(Set<String> keys) {
        return DSL.unnest(keys.toArray(String[]::new)).as("k", "key");
    }

    /**
     * Writes the calls touched: a call that changed (its partner arrived) is replaced by its new row, and the new
     * rows are copied in; one delete and one {@code COPY} per batch.
     */
    private void write(DSLContext dsl, List<OpmonCall> calls) {
        Long[] replaced = calls.stream().map(c -> c.id).filter(java.util.Objects::nonNull).toArray(Long[]::new);
        if (replaced.length > 0) {
            var ids = DSL.unnest(replaced).as("k", "id");
            dsl.deleteFrom(OPMON_CALL).using(ids).where(OPMON_CALL.ID.eq(ids.field(0, Long.class))).execute();
        }
        BinaryRows rows = new BinaryRows(calls.size() * 300);
        calls.forEach(c -> CALL_COPY.write(rows, c));
        if (!calls.isEmpty()) {
            Copy.binaryInto(dsl, OPMON_CALL, CALL_COPY.fields(), rows);
        }
    }

    /** Every column of opmon_call but its identity (the database's), and its value; durations derived for the readers. */
    private static final Columns<OpmonCall> CALL_COPY = Columns.of(List.of(
            new Column<>(OPMON_CALL.MESSAGE_ID, c -> c.messageId),
            new Column<>(OPMON_CALL.X_REQUEST_ID, c -> c.xRequestId),
            new Column<>(OPMON_CALL.STARTED_AT, c -> c.startedAt),
            new Column<>(OPMON_CALL.CLIENT_REQUEST_IN_TS, c -> c.clientRequestInTs),
            new Column<>(OPMON_CALL.CLIENT_REQUEST_OUT_TS, c -> c.clientRequestOutTs),
            new Column<>(OPMON_CALL.CLIENT_RESPONSE_IN_TS, c -> c.clientResponseInTs),
            new Column<>(OPMON_CALL.CLIENT_RESPONSE_OUT_TS, c -> c.clientResponseOutTs),
            new Column<>(OPMON_CALL.PRODUCER_REQUEST_IN_TS, c -> c.producerRequestInTs),
            new Column<>(OPMON_CALL.PRODUCER_REQUEST_OUT_TS, c -> c.producerRequestOutTs),
            new Column<>(OPMON_CALL.PRODUCER_RESPONSE_IN_TS, c -> c.producerResponseInTs),
            new Column<>(OPMON_CALL.PRODUCER_RESPONSE_OUT_TS, c -> c.producerResponseOutTs),
            new Column<>(OPMON_CALL.CLIENT_RECORD, c -> c.clientRecord),
            new Column<>(OPMON_CALL.PRODUCER_RECORD, c -> c.producerRecord),
            new Column<>(OPMON_CALL.PAIRED, OpmonCall::paired),
            new Column<>(OPMON_CALL.CLIENT_ORG, c -> c.clientOrg),
            new Column<>(OPMON_CALL.CLIENT_SYSTEM, c -> c.clientSystem),
            new Column<>(OPMON_CALL.PROVIDER_ORG, c -> c.providerOrg),
            new Column<>(OPMON_CALL.PROVIDER_SYSTEM, c -> c.providerSystem),
            new Column<>(OPMON_CALL.RESOURCE, c -> c.resource),
            new Column<>(OPMON_CALL.METASERVICE, c -> c.metaservice),
            new Column<>(OPMON_CALL.SUCCEEDED, c -> c.succeeded),
            new Column<>(OPMON_CALL.TOTAL_MS, OpmonCall::totalMs),
            new Column<>(OPMON_CALL.PRODUCER_MS, OpmonCall::producerMs),
            new Column<>(OPMON_CALL.PROVIDER_IS_MS, OpmonCall::providerIsMs),
            new Column<>(OPMON_CALL.REQUEST_NETWORK_MS, OpmonCall::requestNetworkMs),
            new Column<>(OPMON_CALL.RESPONSE_NETWORK_MS, OpmonCall::responseNetworkMs),
            new Column<>(OPMON_CALL.REQUEST_SIZE, c -> c.requestSize),
            new Column<>(OPMON_CALL.RESPONSE_SIZE, c -> c.responseSize)));

    /** A 5-minute bucket of business calls between two organisations on one resource. */
    record Bucket(OffsetDateTime start, String providerOrg, String clientOrg, String resource) {

        static Bucket of(OpmonCall c) {
            long epoch = c.startedAt.toEpochSecond();
            OffsetDateTime start = OffsetDateTime.ofInstant(Instant.ofEpochSecond(epoch - Math.floorMod(epoch, BUCKET_SECONDS)), ZoneOffset.UTC);
            return new Bucket(start, c.providerOrg, c.clientOrg, c.resource);
        }

        /** Key order, the order rows are upserted in (two transactions never wait on each other's rows crosswise). */
        static final Comparator<Bucket> ORDER = Comparator.comparing(Bucket::start).thenComparing(Bucket::providerOrg)
                .thenComparing(Bucket::clientOrg).thenComparing(Bucket::resource);
    }

    /** Buckets per recount statement. */
    private static final int RECOUNT_CHUNK = 20_000;

    /**
     * What one business call adds to its 5-minute bucket (null for a metaservice call, which is not counted). The
     * duration is the client's total, else the producer's view.
     */
    record Contribution(Bucket bucket, int failed, long bytes, long latencyMs, String providerSystem, String clientSystem) {

        static Contribution of(OpmonCall c) {
            if (c.metaservice) {
                return null;
            }
            long bytes = (c.requestSize == null ? 0 : c.requestSize) + (c.responseSize == null ? 0 : c.responseSize);
            Long total = c.totalMs();
            Long duration = total != null ? total : c.producerMs();
            return new Contribution(Bucket.of(c), c.succeeded ? 0 : 1, bytes, duration == null ? 0 : duration, c.providerSystem,
                    c.clientSystem);
        }

        /** Can the stored bucket take this call's change as a difference (same bucket and systems, maximum not lowered)? */
        boolean replaceableBy(Contribution now) {
            return now != null && bucket.equals(now.bucket) && latencyMs >= 0 && now.latencyMs >= latencyMs
                    && java.util.Objects.equals(providerSystem, now.providerSystem)
                    && java.util.Objects.equals(clientSystem, now.clientSystem);
        }
    }

    /** The larger of two codes, as SQL's max() over the bucket's calls (nulls ignored). */
    static String larger(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    /** A bucket's change (or, summed, several batches' changes): calls, failed calls, bytes and latency sum added, the largest latency of those added. */
    static final class Delta {
        long calls;
        long failed;
        long bytes;
        long latencySum;
        long latencyMax;
        String providerSystem;
        String clientSystem;

        void add(Contribution c, int calls) {
            add(calls, c.failed(), c.bytes(), c.latencyMs(), c.latencyMs(), c.providerSystem(), c.clientSystem());
        }

        /** Adds figures (sums; the largest latency and system codes kept as the larger). */
        void add(long calls, long failed, long bytes, long latencySum, long latencyMax, String providerSystem, String clientSystem) {
            this.calls += calls;
            this.failed += failed;
            this.bytes += bytes;
            this.latencySum += latencySum;
            this.latencyMax = Math.max(this.latencyMax, latencyMax);
            this.providerSystem = larger(this.providerSystem, providerSystem);
            this.clientSystem = larger(this.clientSystem, clientSystem);
        }

        void remove(Contribution c) {
            failed -= c.failed();
            bytes -= c.bytes();
            latencySum -= c.latencyMs();
        }
    }

    /**
     * Counts the calls of a batch into exchange_stat by difference (held pending, see {@link OpmonPendingCounts}): a new call adds itself to its bucket; a stored call
     * that changed (its other half arrived) adds the difference between what it counts now and what it counted. Only
     * where a difference cannot be exact — a call left its bucket or changed systems, a maximum may have dropped, a
     * negative duration (clock skew) — the bucket is recounted from all its stored calls, at once. Runs under the
     * pairing lock.
     */
    private void countIntoStats(DSLContext dsl, List<OpmonCall> calls, Map<OpmonCall, Contribution> counted, UUID batchId) {
        Map<Bucket, Delta> added = new java.util.TreeMap<>(Bucket.ORDER);   // new calls: stored or added to
        Map<Bucket, Delta> changed = new java.util.TreeMap<>(Bucket.ORDER); // calls counted before: signed differences
        Set<Bucket> recount = new HashSet<>();
        for (OpmonCall c : calls) {
            Contribution now = Contribution.of(c);
            Contribution before = counted.get(c);
            if (before == null) {
                if (now != null && now.latencyMs() >= 0) {
                    added.computeIfAbsent(now.bucket(), k -> new Delta()).add(now, 1);
                } else if (now != null) {
                    recount.add(now.bucket());
                }
            } else if (before.equals(now)) {
                // its other half changed nothing it counts (the usual case: the client's view came first and decides)
                continue;
            } else if (before.replaceableBy(now)) {
                Delta d = changed.computeIfAbsent(now.bucket(), k -> new Delta());
                d.remove(before);
                d.add(now, 0);
            } else {
                recount.add(before.bucket());
                if (now != null) {
                    recount.add(now.bucket());
                }
            }
        }
        added.keySet().removeAll(recount);
        changed.keySet().removeAll(recount);
        if (log.isDebugEnabled()) {
            log.debug("op-monitoring buckets: {} added to, {} changed, {} recounted", added.size(), changed.size(), recount.size());
        }
        pending.hold(dsl, batchId, attributed(added), attributed(changed));
        if (!recount.isEmpty()) {
            // A recount states a bucket's figures from its stored calls: every earlier batch's pending differences
            // (already in those calls) go in first, or they would be added on top later.
            pending.count(dsl, batchId);
            List<Bucket> all = List.copyOf(recount);
            List<StatsMerge.Attributed> rows = new ArrayList<>(all.size());
            for (int from = 0; from < all.size(); from += RECOUNT_CHUNK) {
                rows.addAll(recount(dsl, all.subList(from, Math.min(all.size(), from + RECOUNT_CHUNK))));
            }
            merge.merge(dsl, rows, batchId);
        }
    }

    /** Buckets' figures as op-monitoring statistics rows. */
    static List<StatsMerge.Attributed> attributed(Map<Bucket, Delta> deltas) {
        List<StatsMerge.Attributed> rows = new ArrayList<>(deltas.size());
        deltas.forEach((b, d) -> rows.add(new StatsMerge.Attributed(new IntervalStat(b.start(), BUCKET_SECONDS, b.providerOrg(),
                b.clientOrg(), b.resource(), d.calls, d.failed, 0, d.bytes, d.latencySum, (int) Math.min(Integer.MAX_VALUE, d.latencyMax)),
                StatSource.OPMON, b.providerOrg(), b.clientOrg(), d.providerSystem, d.clientSystem)));
        return rows;
    }

    private static List<StatsMerge.Attributed> recount(DSLContext dsl, List<Bucket> buckets) {
        var c = OPMON_CALL;
        // the buckets as a table: unnest of one array per column (five bind values whatever the number of buckets)
        var b = DSL.table("unnest({0}, {1}, {2}, {3}, {4})",
                        DSL.val(buckets.stream().map(Bucket::start).toArray(OffsetDateTime[]::new)),
                        DSL.val(buckets.stream().map(k -> k.start().plusSeconds(BUCKET_SECONDS)).toArray(OffsetDateTime[]::new)),
                        DSL.val(buckets.stream().map(Bucket::providerOrg).toArray(String[]::new)),
                        DSL.val(buckets.stream().map(Bucket::clientOrg).toArray(String[]::new)),
                        DSL.val(buckets.stream().map(Bucket::resource).toArray(String[]::new)))
                .as("b", "bucket_start", "bucket_end", "provider_org", "client_org", "resource");
        Field<OffsetDateTime> start = DSL.field(DSL.name("b", "bucket_start"), OffsetDateTime.class);
        Field<OffsetDateTime> end = DSL.field(DSL.name("b", "bucket_end"), OffsetDateTime.class);
        Field<String> providerOrg = DSL.field(DSL.name("b", "provider_org"), String.class);
        Field<String> clientOrg = DSL.field(DSL.name("b", "client_org"), String.class);
        Field<String> resource = DSL.field(DSL.name("b", "resource"), String.class);
        Field<Long> duration = DSL.coalesce(c.TOTAL_MS, c.PRODUCER_MS, DSL.inline(0L));
        Field<Integer> count = DSL.count(c.ID).as("calls");
        Field<Integer> failed = DSL.count(c.ID).filterWhere(c.SUCCEEDED.isFalse()).as("failed_calls");
        Field<BigDecimal> bytes = DSL.sum(DSL.coalesce(c.REQUEST_SIZE, 0L).plus(DSL.coalesce(c.RESPONSE_SIZE, 0L))).as("bytes");
        Field<BigDecimal> latencySum = DSL.sum(duration).as("latency_ms_sum");
        Field<Long> latencyMax = DSL.max(duration).as("latency_ms_max");
        Field<String> providerSystem = DSL.max(c.PROVIDER_SYSTEM).as(c.PROVIDER_SYSTEM);
        Field<String> clientSystem = DSL.max(c.CLIENT_SYSTEM).as(c.CLIENT_SYSTEM);
        List<StatsMerge.Attributed> rows = new ArrayList<>(buckets.size());
        for (var r : dsl.select(start, providerOrg, clientOrg, resource, count, failed, bytes, latencySum, latencyMax, providerSystem, clientSystem)
                .from(b)
                .leftJoin(c).on(c.PROVIDER_ORG.eq(providerOrg)).and(c.CLIENT_ORG.eq(clientOrg)).and(c.RESOURCE.eq(resource))
                .and(c.STARTED_AT.ge(start)).and(c.STARTED_AT.lt(end))
                .and(c.METASERVICE.isFalse())
                .groupBy(start, providerOrg, clientOrg, resource)
                .fetch()) {
            long callsInBucket = r.get(count);
            long latency = Math.max(0, ExchangeQueries.n(r.get(latencySum)));
            IntervalStat stat = new IntervalStat(r.get(start), BUCKET_SECONDS, r.get(providerOrg), r.get(clientOrg), r.get(resource),
                    callsInBucket, r.get(failed), 0, ExchangeQueries.n(r.get(bytes)), callsInBucket == 0 ? 0 : latency,
                    (int) Math.min(Integer.MAX_VALUE, Math.max(0, ExchangeQueries.n(r.get(latencyMax)))));
            rows.add(new StatsMerge.Attributed(stat, StatSource.OPMON, r.get(providerOrg), r.get(clientOrg), r.get(providerSystem),
                    r.get(clientSystem)));
        }
        return rows;
    }
}
