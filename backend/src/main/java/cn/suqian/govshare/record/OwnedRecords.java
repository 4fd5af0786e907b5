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
public class OwnedRecords<T extends OwnedRecord<T>, F extends RecordFilter<F>> implements EditableRecords<T> {

    private final Db db;
    private final References.Sources references;
    private final RecordTable<T, ?, F> table;
    private final RecordHistory history;
    private final String entityName;
    private org.springframework.context.ApplicationEventPublisher events;

    /** Where a change is announced ({@link RecordsChanged}), for what others compute from these records. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void events(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    private void changed(DSLContext dsl, CurrentUser user, java.util.Set<String> organisations, String code, String how) {
        if (events != null) {
            events.publishEvent(RecordsChanged.of(dsl, table.entityType(), organisations, java.util.Set.of(code), how, user.username()));
        }
    }

    /** @param entityName how the record is named in messages, e.g. "private network" */
    protected OwnedRecords(Db db, References.Sources references, RecordHistory history, RecordTable<T, ?, F> table,
                           String entityName) {
        this.db = db;
        this.references = references;
        this.history = history;
        this.table = table;
        this.entityName = entityName;
    }

    /** The organisation owning a record: the one it names, unless the record type derives it otherwise. */
    protected String ownerOf(DSLContext dsl, T record) {
        return record.organisationCode();
    }

    /**
     * Every record the filter selects, inside the caller's transaction, unscoped: for other capabilities that
     * already decided what the caller may see (the annual report's measured figures, say).
     */
    public java.util.List<T> all(DSLContext dsl, F filter) {
        return table.all(dsl, filter);
    }

    /** A page of records; departments see only their own organisation's, whatever they asked for. */
    public Mono<PageResult<T>> find(CurrentUser user, F filter, String sort, PageRequest page) {
        String scope = user.organisationScope().orElse(filter.organisation());
        F scoped = filter.withOrganisation(scope == null || scope.isBlank() ? null : scope);
        return db.tx(dsl -> table.find(dsl, scoped, sort, page));
    }

    public Mono<T> get(CurrentUser user, String code) {
        return read(user, code).map(Versioned::record);
    }

    /** One record with its version (the ETag a later change sends back). */
    public Mono<Versioned<T>> read(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T found = stored(dsl, code);
            user.requireRead(ownerOf(dsl, found));
            return versioned(dsl, code);
        });
    }

    /** The record's history from the audit trail, newest first; for whoever may read the record. */
    public Mono<List<RecordHistory.Entry>> history(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T found = stored(dsl, code);
            user.requireRead(ownerOf(dsl, found));
            return history.of(dsl, table.entityType(), code);
        });
    }

    public Mono<Versioned<T>> create(CurrentUser user, T input) {
        return db.tx(dsl -> {
            create(dsl, user, input);
            return versioned(dsl, input.normalised().code());
        });
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
        changed(dsl, user, owners(ownerOf(dsl, record)), record.code(), "created");
        return table.get(dsl, record.code()).orElseThrow();
    }

    public Mono<T> update(CurrentUser user, String code, T input) {
        return update(user, code, input, null).map(Versioned::record);
    }

    /**
     * Replaces a record; with {@code expectedVersion}, only if nobody changed it since that version was read
     * (refused with 409 {@code editConflict} otherwise).
     */
    public Mono<Versioned<T>> update(CurrentUser user, String code, T input, Long expectedVersion) {
        T record = input.normalised();
        return db.tx(dsl -> {
            T stored = stored(dsl, code);
            user.requireChange(ownerOf(dsl, stored));
            Versioned.check(code, expectedVersion, table.lockVersion(dsl, code).orElseThrow());
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
                changed(dsl, user, owners(ownerOf(dsl, stored), ownerOf(dsl, record)), code, "edited");
            }
            return versioned(dsl, code);
        });
    }

    public Mono<T> retire(CurrentUser user, String code) {
        return retire(user, code, null, RecordHistory.Retirement.NONE).map(Versioned::record);
    }

    /** Retires a record (kept, never deleted), the reason recorded in the audit trail; If-Match as for updates. */
    public Mono<Versioned<T>> retire(CurrentUser user, String code, Long expectedVersion, RecordHistory.Retirement retirement) {
        String reason = RecordHistory.reasonOf(retirement);
        return db.tx(dsl -> {
            T stored = stored(dsl, code);
            user.requireChange(ownerOf(dsl, stored));
            Versioned.check(code, expectedVersion, table.lockVersion(dsl, code).orElseThrow());
            if (table.retire(dsl, code)) {
                history.retired(dsl, table.entityType(), code, reason);
                changed(dsl, user, owners(ownerOf(dsl, stored)), code, "retired");
            }
            return versioned(dsl, code);
        });
    }

    private static java.util.Set<String> owners(String... organisations) {
        java.util.Set<String> set = new java.util.TreeSet<>();
        for (String o : organisations) {
            if (o != null) {
                set.add(o);
            }
        }
        return set;
    }

    private Versioned<T> versioned(DSLContext dsl, String code) {
        return new Versioned<>(table.get(dsl, code).orElseThrow(), table.version(dsl, code).orElseThrow());
    }

    private T stored(DSLContext dsl, String code) {
        return table.get(dsl, code).orElseThrow(() -> new NotFoundException(entityName, code));
    }

    private void validate(DSLContext dsl, T record) {
        List<FieldProblem> problems = new ArrayList<>(record.check(cn.suqian.govshare.web.CityCalendar.today()));
        problems.addAll(record.checkReferences(references.open(dsl)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
