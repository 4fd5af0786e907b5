package cn.suqian.govshare.eligibility;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A named fact a rule reads, with where it came from: {@code source} (inventory, connection, exchange, catalogue,
 * facility, filing, organisation, assessment), what it says in words ({@code detail}), which rows it was read from,
 * over which period, and a link to the page showing them. A null {@code value} is a missing fact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact(Object value, String source, String detail, List<String> rows, String period, String link) {

    public static Fact of(Object value, String source, String detail, List<String> rows, String period, String link) {
        return new Fact(value, source, detail, rows == null || rows.isEmpty() ? null : rows, period, link);
    }

    public static Fact missing(String source, String detail) {
        return new Fact(null, source, detail, null, null, null);
    }
}
