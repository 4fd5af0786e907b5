package cn.suqian.govshare.record;

import cn.suqian.govshare.db.Sorting;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;
import org.jooq.tools.StringUtils;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of one registry table, in typed jOOQ: records keyed by a code that never changes, owned by an
 * organisation, retired instead of deleted. Filtered, sorted and paged reads, batched inserts and
 * replacements, retirement, and the owners of the active records for other registries' reference checks.
 * A row maps onto its record by column and component name ({@code organisation_code} to
 * {@code organisationCode}); a module's repository extends this with its table, the filters particular to
 * it and, where names alone do not do, its own mapping. Every method runs inside the caller's transaction.
 */
public abstract class RecordTable<T, R extends UpdatableRecord<R>, F extends RecordFilter<F>> {

    private static final int BATCH_SIZE = 1000;

    private final Class<T> type;
    private final Table<R> table;
    private final TableField<R, String> code;
    private final TableField<R, String> owner;
    private final TableField<R, OffsetDateTime> retiredAt;
    private final TableField<R, OffsetDateTime> createdAt;
    private final TableField<R, OffsetDateTime> updatedAt;
    private final TableField<R, Long> version;
    private final Map<String, Field<?>> sortable = new LinkedHashMap<>();

    /**
     * @param owner    the column naming the owning organisation
     * @param version  the column counting the record's changes (optimistic concurrency: raised by one with each
     *                 update and retirement written here)
     * @param sortable the columns a list may be sorted by, under their names in the API ({@code annualOmCost});
     *                 a list is always sorted by code last, so that paging is stable
     */
    protected RecordTable(Class<T> type, Table<R> table, TableField<R, String> code, TableField<R, String> owner,
                          TableField<R, OffsetDateTime> retiredAt, TableField<R, OffsetDateTime> createdAt,
                          TableField<R, OffsetDateTime> updatedAt, TableField<R, Long> version,
                          List<? extends Field<?>> sortable) {
        this.type = type;
        this.table = table;
        this.code = code;
        this.owner = owner;
        this.retiredAt = retiredAt;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
        sortable.forEach(f -> this.sortable.put(StringUtils.toCamelCaseLC(f.getName()), f));
    }

    /** The conditions of the filters particular to this table; owner and retirement are applied here. */
    protected abstract List<Condition> conditions(F filter);

    /** A stored row as its record. */
    protected T toDomain(R row) {
        return row.into(type);
    }

    /** A record as the row to insert, or to replace the stored one with. */
    protected R toRow(DSLContext dsl, T record) {
        return row(dsl, record);
    }

    /**
     * The row for {@code record}, each column from the record component of the same name; the columns the
     * database and the life cycle keep (creation, update and retirement times, and {@code alsoKept}) are
     * left alone.
     */
    protected final R row(DSLContext dsl, T record, Field<?>... alsoKept) {
        R row = dsl.newRecord(table, record);
        row.changed(retiredAt, false);
        row.changed(createdAt, false);
        row.changed(updatedAt, false);
        row.changed(version, false);
        for (Field<?> kept : alsoKept) {
            row.changed(kept, false);
        }
        return row;
    }

    /** What else changes when a record is retired (nothing, unless a table says so). */
    protected Map<Field<?>, Object> onRetirement() {
        return Map.of();
    }

    /** One page of the records the filter selects, sorted by {@code sort=field,asc|desc} (then by code). */
    public PageResult<T> find(DSLContext dsl, F filter, String sort, PageRequest page) {
        Condition where = where(filter);
        long total = dsl.fetchCount(table, where);
        List<T> items = dsl.selectFrom(table).where(where)
                .orderBy(Sorting.parse(sort, sortable, code))
                .limit(page.size()).offset(page.offset())
                .fetch(this::toDomain);
        return new PageResult<>(items, total, page.page(), page.size());
    }

    /** Every record the filter selects, by code. */
    public List<T> all(DSLContext dsl, F filter) {
        return dsl.selectFrom(table).where(where(filter)).orderBy(code).fetch(this::toDomain);
    }

    public Optional<T> get(DSLContext dsl, String code) {
        return dsl.selectFrom(table).where(this.code.eq(code)).fetchOptional(this::toDomain);
    }

    /** The records stored under any of the codes, by code. */
    public Map<String, T> byCodes(DSLContext dsl, Collection<String> codes) {
        Map<String, T> found = new LinkedHashMap<>();
        dsl.selectFrom(table).where(code.in(codes)).forEach(r -> found.put(r.get(code), toDomain(r)));
        return found;
    }

    public void insert(DSLContext dsl, Collection<T> records) {
        List<Query> queries = new ArrayList<>(records.size());
        for (T record : records) {
            queries.add(dsl.insertInto(table).set(toRow(dsl, record)));
        }
        batch(dsl, queries);
    }

    /** Replaces the stored records of the same codes (codes never change). */
    public void update(DSLContext dsl, Collection<T> records) {
        List<Query> queries = new ArrayList<>(records.size());
        OffsetDateTime now = OffsetDateTime.now();
        for (T record : records) {
            R row = toRow(dsl, record);
            String key = row.get(code);
            row.changed(code, false);
            row.set(updatedAt, now);
            queries.add(dsl.update(table).set(row).set(version, version.plus(1)).where(code.eq(key)));
        }
        batch(dsl, queries);
    }

    /** Marks a record retired; false when it was retired already. */
    public boolean retire(DSLContext dsl, String code) {
        OffsetDateTime now = OffsetDateTime.now();
        return dsl.update(table).set(retiredAt, now).set(onRetirement()).set(updatedAt, now).set(version, version.plus(1))
                .where(this.code.eq(code)).and(retiredAt.isNull()).execute() == 1;
    }

    /** The stored version of a record, its row locked until the transaction ends; empty when there is none. */
    public Optional<Long> lockVersion(DSLContext dsl, String code) {
        return dsl.select(version).from(table).where(this.code.eq(code)).forUpdate().fetchOptional(version);
    }

    /** The stored version of a record as this transaction sees it (no lock: for reads). */
    public Optional<Long> version(DSLContext dsl, String code) {
        return dsl.select(version).from(table).where(this.code.eq(code)).fetchOptional(version);
    }

    /** The table's name, as the audit trail names the record type. */
    public String entityType() {
        return table.getName();
    }

    /** The owners of the active records: code → owning organisation. */
    public Map<String, String> activeOwners(DSLContext dsl) {
        Map<String, String> owners = new LinkedHashMap<>();
        dsl.select(code, owner).from(table).where(retiredAt.isNull()).forEach(r -> owners.put(r.value1(), r.value2()));
        return owners;
    }

    /** The rows a filter selects: its own conditions, the owner asked for, active ones unless retired are included. */
    protected final Condition where(F filter) {
        List<Condition> where = new ArrayList<>(conditions(filter));
        if (filter.organisation() != null) {
            where.add(owner.eq(filter.organisation()));
        }
        if (!filter.includeRetired()) {
            where.add(retiredAt.isNull());
        }
        return DSL.and(where);
    }

    private static void batch(DSLContext dsl, List<Query> queries) {
        for (int i = 0; i < queries.size(); i += BATCH_SIZE) {
            dsl.batch(queries.subList(i, Math.min(queries.size(), i + BATCH_SIZE))).execute();
        }
    }
}
