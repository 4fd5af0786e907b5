package cn.suqian.govshare.grafana;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands Grafana's PostgreSQL macros exactly as Grafana does (see DOMAIN.md), so dashboard SQL can be
 * run against the real schema in tests. An unknown macro is an error, not silently left in place.
 */
final class GrafanaMacros {

    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)\\(");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

    private final Instant from;
    private final Instant to;
    private final boolean timescaledb;

    GrafanaMacros(Instant from, Instant to, boolean timescaledb) {
        this.from = from;
        this.to = to;
        this.timescaledb = timescaledb;
    }

    String expand(String sql) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        Matcher m = MACRO.matcher(sql);
        while (m.find(pos)) {
            out.append(sql, pos, m.start());
            int close = closingParen(sql, m.end() - 1);
            List<String> args = splitArgs(sql.substring(m.end(), close));
            out.append(expandOne(m.group(1), args));
            pos = close + 1;
        }
        out.append(sql.substring(pos));
        String result = out.toString();
        if (result.contains("$__")) {
            throw new IllegalArgumentException("Unexpanded Grafana variable in: " + result);
        }
        return result;
    }

    private String expandOne(String name, List<String> args) {
        return switch (name) {
            case "timeFilter" -> arg(args, 0, name) + " BETWEEN '" + rfc3339(from) + "' AND '" + rfc3339(to) + "'";
            case "timeFrom" -> "'" + rfc3339(from) + "'";
            case "timeTo" -> "'" + rfc3339(to) + "'";
            case "time" -> arg(args, 0, name) + " AS \"time\"";
            case "unixEpochFilter" -> arg(args, 0, name) + " >= " + from.getEpochSecond() + " AND " + arg(args, 0, name)
                    + " <= " + to.getEpochSecond();
            case "timeGroup" -> timeGroup(args, name);
            case "timeGroupAlias" -> timeGroup(args, name) + " AS \"time\"";
            default -> throw new IllegalArgumentException("Unsupported Grafana macro $__" + name);
        };
    }

    private String timeGroup(List<String> args, String name) {
        String column = arg(args, 0, name);
        long seconds = intervalSeconds(unquote(arg(args, 1, name)));
        if (timescaledb) {
            return "time_bucket('" + seconds + ".000s'," + column + ")";
        }
        return "floor(extract(epoch from " + column + ")/" + seconds + ")*" + seconds;
    }

    static long intervalSeconds(String interval) {
        Matcher m = Pattern.compile("^(\\d+)(ms|s|m|h|d|w|y)$").matcher(interval.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("Unsupported interval " + interval);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            case "w" -> n * 7 * 86400;
            case "y" -> n * 365 * 86400;
            default -> Math.max(1, n / 1000);
        };
    }

    private static String rfc3339(Instant instant) {
        return RFC3339.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static String arg(List<String> args, int i, String macro) {
        if (args.size() <= i || args.get(i).isBlank()) {
            throw new IllegalArgumentException("$__" + macro + " needs argument " + (i + 1));
        }
        return args.get(i).strip();
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("'") && t.endsWith("'") ? t.substring(1, t.length() - 1) : t;
    }

    private static int closingParen(String sql, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unbalanced parentheses in macro at " + open + ": " + sql);
    }

    private static List<String> splitArgs(String inside) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                args.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        args.add(inside.substring(start));
        return args;
    }
}
