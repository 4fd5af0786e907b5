package cn.suqian.govshare.record;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.DSLContext;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The service of a registry record owned by an organisation: scoped listing with paging and sorting,
 * reading, validated creation and replacement, and retirement instead of deletion, each call one
 * transaction. Record types with more behaviour (the inventory, the catalogue) are {@link SheetBackedRecords};
 * the simpler ones (private networks, data rooms, connection targets) are a module service extending this,
 * over the module's repository, with the rules the record itself carries.
 */
public class OwnedRecords<T extends OwnedRecord<T>, F extends RecordFilter<F>> {

    private final Db db;
    private final References.Sources references;
    private final RecordTable<T, ?, F> table;
    private final String entityName;

    /** @param entityName how the record is named in messages, e.g. "private network" */
    protected OwnedRecords(Db db, References.Sources references, RecordTable<T, ?, F> table, String entityName) {
        this.db = db;
        this.references = references;
        this.table = table;
        this.entityName = entityName;
    }

    /** The organisation owning a record: the one it names, unless the record type derives it otherwise. */
    protected String ownerOf(DSLContext dsl, T record) {
        return record.organisationCode();
    }

    /** A page of records; departments see only their own organisation's, whatever they asked for. */
    public Mono<PageResult<T>> find(CurrentUser user, F filter, String sort, PageRequest page) {
        String scope = user.organisationScope().orElse(filter.organisation());
        F scoped = filter.withOrganisation(scope == null || scope.isBlank() ? null : scope);
        return db.tx(dsl -> table.find(dsl, scoped, sort, page));
    }

    public Mono<T> get(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T found = stored(dsl, code);
            user.requireRead(ownerOf(dsl, found));
            return found;
        });
    }

    public Mono<T> create(CurrentUser user, T input) {
        return db.tx(dsl -> create(dsl, user, input));
    }

    /** The same, inside a transaction the caller already holds (start-up paths such as demo data). */
    public T create(DSLContext dsl, CurrentUser user, T input) {
        T record = input.normalised();
        String owner = ownerOf(dsl, record);
        if (owner != null) {
            user.requireChange(owner); // refuse before saying anything about another organisation's data
        }
        validate(dsl, record);
        user.requireChange(ownerOf(dsl, record));
        if (table.get(dsl, record.code()).isPresent()) {
            throw new InvalidInputException(FieldProblem.alreadyExists("code", record.code()));
        }
        table.insert(dsl, List.of(record));
        return table.get(dsl, record.code()).orElseThrow();
    }

    public Mono<T> update(CurrentUser user, String code, T input) {
        T record = input.normalised();
        return db.tx(dsl -> {
            T stored = stored(dsl, code);
            user.requireChange(ownerOf(dsl, stored));
            if (!code.equals(record.code())) {
                throw new InvalidInputException(FieldProblem.of("code", record.code(), ProblemCode.CODE_CHANGED, code));
            }
            if (stored.retiredAt() != null) {
                throw new InvalidInputException(FieldProblem.of("code", code, ProblemCode.RETIRED));
            }
            validate(dsl, record);
            user.requireChange(ownerOf(dsl, record));
            if (!stored.sameContentAs(record)) {
                table.update(dsl, List.of(record));
            }
            return table.get(dsl, code).orElseThrow();
        });
    }

    public Mono<T> retire(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T stored = stored(dsl, code);
            user.requireChange(ownerOf(dsl, stored));
            table.retire(dsl, code);
            return table.get(dsl, code).orElseThrow();
        });
    }

    private T stored(DSLContext dsl, String code) {
        return table.get(dsl, code).orElseThrow(() -> new NotFoundException(entityName, code));
    }

    private void validate(DSLContext dsl, T record) {
        List<FieldProblem> problems = new ArrayList<>(record.check(LocalDate.now()));
        problems.addAll(record.checkReferences(references.open(dsl)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
