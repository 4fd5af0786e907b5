package cn.suqian.govshare.web;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The English message bundle the pages use ({@code static/i18n/en.json}, from the frontend module), read
 * once: the one place the English texts of codes live, so API users and English pages read the same words.
 */
public final class Messages {

    static final String ENGLISH_BUNDLE = "static/i18n/en.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private Messages() {
    }

    /**
     * Reads the bundle while the application starts, so that the first refusal, often written on an event
     * loop (a 401 from the security filters), does not read a file there.
     */
    @org.springframework.stereotype.Component
    static final class Preload {
        Preload() {
            english("", Map.of());
        }
    }

    private static final class English {
        static final Map<String, String> TEXTS = load(ENGLISH_BUNDLE);
    }

    private static final class Chinese {
        static final Map<String, String> TEXTS = load("static/i18n/zh-CN.json");
    }

    /** The Chinese bundle's text for key (documents GovShare writes in Chinese: the annual report's XLSX summary). */
    public static String chinese(String key, Map<String, ?> params) {
        String text = Chinese.TEXTS.get(key);
        return text == null ? key : format(text, params);
    }

    /** The bundle's text for key with {@code {param}} placeholders filled; the key and params if the bundle lacks it. */
    public static String english(String key, Map<String, ?> params) {
        String text = English.TEXTS.get(key);
        if (text == null) {
            return params == null || params.isEmpty() ? key : key + " " + params;
        }
        return format(text, params);
    }

    static String format(String text, Map<String, ?> params) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Object value = params == null ? null : params.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        return m.appendTail(b).toString();
    }

    /** The placeholder names in a bundle text. */
    static java.util.Set<String> placeholders(String text) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> load(String resource) {
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("message bundle " + resource + " is not on the class path");
            }
            return JsonMapper.shared().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
