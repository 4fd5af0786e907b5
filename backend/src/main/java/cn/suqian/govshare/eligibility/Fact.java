package cn.suqian.govshare.eligibility;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A named fact a rule reads, with where it came from: {@code source} (inventory, connection, exchange, catalogue,
 * facility, filing, organisation, assessment), what it says as a stable {@code note} code with {@code params} (pages
 * say it under {@code fact.note.<note>}), free text read from the records ({@code detail}: a name, a justification),
 * which rows it was read from, over which period, and a link to the page showing them. A null {@code value} is a
 * missing fact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact(Object value, String source, String note, Map<String, Object> params, String detail, List<String> rows, String period,
                   String link) {

    public static Fact of(Object value, String source, String note, Map<String, Object> params, String detail, List<String> rows,
                          String period, String link) {
        return new Fact(value, source, note, params == null || params.isEmpty() ? null : params, detail,
                rows == null || rows.isEmpty() ? null : rows, period, link);
    }

    /** A fact stated by a record, with nothing to add. */
    public static Fact stated(Object value, String source, String detail, List<String> rows, String link) {
        return of(value, source, null, null, detail, rows, null, link);
    }

    public static Fact missing(String source, String note, Map<String, Object> params) {
        return new Fact(null, source, note, params == null || params.isEmpty() ? null : params, null, null, null, null);
    }
}
