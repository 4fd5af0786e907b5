package cn.suqian.govshare.record;

import java.time.LocalDate;
import java.util.Collection;

/** How values are written into spreadsheet cells (the reverse of {@code CellParsers}). */
public final class Cells {

    private Cells() {
    }

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Labelled l) {
            return l.label();
        }
        if (value instanceof Boolean b) {
            return b ? "是" : "否";
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? null : String.join("；", c.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    public static <E extends Enum<E> & Labelled> java.util.Map<E, String> labels(Class<E> type) {
        java.util.Map<E, String> m = new java.util.EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, e.label());
        }
        return m;
    }
}
