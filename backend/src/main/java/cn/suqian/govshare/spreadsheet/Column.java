package cn.suqian.govshare.spreadsheet;

import java.util.List;
import java.util.function.Function;

/**
 * One spreadsheet column of a record type: its Chinese heading (the same words the pages use for the
 * field), the API field it maps to, how a record's value is written out, and what the fill-in template
 * says about it: the kind of value, the choices offered as a drop-down, a description and an example.
 * Headings a column was known by before are still read ({@code formerHeadings}), so files filled in
 * earlier keep importing.
 */
public record Column<T>(String heading, String field, boolean required, Function<T, String> writer,
                        Kind kind, List<String> choices, String description, String example, List<String> formerHeadings) {

    /** The kind of value a cell holds, as the template's instructions describe it. */
    public enum Kind {
        TEXT("文本"),
        CODE("编码（字母、数字及 . _ - /）"),
        DATE("日期，格式 2018-06-30"),
        DECIMAL("数字，可含小数"),
        WHOLE_NUMBER("整数"),
        YES_NO("是 / 否"),
        CHOICE("从下拉列表选择"),
        LIST("可填多个，用“；”分隔");

        private final String format;

        Kind(String format) {
            this.format = format;
        }

        /** How the template's instructions describe the format. */
        public String format() {
            return format;
        }
    }

    public Column {
        choices = choices == null ? List.of() : List.copyOf(choices);
        formerHeadings = formerHeadings == null ? List.of() : List.copyOf(formerHeadings);
        kind = kind == null ? Kind.TEXT : kind;
    }

    public Column(String heading, String field, boolean required, Function<T, String> writer) {
        this(heading, field, required, writer, Kind.TEXT, List.of(), null, null, List.of());
    }

    /** The same column holding values of {@code kind}. */
    public Column<T> kind(Kind kind) {
        return new Column<>(heading, field, required, writer, kind, choices, description, example, formerHeadings);
    }

    /** The same column offering these values as a drop-down (its kind becomes CHOICE unless it is YES_NO or LIST). */
    public Column<T> choices(List<String> values) {
        Kind k = kind == Kind.YES_NO || kind == Kind.LIST ? kind : Kind.CHOICE;
        return new Column<>(heading, field, required, writer, k, values, description, example, formerHeadings);
    }

    /** The same column with what the template says about it and the value its example row shows. */
    public Column<T> describe(String text, String exampleValue) {
        return new Column<>(heading, field, required, writer, kind, choices, text, exampleValue, formerHeadings);
    }

    /** The same column, also read under headings it had before. */
    public Column<T> formerly(String... headings) {
        return new Column<>(heading, field, required, writer, kind, choices, description, example, List.of(headings));
    }
}
