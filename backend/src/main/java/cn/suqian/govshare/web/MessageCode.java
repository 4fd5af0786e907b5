package cn.suqian.govshare.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stable code for something said to people (a refusal, a stored reason), with the names of its
 * parameters. The words live in the message bundles under {@link #key()}, with {@code {param}}
 * placeholders; the English text given to API users is rendered from the English bundle by
 * {@link Messages}. {@code ProblemCodeBundleTests} checks every code has text in both bundles.
 */
public interface MessageCode {

    /** The stable code, e.g. {@code maxLength}. */
    String code();

    /** The bundle key of its text, e.g. {@code problem.maxLength}. */
    String key();

    /** The parameter names, in the order {@link #params(Object...)} takes their values. */
    List<String> paramNames();

    /** Parameters by name from values given in {@link #paramNames()} order; refuses a wrong count. */
    default Map<String, Object> params(Object... values) {
        List<String> names = paramNames();
        if (values.length != names.size()) {
            throw new IllegalArgumentException(code() + " takes parameters " + names + ", given " + values.length);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            params.put(names.get(i), values[i] instanceof Number || values[i] == null ? values[i] : String.valueOf(values[i]));
        }
        return params;
    }

    /** The English text for API users. */
    default String english(Map<String, ?> params) {
        return Messages.english(key(), params);
    }

    /** {@code MAX_LENGTH} → {@code maxLength}: codes follow the enum constants' names. */
    static String camelCase(Enum<?> constant) {
        StringBuilder b = new StringBuilder();
        for (String part : constant.name().toLowerCase(Locale.ROOT).split("_")) {
            b.append(b.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }
}
