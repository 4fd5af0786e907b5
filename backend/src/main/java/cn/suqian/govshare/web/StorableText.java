package cn.suqian.govshare.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text PostgreSQL can store: no NUL character (its {@code text} cannot hold one) and no half of a surrogate pair
 * standing alone (JSON's escape of one reads into a Java string that UTF-8 cannot encode: the driver would store
 * "?"). Every string read from a JSON request body is checked ({@link #module}): such a value is refused with 400
 * naming its field ({@code invalidCharacter}) instead of failing its statement with a 500 later. The exchange ingest,
 * which reads its batches with its own parser, checks its text fields with {@link #storable} too.
 */
@Configuration(proxyBeanMethods = false)
public class StorableText {

    /** Can PostgreSQL's text hold it as given? */
    public static boolean storable(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == v.length() || !Character.isLowSurrogate(v.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** A value with the characters {@link #storable} refuses written as their escapes, at most 60 characters shown. */
    public static String visible(String v) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < v.length() && out.length() < 60; i++) {
            char c = v.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                out.append(c).append(v.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < v.length() ? out + "…" : out.toString();
    }

    /** Thrown while reading a request body: the handler names the field and answers {@code invalidCharacter}. */
    public static final class Refused extends MismatchedInputException {
        private final String shown;

        Refused(JsonParser p, String value) {
            super(p, "contains a character that cannot be stored (NUL, or half a surrogate pair)");
            this.shown = visible(value);
        }

        /** The value as it may be shown (escaped). */
        public String shown() {
            return shown;
        }
    }

    /** Strings read as usual, then checked. */
    static final class Deserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String v = super.deserialize(p, ctxt);
            if (v != null && !storable(v)) {
                throw new Refused(p, v);
            }
            return v;
        }
    }

    /** Registered with the JSON mapper that reads request bodies (Spring Boot adds every module bean). */
    @Bean
    JacksonModule storableTextModule() {
        return new SimpleModule("storable-text").addDeserializer(String.class, new Deserializer());
    }
}
