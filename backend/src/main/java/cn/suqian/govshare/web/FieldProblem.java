package cn.suqian.govshare.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One precise complaint about input: which field, the value given, and why it was refused. For
 * spreadsheet rows also the row number (as the spreadsheet shows it) and the column heading.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(Integer row, String column, String field, Object value, String reason) {

    public FieldProblem(String field, Object value, String reason) {
        this(null, null, field, value, reason);
    }

    /** The same complaint, located in a spreadsheet row and column. */
    public FieldProblem at(int rowNumber, String columnHeading) {
        return new FieldProblem(rowNumber, columnHeading, field, value, reason);
    }
}
