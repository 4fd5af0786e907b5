package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

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

    /**
     * Parses and checks one record; every problem is added with its line and field. Returns null when
     * the record is unusable.
     */
    static IntervalStat parse(Map<String, String> f, int line, OffsetDateTime now, OffsetDateTime oldest, List<FieldProblem> problems) {
        int before = problems.size();
        OffsetDateTime start = null;
        String s = f.get("intervalStart");
        if (s == null) {
            problems.add(problem(line, "intervalStart", null, ProblemCode.REQUIRED));
        } else {
            try {
                start = OffsetDateTime.parse(s);
                if (start.isAfter(now.plusMinutes(5))) {
                    problems.add(problem(line, "intervalStart", s, ProblemCode.NOT_IN_FUTURE));
                } else if (start.isBefore(oldest)) {
                    problems.add(problem(line, "intervalStart", s, ProblemCode.BEFORE_RETENTION, oldest.toLocalDate()));
                }
            } catch (DateTimeParseException e) {
                problems.add(problem(line, "intervalStart", s, ProblemCode.DATE_TIME));
            }
        }
        long seconds = number(f, "intervalSeconds", line, true, problems, 1, 86_400);
        String provider = text(f, "provider", line, problems);
        String consumer = text(f, "consumer", line, problems);
        String resource = text(f, "resource", line, problems);
        long calls = number(f, "calls", line, true, problems, 0, Long.MAX_VALUE);
        long failed = number(f, "failedCalls", line, false, problems, 0, Long.MAX_VALUE);
        long records = number(f, "records", line, false, problems, 0, Long.MAX_VALUE);
        long bytes = number(f, "bytes", line, false, problems, 0, Long.MAX_VALUE);
        long latencySum = number(f, "latencyMsSum", line, false, problems, 0, Long.MAX_VALUE);
        long latencyMax = number(f, "latencyMsMax", line, false, problems, 0, Integer.MAX_VALUE);
        if (failed > calls && calls >= 0) {
            problems.add(problem(line, "failedCalls", f.get("failedCalls"), ProblemCode.EXCEEDS_CALLS, calls));
        }
        if (calls == 0 && latencySum > 0) {
            problems.add(problem(line, "latencyMsSum", f.get("latencyMsSum"), ProblemCode.LATENCY_WITHOUT_CALLS));
        }
        if (problems.size() > before) {
            return null;
        }
        return new IntervalStat(start, (int) seconds, provider, consumer, resource, calls, failed, records, bytes, latencySum, (int) latencyMax);
    }

    private static String text(Map<String, String> f, String field, int line, List<FieldProblem> problems) {
        String v = f.get(field);
        if (v == null || v.isBlank()) {
            problems.add(problem(line, field, null, ProblemCode.REQUIRED));
            return null;
        }
        if (v.length() > MAX_TEXT) {
            problems.add(problem(line, field, v.substring(0, 40) + "…", ProblemCode.MAX_LENGTH, MAX_TEXT));
            return null;
        }
        return v.strip();
    }

    private static long number(Map<String, String> f, String field, int line, boolean required, List<FieldProblem> problems,
                               long min, long max) {
        String v = f.get(field);
        if (v == null || v.isBlank()) {
            if (required) {
                problems.add(problem(line, field, null, ProblemCode.REQUIRED));
                return -1;
            }
            return 0;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                problems.add(problem(line, field, v, ProblemCode.BETWEEN, min, max));
                return -1;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(problem(line, field, v, ProblemCode.WHOLE_NUMBER));
            return -1;
        }
    }

    /** A refusal of a field on a batch line, parameter values in the order the code names them. */
    static FieldProblem problem(int line, String field, Object value, ProblemCode code, Object... params) {
        return FieldProblem.of(field, value, code, params).at(line, null);
    }
}
