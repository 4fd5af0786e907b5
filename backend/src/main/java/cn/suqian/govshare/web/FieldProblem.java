package cn.suqian.govshare.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One precise complaint about input: which field, the value given, and why it was refused, as a stable
 * {@code code} with its {@code params} (pages say it in the reader's language, message keys
 * {@code problem.<code>}). For spreadsheet rows and batch lines also the row or line number, and for
 * spreadsheets the column heading. {@code reason} is the English text, for API users.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(Integer row, String column, String field, Object value, ProblemCode code,
                           Map<String, Object> params) {

    public FieldProblem {
        if (!params.keySet().equals(new HashSet<>(code.paramNames()))) {
            throw new IllegalArgumentException(code + " takes parameters " + code.paramNames() + ", given " + params.keySet());
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        // the value as given may hold what no JSON answer nor text column takes (NUL, half a surrogate pair): escaped
        if (value instanceof String text && !StorableText.storable(text)) {
            value = StorableText.visible(text);
        }
    }

    /** A refusal of {@code field} for {@code code}, parameter values in the order the code names them. */
    public static FieldProblem of(String field, Object value, ProblemCode code, Object... params) {
        return new FieldProblem(null, null, field, value, code, code.params(params));
    }

    public static FieldProblem required(String field) {
        return of(field, null, ProblemCode.REQUIRED);
    }

    /** Required, and what was given (e.g. blanks) did not count. */
    public static FieldProblem required(String field, Object value) {
        return of(field, value, ProblemCode.REQUIRED);
    }

    public static FieldProblem oneOf(String field, Object value, String choices) {
        return of(field, value, ProblemCode.ONE_OF, choices);
    }

    public static FieldProblem maxLength(String field, Object value, int max) {
        return of(field, value, ProblemCode.MAX_LENGTH, max);
    }

    public static FieldProblem between(String field, Object value, long min, long max) {
        return of(field, value, ProblemCode.BETWEEN, min, max);
    }

    public static FieldProblem notNegative(String field, Object value) {
        return of(field, value, ProblemCode.NOT_NEGATIVE);
    }

    public static FieldProblem notInFuture(String field, Object value) {
        return of(field, value, ProblemCode.NOT_IN_FUTURE);
    }

    public static FieldProblem alreadyExists(String field, Object value) {
        return of(field, value, ProblemCode.ALREADY_EXISTS);
    }

    /** A record code of 2 to {@code max} characters: lower-case letters, digits and {@code symbols}, starting with a letter. */
    public static FieldProblem codeFormat(String field, Object value, int max, String symbols) {
        return of(field, value, ProblemCode.CODE_FORMAT, max, symbols);
    }

    public static FieldProblem httpUrl(String field, Object value) {
        return of(field, value, ProblemCode.HTTP_URL);
    }

    public static FieldProblem unknownOrganisation(String field, Object value) {
        return of(field, value, ProblemCode.UNKNOWN_ORGANISATION);
    }

    public static FieldProblem belongsTo(String field, Object value, String organisation) {
        return of(field, value, ProblemCode.BELONGS_TO, organisation);
    }

    /** The English reason, for API users; pages use {@code code} and {@code params}. */
    @JsonProperty("reason")
    public String reason() {
        return code.english(params);
    }

    /** The same complaint, located in a spreadsheet row and column (or a batch line, without a column). */
    public FieldProblem at(Integer rowNumber, String columnHeading) {
        return new FieldProblem(rowNumber, columnHeading, field, value, code, params);
    }
}
