package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.RawJson;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static cn.suqian.govshare.db.schema.Tables.OPMON_FAULTY;

/**
 * Op-monitoring records that are valid JSON but cannot be counted: incomplete (a request that failed before
 * the security server parsed it has no messageId, client or service), of the wrong type, or outside the
 * plausibility bounds ({@link IngestBounds}). Kept as sent, with their reasons, never paired or attributed;
 * a record sent again is kept once.
 */
@Component
public class OpmonFaulty {

    private final Db db;

    OpmonFaulty(Db db) {
        this.db = db;
    }

    /** A faulty record of a batch: its index (from 1), the record as sent, and why it is faulty. */
    record Faulty(int index, String json, List<FieldProblem> reasons) {
    }

    /** {@code reasons}: [{field, value, code, params, reason}], pages say {@code problem.<code>}. */
    public record Item(long id, UUID batchId, int recordIndex, OffsetDateTime receivedAt, RawJson record, RawJson reasons) {
    }

    static void store(DSLContext dsl, UUID batchId, List<Faulty> records) {
        if (records.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(OPMON_FAULTY, OPMON_FAULTY.BATCH_ID, OPMON_FAULTY.RECORD_INDEX, OPMON_FAULTY.RECORD,
                OPMON_FAULTY.RECORD_SHA256, OPMON_FAULTY.REASONS);
        for (Faulty f : records) {
            insert = insert.values(batchId, f.index(), BatchBody.jsonb(f.json()), ExchangeIngest.sha256(f.json()),
                    BatchBody.jsonb(BatchBody.JSON.writeValueAsString(f.reasons())));
        }
        insert.onConflictDoNothing().execute();
    }

    /** Faulty records, newest first. */
    public Mono<PageResult<Item>> list(PageRequest page) {
        return db.tx(dsl -> list(dsl, page));
    }

    PageResult<Item> list(DSLContext dsl, PageRequest page) {
        long total = dsl.fetchCount(OPMON_FAULTY);
        var items = dsl.selectFrom(OPMON_FAULTY).orderBy(OPMON_FAULTY.ID.desc()).limit(page.size()).offset(page.offset())
                .fetch(r -> new Item(r.getId(), r.getBatchId(), r.getRecordIndex(), r.getReceivedAt(), RawJson.of(r.getRecord()),
                        RawJson.of(r.getReasons())));
        return new PageResult<>(items, total, page.page(), page.size());
    }
}
