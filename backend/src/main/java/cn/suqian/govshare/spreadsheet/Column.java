package cn.suqian.govshare.spreadsheet;

import java.util.function.Function;

/**
 * One spreadsheet column of a record type: its Chinese heading, the API field it maps to, and how a
 * record's value is written out.
 */
public record Column<T>(String heading, String field, boolean required, Function<T, String> writer) {
}
