package cn.suqian.govshare.record;

import cn.suqian.govshare.audit.AuditTrail;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.spreadsheet.CellParsers;
import cn.suqian.govshare.spreadsheet.Column;
import cn.suqian.govshare.spreadsheet.Sheet;
import cn.suqian.govshare.spreadsheet.SheetRow;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.DSLContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Spreadsheet import of one record type, all or nothing: every row is parsed and checked (alone, against
 * the other rows, against the registry and against the caller's organisation scope) before anything is
 * written; a file with any problem is refused with every problem listed by row and column. Rows equal to
 * what is stored are left alone, so re-importing the same file changes nothing.
 */
public final class SheetImport<T extends OwnedRecord<T>> {

    /** What a record type contributes to the import: its name, its columns and how a row is read. */
    public interface Definition<T> {
        /** The record type as the audit trail names it (its table, e.g. "information_system"). */
        String entityType();

        List<Column<T>> columns();

        T parse(CellParsers cells);

        /** The field that names the owning organisation (for locating scope problems). */
        default String organisationField() {
            return "organisationCode";
        }

        /** Problems that only show across rows of the same file (e.g. an alias claimed twice). */
        default List<FieldProblem> checkAcrossRows(List<T> records, List<SheetRow> rows) {
            return List.of();
        }
    }

    /** What an import did (or, in a dry run, would do). */
    public record Result(int rows, int created, int updated, int unchanged, boolean dryRun) {
    }

    private final Definition<T> definition;
    private final RecordTable<T, ?, ?> table;
    private final AuditTrail audit;
    private final References.Sources references;

    public SheetImport(Definition<T> definition, RecordTable<T, ?, ?> table, AuditTrail audit, References.Sources references) {
        this.definition = definition;
        this.table = table;
        this.audit = audit;
        this.references = references;
    }

    public Result run(DSLContext dsl, CurrentUser user, Sheet given, boolean dryRun, String fileName) {
        Sheet sheet = withCurrentHeadings(given);
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> headingOf = definition.columns().stream()
                .collect(Collectors.toMap(Column::field, Column::heading, (a, b) -> a, LinkedHashMap::new));
        checkHeadings(sheet, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (sheet.rows().isEmpty()) {
            throw new InvalidInputException(FieldProblem.of("file", fileName, ProblemCode.NO_DATA_ROWS));
        }

        LocalDate today = cn.suqian.govshare.web.CityCalendar.today();
        References lookups = references.open(dsl);
        List<T> records = new ArrayList<>(sheet.rows().size());
        Map<String, Integer> firstRowOfKey = new HashMap<>();
        for (SheetRow row : sheet.rows()) {
            // Every offending cell of the row is reported: parse problems first, then the rules for the
            // fields that did parse (a field that failed to parse is not reported twice).
            List<FieldProblem> rowProblems = new ArrayList<>();
            T record = definition.parse(new CellParsers(row, rowProblems));
            Set<String> unparsed = rowProblems.stream().map(FieldProblem::field).collect(Collectors.toSet());
            List<FieldProblem> ruleProblems = new ArrayList<>(record.check(today));
            ruleProblems.addAll(record.checkReferences(lookups));
            for (FieldProblem p : ruleProblems) {
                if (!unparsed.contains(p.field())) {
                    rowProblems.add(p.at(row.number(), headingOf.getOrDefault(p.field(), p.field())));
                }
            }
            String key = record.code();
            Integer earlier = key == null ? null : firstRowOfKey.putIfAbsent(key, row.number());
            if (earlier != null) {
                rowProblems.add(FieldProblem.of("code", key, ProblemCode.REPEATED_ROW, earlier).at(row.number(), headingOf.get("code")));
            }
            problems.addAll(rowProblems);
            records.add(rowProblems.isEmpty() ? record : null);
        }
        List<T> valid = new ArrayList<>();
        List<SheetRow> validRows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) != null) {
                valid.add(records.get(i));
                validRows.add(sheet.rows().get(i));
            }
        }
        problems.addAll(definition.checkAcrossRows(valid, validRows));

        Map<String, T> existing = table.byCodes(dsl, valid.stream().map(T::code).collect(Collectors.toSet()));
        List<T> toCreate = new ArrayList<>();
        List<T> toUpdate = new ArrayList<>();
        int unchanged = 0;
        for (int i = 0; i < valid.size(); i++) {
            T record = valid.get(i);
            int rowNumber = validRows.get(i).number();
            T stored = existing.get(record.code());
            String organisation = record.organisationCode();
            if (organisation != null && !user.mayChange(organisation)) {
                problems.add(FieldProblem.of(definition.organisationField(), organisation, ProblemCode.NOT_OWN_ORGANISATION, user.organisationCode())
                        .at(rowNumber, headingOf.get(definition.organisationField())));
            } else if (stored != null && !user.mayChange(stored.organisationCode())) {
                problems.add(FieldProblem.belongsTo("code", record.code(), stored.organisationCode())
                        .at(rowNumber, headingOf.get("code")));
            }
            if (stored != null && stored.retiredAt() != null && !stored.sameContentAs(record)) {
                // retired records are kept as they were retired; a row may repeat them, not change them
                problems.add(FieldProblem.of("code", record.code(), ProblemCode.RETIRED).at(rowNumber, headingOf.get("code")));
            }
            if (stored == null) {
                toCreate.add(record);
            } else if (stored.sameContentAs(record)) {
                unchanged++;
            } else {
                toUpdate.add(record);
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparing(p -> p.row() == null ? 0 : p.row()));
            throw new InvalidInputException(problems);
        }
        if (!dryRun) {
            table.insert(dsl, toCreate);
            table.update(dsl, toUpdate);
            audit.record(dsl, "IMPORT", definition.entityType(), fileName,
                    "{\"rows\":" + valid.size() + ",\"created\":" + toCreate.size() + ",\"updated\":" + toUpdate.size()
                            + ",\"unchanged\":" + unchanged + "}");
        }
        return new Result(valid.size(), toCreate.size(), toUpdate.size(), unchanged, dryRun);
    }

    /**
     * The sheet as this import reads it: columns under a former heading renamed to the current one, and rows
     * that hold nothing but the owning organisation (the template pre-fills it for a department) left out.
     */
    private Sheet withCurrentHeadings(Sheet sheet) {
        Map<String, String> current = new HashMap<>();
        String organisationHeading = "";
        for (Column<T> c : definition.columns()) {
            for (String former : c.formerHeadings()) {
                current.put(former, c.heading());
            }
            if (c.field().equals(definition.organisationField())) {
                organisationHeading = c.heading();
            }
        }
        String prefilled = organisationHeading;
        List<String> headings = sheet.headings().stream().map(h -> current.getOrDefault(h, h)).toList();
        List<SheetRow> rows = new ArrayList<>(sheet.rows().size());
        for (SheetRow row : sheet.rows()) {
            Map<String, String> cells = new LinkedHashMap<>();
            row.cells().forEach((h, v) -> cells.put(current.getOrDefault(h, h), v));
            boolean onlyOrganisation = cells.entrySet().stream()
                    .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                    .allMatch(e -> e.getKey().equals(prefilled));
            if (!onlyOrganisation) {
                rows.add(new SheetRow(row.number(), cells));
            }
        }
        return new Sheet(headings, rows);
    }

    private void checkHeadings(Sheet sheet, List<FieldProblem> problems) {
        Set<String> known = new HashSet<>();
        for (Column<T> c : definition.columns()) {
            known.add(c.heading());
            if (c.required() && !sheet.headings().contains(c.heading())) {
                problems.add(FieldProblem.of(c.field(), null, ProblemCode.MISSING_COLUMN).at(1, c.heading()));
            }
        }
        for (String h : sheet.headings()) {
            if (!h.isBlank() && !known.contains(h)) {
                problems.add(FieldProblem.of(null, h, ProblemCode.UNKNOWN_COLUMN).at(1, h));
            }
        }
    }

    /** Rows of text for export, in column order. */
    public static <T> List<List<String>> rows(List<Column<T>> columns, List<T> records) {
        List<Function<T, String>> writers = columns.stream().map(Column::writer).toList();
        List<List<String>> rows = new ArrayList<>(records.size());
        for (T r : records) {
            List<String> row = new ArrayList<>(writers.size());
            for (Function<T, String> w : writers) {
                row.add(w.apply(r));
            }
            rows.add(row);
        }
        return rows;
    }
}
