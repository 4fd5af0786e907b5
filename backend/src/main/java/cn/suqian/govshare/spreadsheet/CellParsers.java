package cn.suqian.govshare.spreadsheet;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns cell texts into typed values, collecting a precise problem instead of throwing, so that every
 * offending cell of a file is reported at once.
 */
public final class CellParsers {

    private static final java.time.format.DateTimeFormatter DATE = java.time.format.DateTimeFormatter.ofPattern("uuuu-M-d");

    private final SheetRow row;
    private final List<FieldProblem> problems;

    public CellParsers(SheetRow row, List<FieldProblem> problems) {
        this.row = row;
        this.problems = problems;
    }

    public String text(Column<?> c) {
        String v = row.get(c.heading());
        if (v == null && c.required()) {
            problem(c, null, ProblemCode.REQUIRED);
        }
        return v;
    }

    public LocalDate date(Column<?> c) {
        String v = text(c);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.replace('/', '-').replace('.', '-'), DATE);
        } catch (DateTimeParseException e) {
            problem(c, v, ProblemCode.DATE);
            return null;
        }
    }

    public BigDecimal decimal(Column<?> c) {
        String v = text(c);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.replace(",", ""));
        } catch (NumberFormatException e) {
            problem(c, v, ProblemCode.NUMBER);
            return null;
        }
    }

    public Integer integer(Column<?> c) {
        String v = text(c);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            problem(c, v, ProblemCode.WHOLE_NUMBER);
            return null;
        }
    }

    public Boolean bool(Column<?> c) {
        String v = text(c);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase()) {
            case "是", "y", "yes", "true", "1" -> true;
            case "否", "n", "no", "false", "0" -> false;
            default -> {
                problem(c, v, ProblemCode.YES_NO);
                yield null;
            }
        };
    }

    /** An enum given by its Chinese label or its English constant. */
    public <E extends Enum<E>> E choice(Column<?> c, Class<E> type, Map<E, String> labels) {
        String v = text(c);
        if (v == null) {
            return null;
        }
        for (var e : labels.entrySet()) {
            if (e.getValue().equals(v) || e.getKey().name().equalsIgnoreCase(v)) {
                return e.getKey();
            }
        }
        problem(c, v, ProblemCode.ONE_OF, String.join("、", labels.values()));
        return null;
    }

    /** A list separated by ';', '；', '、' or line breaks. */
    public List<String> list(Column<?> c) {
        String v = text(c);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split("[;；、\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Records a refusal of this row's cell in column c, parameter values in the order the code names them. */
    public void problem(Column<?> c, Object value, ProblemCode code, Object... params) {
        problems.add(FieldProblem.of(c.field(), value, code, params).at(row.number(), c.heading()));
    }

    public SheetRow row() {
        return row;
    }
}
