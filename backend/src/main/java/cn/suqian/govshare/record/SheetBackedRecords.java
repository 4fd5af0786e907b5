package cn.suqian.govshare.record;

import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.access.Role;
import cn.suqian.govshare.spreadsheet.SheetReader;
import cn.suqian.govshare.spreadsheet.SheetTemplate;
import cn.suqian.govshare.spreadsheet.SheetWriter;
import cn.suqian.govshare.web.Blocking;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.NotFoundException;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.DSLContext;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The service of a registry that departments also keep in spreadsheets (the inventory, the catalogue):
 * list and export within organisation scope, read, create, replace (the code never changes), retire,
 * import all or nothing, and the empty template; each call is one transaction. A module's service extends
 * it with its record type, whose rules the record itself carries; the module's repository keeps the rows
 * and its sheet definition gives the columns.
 * Spreadsheets are read and written on {@link Blocking}, outside the transaction, so no connection is held
 * while a file is parsed or built and no CPU-heavy work runs on the event loop.
 */
public class SheetBackedRecords<T extends SheetBackedRecords.Entry<T>, F extends RecordFilter<F>> implements EditableRecords<T> {

    /** A record kept in spreadsheets: an owned record that can be addressed under its code. */
    public interface Entry<T extends Entry<T>> extends OwnedRecord<T> {

        /** The same record under the given code (the code in a replacement body may be left out). */
        T withCode(String code);
    }

    /** What a record type's sheet adds to its import definition. */
    public interface Sheet<T> extends SheetImport.Definition<T> {

        /** How the record is named in messages, e.g. "information system". */
        String entityName();

        /** The sheet's name in exported workbooks and the downloaded file's base name. */
        String sheetName();
    }

    /** A spreadsheet to download: its content, the file's base name and its format. */
    public record SheetFile(byte[] content, String baseName, SheetFormat format) {
    }

    private final Db db;
    private final References.Sources references;
    private final Blocking blocking;
    private final RecordTable<T, ?, F> table;
    private final Sheet<T> sheet;
    private final SheetImport<T> sheetImport;
    private final RecordHistory history;

    protected SheetBackedRecords(Db db, Blocking blocking, References.Sources references, AuditTrail audit, RecordTable<T, ?, F> table, Sheet<T> sheet) {
        this.db = db;
        this.blocking = blocking;
        this.references = references;
        this.table = table;
        this.sheet = sheet;
        this.sheetImport = new SheetImport<>(sheet, table, audit, references);
        this.history = new RecordHistory(audit);
    }

    /**
     * Every record the filter selects, inside the caller's transaction, unscoped: for other capabilities that
     * already decided what the caller may see (the annual report's measured figures, say).
     */
    public java.util.List<T> all(DSLContext dsl, F filter) {
        return table.all(dsl, filter);
    }

    /** Departments only ever see their own organisation, whatever they asked for. */
    protected static <F extends RecordFilter<F>> F scoped(CurrentUser user, F filter) {
        return user.organisationScope().map(filter::withOrganisation).orElse(filter);
    }

    public Mono<PageResult<T>> find(CurrentUser user, F filter, String sort, PageRequest page) {
        return db.tx(dsl -> table.find(dsl, scoped(user, filter), sort, page));
    }

    public Mono<T> get(CurrentUser user, String code) {
        return read(user, code).map(Versioned::record);
    }

    /** One record with its version (the ETag a later change sends back). */
    public Mono<Versioned<T>> read(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T found = stored(dsl, code);
            user.requireRead(found.organisationCode());
            return versioned(dsl, code);
        });
    }

    /** The record's history from the audit trail, newest first; for whoever may read the record. */
    public Mono<List<RecordHistory.Entry>> history(CurrentUser user, String code) {
        return db.tx(dsl -> {
            T found = stored(dsl, code);
            user.requireRead(found.organisationCode());
            return history.of(dsl, sheet.entityType(), code);
        });
    }

    public Mono<Versioned<T>> create(CurrentUser user, T input) {
        T record = input.normalised();
        return db.tx(dsl -> {
            user.requireChange(record.organisationCode());
            validate(dsl, record);
            if (table.get(dsl, record.code()).isPresent()) {
                throw new InvalidInputException(FieldProblem.alreadyExists("code", record.code()));
            }
            table.insert(dsl, List.of(record));
            changed(dsl, user, java.util.Set.of(record.code()), "created");
            return versioned(dsl, record.code());
        });
    }

    public Mono<T> update(CurrentUser user, String code, T input) {
        return update(user, code, input, null).map(Versioned::record);
    }

    /**
     * Replaces a record; with {@code expectedVersion}, only if nobody changed it since that version was read
     * (refused with 409 {@code editConflict} otherwise).
     */
    public Mono<Versioned<T>> update(CurrentUser user, String code, T input, Long expectedVersion) {
        T given = input.normalised();
        return db.tx(dsl -> {
            T stored = stored(dsl, code);
            user.requireChange(stored.organisationCode());
            Versioned.check(code, expectedVersion, table.lockVersion(dsl, code).orElseThrow());
            if (given.code() != null && !given.code().equals(code)) {
                throw new InvalidInputException(FieldProblem.of("code", given.code(), ProblemCode.CODE_CHANGED, code));
            }
            T record = given.withCode(code);
            user.requireChange(record.organisationCode() == null ? stored.organisationCode() : record.organisationCode());
            if (stored.retiredAt() != null) {
                throw new InvalidInputException(FieldProblem.of("code", code, ProblemCode.RETIRED));
            }
            validate(dsl, record);
            if (!stored.sameContentAs(record)) {
                table.update(dsl, List.of(record));
                changed(dsl, user, java.util.Set.of(code), "edited");
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
            user.requireChange(stored.organisationCode());
            Versioned.check(code, expectedVersion, table.lockVersion(dsl, code).orElseThrow());
            if (table.retire(dsl, code)) {
                history.retired(dsl, sheet.entityType(), code, reason);
                changed(dsl, user, java.util.Set.of(code), "retired");
            }
            return versioned(dsl, code);
        });
    }

    private T stored(DSLContext dsl, String code) {
        return table.get(dsl, code).orElseThrow(() -> new NotFoundException(sheet.entityName(), code));
    }

    private Versioned<T> versioned(DSLContext dsl, String code) {
        return new Versioned<>(table.get(dsl, code).orElseThrow(), table.version(dsl, code).orElseThrow());
    }

    /** Imports a spreadsheet (an absent body is an empty file); {@code dryRun} only checks. */
    public Mono<SheetImport.Result> importSheet(CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        byte[] file = content == null ? new byte[0] : content;
        return blocking.call(() -> SheetReader.read(file))
                .flatMap(sheet -> db.tx(dsl -> imported(dsl, user, sheetImport.run(dsl, user, sheet, dryRun, fileName))));
    }

    private SheetImport.Result imported(DSLContext dsl, CurrentUser user, SheetImport.Result result) {
        if (!result.dryRun() && result.created() + result.updated() > 0) {
            changed(dsl, user, null, "imported");
        }
        return result;
    }

    /**
     * Called inside the transaction that created, changed ({@code how}: created, edited, retired, imported) these
     * records ({@code codes} null: an import, any of them), for a registry whose records others compute from.
     */
    protected void changed(DSLContext dsl, CurrentUser user, java.util.Set<String> codes, String how) {
        if (events == null) {
            return;
        }
        java.util.Set<String> organisations = codes == null ? null : codes.stream().map(c -> table.get(dsl, c)).flatMap(java.util.Optional::stream)
                .map(OwnedRecord::organisationCode).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        events.publishEvent(RecordsChanged.of(dsl, table.entityType(), organisations, codes, how, user.username()));
    }

    private org.springframework.context.ApplicationEventPublisher events;

    /** Where a change is announced ({@link RecordsChanged}) unless a registry announces its own (the inventory). */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void events(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    /** The same, inside a transaction the caller already holds (demo data enters this way). */
    public SheetImport.Result importSheet(DSLContext dsl, CurrentUser user, byte[] content, String fileName, boolean dryRun) {
        return imported(dsl, user, sheetImport.run(dsl, user, SheetReader.read(content == null ? new byte[0] : content), dryRun, fileName));
    }

    /** The records the filter selects (departments: their own), as a spreadsheet. */
    public Mono<SheetFile> export(CurrentUser user, F filter, SheetFormat format) {
        F scoped = scoped(user, filter);
        return db.tx(dsl -> table.all(dsl, scoped))
                .flatMap(records -> blocking.call(() -> new SheetFile(write(format, records), sheet.sheetName(), format)));
    }

    /** The empty spreadsheet to fill in, with the headings an import expects (written off the event loop). */
    public Mono<SheetFile> template(SheetFormat format) {
        return template(null, format);
    }

    /**
     * The spreadsheet to fill in: as XLSX with drop-downs, an example sheet and a 填写说明 sheet, the
     * organisation code pre-filled for a department ({@link SheetTemplate}); as CSV the headings alone.
     */
    public Mono<SheetFile> template(CurrentUser user, SheetFormat format) {
        String own = user != null && user.role() == Role.DEPARTMENT ? user.organisationCode() : null;
        return blocking.call(() -> new SheetFile(format == SheetFormat.XLSX
                ? SheetTemplate.xlsx(sheet.sheetName(), sheet.columns(), sheet.organisationField(), own)
                : write(format, List.of()), sheet.sheetName() + "模板", format));
    }

    /** The records as a spreadsheet, as an export writes them (and an import reads them back). */
    public byte[] write(SheetFormat format, List<T> records) {
        return SheetWriter.write(format, sheet.sheetName(), sheet.columns().stream().map(c -> c.heading()).toList(),
                SheetImport.rows(sheet.columns(), records));
    }

    private void validate(DSLContext dsl, T record) {
        List<FieldProblem> problems = new ArrayList<>(record.check(cn.suqian.govshare.web.CityCalendar.today()));
        problems.addAll(record.checkReferences(references.open(dsl)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
