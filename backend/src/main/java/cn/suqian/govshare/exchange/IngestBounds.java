package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;
import cn.suqian.govshare.web.StorableText;
import tools.jackson.core.JsonToken;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Plausibility bounds for every number and time of both ingest paths (README, "Exchange ingest bounds"):
 * a value outside them is refused (statistics) or makes the record faulty (op-monitoring), never clamped,
 * so no nonsense reaches the totals and no partition is made for a time that cannot be. Times lie between
 * the retention of the table they land in and now plus the configured clock skew; counts, sizes and
 * durations are JSON integers (a whole exponent form such as {@code 1e3} counts as one) from 0 to a
 * physical limit.
 */
record IngestBounds(Instant now, Duration clockSkew) {

    /** Largest request, response or interval volume: 1 TiB. */
    static final long MAX_BYTES = 1L << 40;
    /** Longest call, and largest single latency: one day in ms. */
    static final long MAX_DURATION_MS = 86_400_000L;
    /** Most calls (and records) in one 5-minute interval; longer intervals in proportion. */
    static final long MAX_CALLS_PER_5_MIN = 1_000_000_000L;
    /** Retention of opmon_record (V6): the table op-monitoring times land in. */
    static final int OPMON_RETENTION_DAYS = 90;

    Instant latest() {
        return now.plus(clockSkew);
    }

    Instant oldest(int retentionDays) {
        return now.minus(retentionDays, ChronoUnit.DAYS);
    }

    /** Most calls an interval of this length can plausibly hold. */
    static long maxCalls(long intervalSeconds) {
        return MAX_CALLS_PER_5_MIN * Math.max(1, (intervalSeconds + 299) / 300);
    }

    /** a × b, or Long.MAX_VALUE when that does not fit. */
    static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A time checked against [now − retention, now + clock skew]; false (and a problem) when outside. */
    boolean within(Instant t, int retentionDays, int line, String field, Object value, List<FieldProblem> problems) {
        if (t.isAfter(latest())) {
            problems.add(IntervalStat.problem(line, field, value, ProblemCode.LATER_THAN_ALLOWED, latest().truncatedTo(ChronoUnit.SECONDS)));
            return false;
        }
        Instant oldest = oldest(retentionDays);
        if (t.isBefore(oldest)) {
            problems.add(IntervalStat.problem(line, field, value, ProblemCode.BEFORE_RETENTION, oldest.truncatedTo(ChronoUnit.SECONDS)));
            return false;
        }
        return true;
    }

    /**
     * A whole number from {@code min} to {@code max}, or null (absent, or refused with a problem). In JSON it must
     * be a number token: a string, boolean, array or object where a number belongs is refused; in CSV (no tokens)
     * the text must read as one. Read exactly (never through a double), so {@code 1e400} or
     * {@code 9223372036854775808} is out of bounds, not infinite or wrapped.
     */
    static Long whole(Map<String, String> fields, Map<String, JsonToken> tokens, String field, boolean required, long min, long max,
                      int line, List<FieldProblem> problems) {
        JsonToken token = tokens.get(field);
        String v = fields.get(field);
        if (repeated(token, field, line, problems)) {
            return null;
        }
        if (token != null && token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
                && token != JsonToken.VALUE_NULL) {
            problems.add(IntervalStat.problem(line, field, shown(token, v), ProblemCode.WHOLE_NUMBER));
            return null;
        }
        if (v == null || v.isBlank()) {
            if (required) {
                problems.add(IntervalStat.problem(line, field, null, ProblemCode.REQUIRED));
            }
            return null;
        }
        Long plain = plainWhole(v);
        if (plain != null) { // the usual form, read without a BigDecimal
            if (plain < min || plain > max) {
                problems.add(IntervalStat.problem(line, field, v, ProblemCode.BETWEEN, min, max));
                return null;
            }
            return plain;
        }
        BigDecimal n;
        try {
            n = new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            problems.add(IntervalStat.problem(line, field, v, ProblemCode.WHOLE_NUMBER));
            return null;
        }
        if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
            problems.add(IntervalStat.problem(line, field, v, ProblemCode.WHOLE_NUMBER));
            return null;
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            problems.add(IntervalStat.problem(line, field, v, ProblemCode.BETWEEN, min, max));
            return null;
        }
        return n.longValueExact();
    }

    /**
     * The value when it is plain decimal digits with an optional minus sign, at most 18 digits (so it cannot
     * overflow); null for any other form (exponents, fractions, signs, blanks, longer numbers), read exactly by the
     * caller.
     */
    static Long plainWhole(String v) {
        int n = v.length();
        int from = n > 0 && v.charAt(0) == '-' ? 1 : 0;
        if (n == from || n - from > 18) {
            return null;
        }
        long value = 0;
        for (int i = from; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return from == 1 ? -value : value;
    }

    /** Is the field given more than once in its record ({@link BatchBody#REPEATED})? Refused if so. */
    static boolean repeated(JsonToken token, String field, int line, List<FieldProblem> problems) {
        if (token != BatchBody.REPEATED) {
            return false;
        }
        problems.add(IntervalStat.problem(line, field, null, ProblemCode.REPEATED_FIELD));
        return true;
    }

    /** A value as a refusal shows it: its text, or {@code […]} / {@code {…}} for an array or object (not read). */
    private static Object shown(JsonToken token, String text) {
        return token == JsonToken.START_ARRAY ? "[…]" : token == JsonToken.START_OBJECT ? "{…}" : text;
    }

    /**
     * A text field, stripped, or null (absent, blank or JSON null: {@code REQUIRED} when it must be given; or refused
     * with a problem). In JSON it must be a string: a number, {@code true}/{@code false}, an array or an object where
     * text belongs is the wrong type ({@code TEXT}) — X-Road sends identifiers such as member codes as strings even when
     * they are digits, and reading {@code 123} as {@code "123"} would pair and attribute a record its sender never
     * meant. Without tokens (a stored record read again) the type is not checked. Longer than {@code max}: {@code MAX_LENGTH}.
     */
    static String text(Map<String, String> fields, Map<String, JsonToken> tokens, String field, boolean required, int max, int line,
                       List<FieldProblem> problems) {
        JsonToken token = tokens.get(field);
        String v = fields.get(field);
        if (repeated(token, field, line, problems)) {
            return null;
        }
        if (token != null && token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
            problems.add(IntervalStat.problem(line, field, shown(token, v), ProblemCode.TEXT));
            return null;
        }
        if (v == null || v.isBlank()) {
            if (required) {
                problems.add(IntervalStat.problem(line, field, null, ProblemCode.REQUIRED));
            }
            return null;
        }
        if (!StorableText.storable(v)) { // refused here, not a batch failed (NUL) or silently altered ("?") by the database
            problems.add(IntervalStat.problem(line, field, v, ProblemCode.INVALID_CHARACTER));
            return null;
        }
        if (v.length() > max) {
            problems.add(IntervalStat.problem(line, field, v.substring(0, 40) + "…", ProblemCode.MAX_LENGTH, max));
            return null;
        }
        return v.strip();
    }

    /**
     * A required true/false field, or null (refused with a problem). In JSON it must be {@code true} or {@code false}
     * ({@code BOOLEAN} otherwise, the text {@code "true"} included); without tokens its text must read as one.
     */
    static Boolean bool(Map<String, String> fields, Map<String, JsonToken> tokens, String field, int line, List<FieldProblem> problems) {
        JsonToken token = tokens.get(field);
        String v = fields.get(field);
        if (repeated(token, field, line, problems)) {
            return null;
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == null && v != null && (v.strip().equalsIgnoreCase("true") || v.strip().equalsIgnoreCase("false"))) {
            return v.strip().equalsIgnoreCase("true");
        }
        if (token == null && (v == null || v.isBlank()) || token == JsonToken.VALUE_NULL) {
            problems.add(IntervalStat.problem(line, field, null, ProblemCode.REQUIRED));
        } else {
            problems.add(IntervalStat.problem(line, field, shown(token, v), ProblemCode.BOOLEAN));
        }
        return null;
    }
}
