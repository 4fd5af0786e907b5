package cn.suqian.govshare.record;

import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.spreadsheet.SheetReader;
import cn.suqian.govshare.spreadsheet.SheetWriter;
import cn.suqian.govshare.web.Blocking;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.DSLContext;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The life of a registry record that departments also keep in spreadsheets (the inventory, the catalogue):
 * read within organisation scope, create, replace (the key never changes), retire, import, export. The
 * record type supplies its {@link Store}: storage, rules and spreadsheet columns. Spreadsheets are read and
 * written on {@link Blocking}, outside the transaction, so no connection is held while a file is parsed or built.
 */
public final class SheetBackedRecords<T> {

    /** What a record type contributes beyond its spreadsheet import definition. */
    public interface Store<T> extends SheetImport.Definition<T> {
        /** How the record is named in messages, e.g. "information system". */
        String entityName();

        /** The sheet's name in exported workbooks and the downloaded file's base name. */
        String sheetName();

        Optional<T> get(DSLContext dsl, String key);

        void retire(DSLContext dsl, String key);

        OffsetDateTime retiredAt(T record);

        T normalise(T record);

        /** The record with the given key (the key in a replacement body may be left out). */
        T withKey(T record, String key);
    }

    private final Db db;
    private final References.Sources references;
    private final Blocking blocking;
    private final Store<T> store;
    private final SheetImport<T> sheetImport;

    public SheetBackedRecords(Db db, Blocking blocking, References.Sources references, Store<T> store, AuditTrail audit) {
        this.db = db;
        this.blocking = blocking;
        this.references = references;
        this.store = store;
        this.sheetImport = new SheetImport<>(store, audit, references);
    }

    public Mono<T> get(CurrentUser user, String key) {
        return db.tx(dsl -> {
            T found = store.get(dsl, key).orElseThrow(() -> new NotFoundException(store.entityName(), key));
            user.requireRead(store.organisation(found));
            return found;
        });
    }

    public Mono<T> create(CurrentUser user, T input) {
        T record = store.normalise(input);
        return db.tx(dsl -> {
            user.requireChange(store.organisation(record));
            validate(dsl, record);
            if (store.get(dsl, store.key(record)).isPresent()) {
                throw new InvalidInputException(FieldProblem.alreadyExists("code", store.key(record)));
            }
            store.insert(dsl, List.of(record));
            return store.get(dsl, store.key(record)).orElseThrow();
        });
    }

    public Mono<T> update(CurrentUser user, String key, T input) {
        T given = store.normalise(input);
        return db.tx(dsl -> {
            T stored = store.get(dsl, key).orElseThrow(() -> new NotFoundException(store.entityName(), key));
            user.requireChange(store.organisation(stored));
            if (store.key(given) != null && !store.key(given).equals(key)) {
                throw new InvalidInputException(FieldProblem.of("code", store.key(given), ProblemCode.CODE_CHANGED, key));
            }
            T record = store.withKey(given, key);
            user.requireChange(store.organisation(record) == null ? store.organisation(stored) : store.organisation(record));
            if (store.retiredAt(stored) != null) {
                throw new InvalidInputException(FieldProblem.of("code", key, ProblemCode.RETIRED));
            }
            validate(dsl, record);
            if (!store.same(stored, record)) {
                store.update(dsl, List.of(record));
            }
            return store.get(dsl, key).orElseThrow();
        });
    }

    public Mono<T> retire(CurrentUser user, String key) {
        return db.tx(dsl -> {
            T stored = store.get(dsl, key).orElseThrow(() -> new NotFoundException(store.entityName(), key));
            user.requireChange(store.organisation(stored));
            store.retire(dsl, key);
            return store.get(dsl, key).orElseThrow();
        });
    }

    public Mono<SheetImport.Result> importSheet(CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return blocking.call(() -> SheetReader.read(content))
                .flatMap(sheet -> db.tx(dsl -> sheetImport.run(dsl, user, sheet, dryRun, fileName)));
    }

    /** The same, inside a transaction the caller already holds (demo data enters this way). */
    public SheetImport.Result importSheet(DSLContext dsl, CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return sheetImport.run(dsl, user, SheetReader.read(content), dryRun, fileName);
    }

    /** The records a query finds, as a spreadsheet: read in a transaction, written after it. */
    public Mono<byte[]> export(SheetFormat format, Function<DSLContext, List<T>> query) {
        return db.tx(query).flatMap(records -> blocking.call(() -> write(format, records)));
    }

    /** The empty import template. */
    public Mono<byte[]> template(SheetFormat format) {
        return blocking.call(() -> write(format, List.of()));
    }

    public byte[] write(SheetFormat format, List<T> records) {
        return SheetWriter.write(format, store.sheetName(), store.columns().stream().map(c -> c.heading()).toList(),
                SheetImport.rows(store.columns(), records));
    }

    private void validate(DSLContext dsl, T record) {
        List<FieldProblem> problems = new ArrayList<>(store.check(record, LocalDate.now()));
        problems.addAll(store.checkReferences(record, references.open(dsl)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
