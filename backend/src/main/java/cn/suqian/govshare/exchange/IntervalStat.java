package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import tools.jackson.core.JsonToken;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * One interval-statistics record as the exchange platform sends it: calls, failures, records, bytes and
 * latency for one interval × provider × consumer × resource. Field names are the API's (and the CSV
 * header's): intervalStart, intervalSeconds, provider, consumer, resource, calls, failedCalls, records,
 * bytes, latencyMsSum, latencyMsMax.
 */
record IntervalStat(OffsetDateTime intervalStart, int intervalSeconds, String provider, String consumer, String resource,
                    long calls, long failedCalls, long records, long bytes, long latencyMsSum, int latencyMsMax) {

    static final int MAX_TEXT = 200;

    /** The identity of an interval: re-sending it replaces the earlier one. */
    String key() {
        return provider + "\u0001" + consumer + "\u0001" + resource + "\u0001" + intervalStart.toInstant();
    }

    /** Parses and checks one record of text fields (CSV, or a stored record), against the bounds at {@code now}. */
    static IntervalStat parse(Map<String, String> f, int line, OffsetDateTime now, OffsetDateTime oldest, List<FieldProblem> problems) {
        return parse(f, Map.of(), line, new IngestBounds(now.toInstant(), java.time.Duration.ofMinutes(5)),
                (int) java.time.Duration.between(oldest, now).toDays(), problems);
    }

    static IntervalStat parse(Map<String, String> f, Map<String, JsonToken> tokens, int line, IngestBounds bounds,
                              List<FieldProblem> problems) {
        return parse(f, tokens, line, bounds, ExchangeIngest.RAW_RETENTION_DAYS, problems);
    }

    /**
     * Parses and checks one record; every problem is added with its line and field. Returns null when
     * the record is unusable. Bounds: see {@link IngestBounds}; the interval lands in exchange_stat (400 days).
     */
    static IntervalStat parse(Map<String, String> f, Map<String, JsonToken> tokens, int line, IngestBounds bounds, int retentionDays,
                              List<FieldProblem> problems) {
        int before = problems.size();
        OffsetDateTime start = null;
        String s = f.get("intervalStart");
        JsonToken startToken = tokens.get("intervalStart");
        if (IngestBounds.repeated(startToken, "intervalStart", line, problems)) {
            start = null; // refused: given twice
        } else if (startToken != null && startToken != JsonToken.VALUE_STRING && startToken != JsonToken.VALUE_NULL) {
            problems.add(problem(line, "intervalStart", s, ProblemCode.DATE_TIME));
        } else if (s == null) {
            problems.add(problem(line, "intervalStart", null, ProblemCode.REQUIRED));
        } else {
            try {
                start = OffsetDateTime.parse(s);
                if (!bounds.within(start.toInstant(), retentionDays, line, "intervalStart", s, problems)) {
                    start = null;
                }
            } catch (DateTimeParseException e) {
                problems.add(problem(line, "intervalStart", s, ProblemCode.DATE_TIME));
            }
        }
        Long seconds = IngestBounds.whole(f, tokens, "intervalSeconds", true, 1, 86_400, line, problems);
        String provider = text(f, tokens, "provider", line, problems);
        String consumer = text(f, tokens, "consumer", line, problems);
        String resource = text(f, tokens, "resource", line, problems);
        long maxCalls = IngestBounds.maxCalls(seconds == null ? 86_400 : seconds);
        long maxBytes = IngestBounds.MAX_BYTES * Math.max(1, ((seconds == null ? 86_400 : seconds) + 299) / 300);
        Long calls = IngestBounds.whole(f, tokens, "calls", true, 0, maxCalls, line, problems);
        long failed = orZero(IngestBounds.whole(f, tokens, "failedCalls", false, 0, maxCalls, line, problems));
        long records = orZero(IngestBounds.whole(f, tokens, "records", false, 0, maxCalls, line, problems));
        long bytes = orZero(IngestBounds.whole(f, tokens, "bytes", false, 0, maxBytes, line, problems));
        long latencyMax = orZero(IngestBounds.whole(f, tokens, "latencyMsMax", false, 0, IngestBounds.MAX_DURATION_MS, line, problems));
        // a sum of at most `calls` latencies of at most a day each
        long latencySum = orZero(IngestBounds.whole(f, tokens, "latencyMsSum", false, 0,
                IngestBounds.times(maxCalls, IngestBounds.MAX_DURATION_MS),
                line, problems));
        if (calls != null && failed > calls) {
            problems.add(problem(line, "failedCalls", f.get("failedCalls"), ProblemCode.EXCEEDS_CALLS, calls));
        }
        if (calls != null && calls == 0 && latencySum > 0) {
            problems.add(problem(line, "latencyMsSum", f.get("latencyMsSum"), ProblemCode.LATENCY_WITHOUT_CALLS));
        }
        if (problems.size() > before) {
            return null;
        }
        return new IntervalStat(start, (int) (long) seconds, provider, consumer, resource, calls, failed, records, bytes, latencySum,
                (int) latencyMax);
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    /** Organisation codes and the resource: text of at most {@link #MAX_TEXT} characters (see {@link IngestBounds#text}). */
    private static String text(Map<String, String> f, Map<String, JsonToken> tokens, String field, int line, List<FieldProblem> problems) {
        return IngestBounds.text(f, tokens, field, true, MAX_TEXT, line, problems);
    }

    /** A refusal of a field on a batch line, parameter values in the order the code names them. */
    static FieldProblem problem(int line, String field, Object value, ProblemCode code, Object... params) {
        return FieldProblem.of(field, value, code, params).at(line, null);
    }
}
