package cn.suqian.govshare.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One precise complaint about input: which field, the value given, and why it was refused. For
 * spreadsheet rows also the row number (as the spreadsheet shows it) and the column heading.
 * {@code reason} is English prose; {@code code} and {@code params}, when the reason is a common one, let
 * the pages say it in the reader's language (message keys {@code problem.<code>}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(Integer row, String column, String field, Object value, String reason, String code,
                           Map<String, String> params) {

    public FieldProblem(Integer row, String column, String field, Object value, String reason) {
        this(row, column, field, value, reason, ProblemCodes.codeOf(reason), ProblemCodes.paramsOf(reason));
    }

    public FieldProblem(String field, Object value, String reason) {
        this(null, null, field, value, reason);
    }

    /** The same complaint, located in a spreadsheet row and column. */
    public FieldProblem at(int rowNumber, String columnHeading) {
        return new FieldProblem(rowNumber, columnHeading, field, value, reason, code, params);
    }
}
