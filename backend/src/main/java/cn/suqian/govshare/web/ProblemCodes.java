package cn.suqian.govshare.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stable codes for the reasons input is refused most often, so pages can translate them; reasons not
 * listed here keep only their English text. One table, tested, instead of a code argument at every
 * call site.
 */
final class ProblemCodes {

    private record Rule(String code, Pattern pattern, List<String> params) {
    }

    private static final List<Rule> RULES = List.of(
            rule("required", "required", List.of()),
            rule("unknownOrganisation", "unknown organisation code", List.of()),
            rule("notInFuture", "cannot be in the future", List.of()),
            rule("notNegative", "cannot be negative", List.of()),
            rule("alreadyExists", "already exists", List.of()),
            rule("date", "a date like .*", List.of()),
            rule("number", "a number", List.of()),
            rule("wholeNumber", "a whole number", List.of()),
            rule("yesNo", "是 or 否", List.of()),
            rule("oneOf", "one of (?<choices>.+)", List.of("choices")),
            rule("maxLength", "at most (?<max>\\d+) characters", List.of("max")),
            rule("missingColumn", "required column is missing", List.of()),
            rule("unknownColumn", "unknown column;.*", List.of()),
            rule("repeatedRow", "appears again \\(first in row (?<row>\\d+)\\)", List.of("row")),
            rule("notOwnOrganisation", "you may only import records of your own organisation \\((?<organisation>[^)]*)\\)",
                    List.of("organisation")),
            rule("belongsTo", "belongs to organisation (?<organisation>\\S+)", List.of("organisation")),
            rule("privateNetworkRequired", "required for a system on a private business network", List.of()),
            rule("migrationPlanRequired", "a system on a private business network needs the planned date .*", List.of()),
            rule("dataRoomRequired", "required for a system deployed in its own data room", List.of()),
            rule("conditionRequired", "a conditionally shared .* must state its condition", List.of()),
            rule("legalBasisRequired", "a resource that is not shared .* must cite its legal basis", List.of()),
            rule("mountedSinceRequired", "a mounted resource needs the date .*", List.of()),
            rule("evidenceRequired", "declaring a milestone met needs evidence", List.of()));

    private ProblemCodes() {
    }

    private static Rule rule(String code, String regex, List<String> params) {
        return new Rule(code, Pattern.compile(regex), params);
    }

    static String codeOf(String reason) {
        Rule r = match(reason);
        return r == null ? null : r.code();
    }

    static Map<String, String> paramsOf(String reason) {
        Rule r = match(reason);
        if (r == null || r.params().isEmpty()) {
            return null;
        }
        Matcher m = r.pattern().matcher(reason);
        m.matches();
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : r.params()) {
            params.put(name, m.group(name));
        }
        return params;
    }

    private static Rule match(String reason) {
        if (reason == null) {
            return null;
        }
        for (Rule r : RULES) {
            if (r.pattern().matcher(reason).matches()) {
                return r;
            }
        }
        return null;
    }
}
