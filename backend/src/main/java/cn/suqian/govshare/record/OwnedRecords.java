package cn.suqian.govshare.record;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.Sorting;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The common life of a registry record owned by an organisation: scoped listing with paging and sorting,
 * reading, validated creation and replacement, and retirement instead of deletion. Record types with
 * more behaviour (the inventory, the catalogue) have their own services; the simpler ones (private
 * networks, data rooms, connection targets) are one of these plus their rules.
 */
public final class OwnedRecords<T, R extends UpdatableRecord<R>> {

    /** How one record type maps onto its table and what makes it valid. */
    public record Mapping<T, R extends UpdatableRecord<R>>(
            String entityName,
            Table<R> table,
            TableField<R, String> code,
            Field<String> owner,
            TableField<R, OffsetDateTime> retiredAt,
            TableField<R, OffsetDateTime> updatedAt,
            Map<String, Field<?>> sortable,
            Function<R, T> toDomain,
            BiFunction<DSLContext, T, R> toRecord,
            Function<T, String> key,
            Function<T, T> normalise,
            BiFunction<T, LocalDate, List<FieldProblem>> check,
            ReferenceCheck<T> checkReferences,
            BiFunction<DSLContext, T, String> ownerOf) {
    }

    @FunctionalInterface
    public interface ReferenceCheck<T> {
        List<FieldProblem> check(DSLContext dsl, T record, References lookups);
    }

    /**
     * The row for {@code value}, each column from the record component of the same name; the columns the
     * database or the life cycle keep ({@code keptByTable}: creation and update times, retirement) are
     * left alone.
     */
    public static <R extends UpdatableRecord<R>> R row(DSLContext dsl, Table<R> table, Object value, Field<?>... keptByTable) {
        R row = dsl.newRecord(table, value);
        for (Field<?> kept : keptByTable) {
            row.changed(kept, false);
        }
        return row;
    }

    private final Db db;
    private final References.Sources references;
    private final Mapping<T, R> m;

    public OwnedRecords(Db db, References.Sources references, Mapping<T, R> mapping) {
        this.db = db;
        this.references = references;
        this.m = mapping;
    }

    public Mono<PageResult<T>> find(CurrentUser user, String organisation, List<Condition> filters, boolean includeRetired,
                             String sort, PageRequest page) {
        return db.tx(dsl -> {
            List<Condition> where = new ArrayList<>(filters);
            String scope = user.organisationScope().orElse(organisation);
            if (scope != null && !scope.isBlank()) {
                where.add(m.owner().eq(scope));
            }
            if (!includeRetired) {
                where.add(m.retiredAt().isNull());
            }
            Condition c = DSL.and(where);
            long total = dsl.fetchCount(dsl.selectFrom(m.table()).where(c));
            List<T> items = dsl.selectFrom(m.table()).where(c)
                    .orderBy(Sorting.parse(sort, m.sortable(), m.code()))
                    .limit(page.size()).offset(page.offset())
                    .fetch(m.toDomain()::apply);
            return new PageResult<>(items, total, page.page(), page.size());
        });
    }

    public Mono<T> get(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T found = load(dsl, code).orElseThrow(() -> new NotFoundException(m.entityName(), code));
            user.requireRead(m.ownerOf().apply(dsl, found));
            return found;
        });
    }

    public Mono<T> create(CurrentUser user, T input) {
        return db.tx(dsl -> create(dsl, user, input));
    }

    /** The same, inside a transaction the caller already holds (start-up paths such as demo data). */
    public T create(DSLContext dsl, CurrentUser user, T input) {
        T record = m.normalise().apply(input);
        String owner = m.ownerOf().apply(dsl, record);
        if (owner != null) {
            user.requireChange(owner); // refuse before saying anything about another organisation's data
        }
        validate(dsl, record);
        user.requireChange(m.ownerOf().apply(dsl, record));
        if (load(dsl, m.key().apply(record)).isPresent()) {
            throw new InvalidInputException("code", m.key().apply(record), "already exists");
        }
        dsl.executeInsert(m.toRecord().apply(dsl, record));
        return load(dsl, m.key().apply(record)).orElseThrow();
    }

    public Mono<T> update(CurrentUser user, String code, T input) {
        T record = m.normalise().apply(input);
        return db.tx(dsl -> {
            T stored = load(dsl, code).orElseThrow(() -> new NotFoundException(m.entityName(), code));
            user.requireChange(m.ownerOf().apply(dsl, stored));
            if (!code.equals(m.key().apply(record))) {
                throw new InvalidInputException("code", m.key().apply(record), "must equal the code addressed (" + code + "); codes never change");
            }
            if (m.retiredAt().getValue(dsl.selectFrom(m.table()).where(m.code().eq(code)).fetchOne()) != null) {
                throw new InvalidInputException("code", code, "retired records cannot be changed");
            }
            validate(dsl, record);
            user.requireChange(m.ownerOf().apply(dsl, record));
            if (!m.normalise().apply(stored).equals(record)) {
                R r = m.toRecord().apply(dsl, record);
                r.changed(m.code(), false);
                r.set(m.updatedAt(), OffsetDateTime.now());
                dsl.update(m.table()).set(r).where(m.code().eq(code)).execute();
            }
            return load(dsl, code).orElseThrow();
        });
    }

    public Mono<T> retire(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T stored = load(dsl, code).orElseThrow(() -> new NotFoundException(m.entityName(), code));
            user.requireChange(m.ownerOf().apply(dsl, stored));
            dsl.update(m.table()).set(m.retiredAt(), OffsetDateTime.now()).set(m.updatedAt(), OffsetDateTime.now())
                    .where(m.code().eq(code)).and(m.retiredAt().isNull()).execute();
            return load(dsl, code).orElseThrow();
        });
    }

    private Optional<T> load(DSLContext dsl, String code) {
        return dsl.selectFrom(m.table()).where(m.code().eq(code)).fetchOptional(m.toDomain()::apply);
    }

    private void validate(DSLContext dsl, T record) {
        List<FieldProblem> problems = new ArrayList<>(m.check().apply(record, LocalDate.now()));
        problems.addAll(m.checkReferences().check(dsl, record, references.open(dsl)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
