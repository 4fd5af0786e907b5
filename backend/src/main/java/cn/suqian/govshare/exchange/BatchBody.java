package cn.suqian.govshare.exchange;

import cn.suqian.govshare.spreadsheet.Sheet;
import cn.suqian.govshare.spreadsheet.SheetReader;
import cn.suqian.govshare.spreadsheet.SheetRow;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.ProblemCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an ingest body into records of text fields, by content type: a JSON array (or an object with a
 * {@code records} array, the X-Road op-monitoring shape), NDJSON, or CSV with a header row. Each record
 * keeps the line (or position) it came from so problems can point at it. JSON is read with the streaming
 * parser, field by field, because ingest runs at exchange-platform volume.
 */
final class BatchBody {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * The token a record's field is marked with when the record gives it more than once ({@code {"calls":1,"calls":2}}):
     * JSON leaves the meaning open, so such a field is refused ({@link cn.suqian.govshare.web.ProblemCode#REPEATED_FIELD}),
     * never read as one of its values. (A token no parser of a whole document produces.)
     */
    static final JsonToken REPEATED = JsonToken.NOT_AVAILABLE;

    /**
     * JSON text as a {@code jsonb} column takes it: PostgreSQL refuses there the escape of the NUL character and an
     * escaped half of a surrogate pair standing alone, so a record kept as sent (faulty, quarantined) that carries one
     * would fail the whole batch. Such an escape is written as the six characters it reads as (its backslash escaped);
     * everything else, paired surrogates included, is unchanged.
     */
    static org.jooq.JSONB jsonb(String json) {
        if (json.indexOf('\\') < 0) {
            return org.jooq.JSONB.valueOf(json);
        }
        StringBuilder out = new StringBuilder(json.length() + 8);
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == n) {
                out.append(c);
                continue;
            }
            int code = json.charAt(i + 1) == 'u' ? hex4(json, i + 2) : -1;
            if (code < 0) { // another escape (an escaped backslash among them): taken whole
                out.append(c).append(json.charAt(++i));
                continue;
            }
            boolean paired = Character.isHighSurrogate((char) code) && json.startsWith("\\u", i + 6)
                    && hex4(json, i + 8) >= 0 && Character.isLowSurrogate((char) hex4(json, i + 8));
            if (paired) {
                out.append(json, i, i + 12);
                i += 11;
            } else {
                if (code == 0 || Character.isSurrogate((char) code)) {
                    out.append('\\');
                }
                out.append(json, i, i + 6);
                i += 5;
            }
        }
        return org.jooq.JSONB.valueOf(out.toString());
    }

    /** The four hex digits at {@code from} as a number, or -1. */
    private static int hex4(String s, int from) {
        if (from + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /**
     * A record's scalar fields as text, and where it was in the body; for JSON also each field's token (so a
     * number can be told from a string, an array or an object given where a number belongs) and the record
     * exactly as sent.
     */
    record Line(int number, Map<String, String> fields, Map<String, JsonToken> tokens, BatchBytes body, int from, int to) {

        Line(int number, Map<String, String> fields) {
            this(number, fields, Map.of(), null, 0, 0);
        }

        /**
         * The record as sent when known (JSON), else its fields as text. Made only when asked for (a faulty record):
         * the body is kept, not a copy of every record's text.
         */
        String rawJson() {
            String raw = body == null ? null : raw(body, from, to);
            return raw != null ? raw : json();
        }

        /**
         * The same record without its parsed fields when it can be read back as sent from the body: what a record
         * already parsed keeps while its batch is stored (a batch's maps of field text otherwise live as long as it).
         */
        Line slim() {
            return body != null && delimited(body, from, to) ? new Line(number, Map.of(), Map.of(), body, from, to) : this;
        }

        /** The record as a JSON object (for quarantine): its fields, as text. */
        String json() {
            ObjectNode node = JSON.createObjectNode();
            fields.forEach(node::put);
            return node.toString();
        }
    }

    private BatchBody() {
    }

    static List<Line> split(byte[] body, String contentType, int maxLines) {
        return split(BatchBytes.of(body), contentType, maxLines);
    }

    static List<Line> split(BatchBytes body, String contentType, int maxLines) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        List<Line> lines;
        if (type.contains("csv")) {
            lines = csv(body);
        } else if (type.contains("ndjson") || type.contains("jsonl")) {
            lines = ndjson(body, maxLines);
        } else {
            lines = json(body, maxLines);
        }
        if (lines.size() > maxLines) {
            throw tooMany(lines.size(), maxLines);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(FieldProblem.of("body", null, ProblemCode.NO_RECORDS));
        }
        return lines;
    }

    private static InvalidInputException tooMany(int count, int maxLines) {
        return new InvalidInputException(FieldProblem.of("body", count + "+ records", ProblemCode.TOO_MANY_RECORDS, maxLines));
    }

    private static List<Line> json(BatchBytes body, int maxLines) {
        Reading reading = new Reading();
        List<Line> lines = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body.stream())) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                // {"records":[...]}: find the array
                boolean found = false;
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if (name.equals("records") && t == JsonToken.START_ARRAY) {
                        found = true;
                        break;
                    }
                    p.skipChildren();
                }
                if (!found) {
                    throw new InvalidInputException(FieldProblem.of("body", null, ProblemCode.BATCH_SHAPE));
                }
            } else if (t != JsonToken.START_ARRAY) {
                throw new InvalidInputException(FieldProblem.of("body", null, ProblemCode.BATCH_SHAPE));
            }
            int n = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                n++;
                if (t != JsonToken.START_OBJECT) {
                    throw new InvalidInputException(FieldProblem.of("record", null, ProblemCode.NOT_JSON_OBJECT).at(n, null));
                }
                int from = (int) p.currentTokenLocation().getByteOffset();
                Fields o = object(p, reading);
                int to = (int) p.currentLocation().getByteOffset();
                lines.add(new Line(n, o.fields(), o.tokens(), body, from, to));
                if (n > maxLines) {
                    throw tooMany(n, maxLines);
                }
            }
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldProblem.of("body", null, ProblemCode.INVALID_JSON, e.getOriginalMessage())
                    .at(e.getLocation() == null ? null : e.getLocation().getLineNr(), null));
        }
        return lines;
    }

    /** The bytes of one object, when the parser's offsets delimit it; null otherwise. */
    private static String raw(BatchBytes body, int from, int to) {
        return delimited(body, from, to) ? body.text(from, to) : null;
    }

    /** Whether the parser's offsets delimit one object in the body. */
    private static boolean delimited(BatchBytes body, int from, int to) {
        return from >= 0 && to <= body.length() && to - from >= 2 && body.at(from) == '{' && body.at(to - 1) == '}';
    }

    /**
     * Reads the object the parser is at (after START_OBJECT): scalar fields as text, nested values skipped;
     * every field's (first) token into {@code tokens}.
     */
    private static Fields object(JsonParser p, Reading reading) {
        Map<String, String> fields = new FieldMap<>(reading.names);
        Map<String, JsonToken> tokens = new FieldMap<>(reading.names);
        JsonToken t;
        for (int position = 0; ; position++) {
            // the records of a batch give their fields in the same order: the name the previous record had here is
            // compared with the input's bytes as they stand, and only a different name is read and looked up
            SerializableString expected = reading.nameAt(position);
            boolean same = expected != null && p.nextName(expected);
            t = same ? JsonToken.PROPERTY_NAME : expected != null ? p.currentToken() : p.nextToken();
            if (t != JsonToken.PROPERTY_NAME) {
                break;
            }
            String name = same ? expected.getValue() : reading.nameAt(position, p.currentName());
            t = p.nextToken();
            if (tokens.put(name, t) != null) {
                tokens.put(name, REPEATED); // given twice: which one the sender meant is unknown
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (t != JsonToken.VALUE_NULL) {
                fields.put(name, reading.value(p));
            }
        }
        return new Fields(fields, tokens);
    }

    /** One object's scalar fields as text, and every field's (first) token. */
    private record Fields(Map<String, String> fields, Map<String, JsonToken> tokens) {
    }

    /**
     * What the records of one batch share while it is read. Their field names, numbered once ({@link FieldMap.Names}),
     * and the name each position had in the last record (records give their fields in the same order). Their short
     * field values, each kept once: an X-Road instance, member class, member code, service code or version repeats in
     * thousands of records of a batch, and every record of it is held while the batch is stored — a table with one
     * slot per hash, a value meeting another in its slot takes it (no chains).
     */
    static final class Reading {
        private static final int LONGEST = 32; // identifiers (UUIDs) are longer and nearly always unique
        private final String[] table = new String[4096];
        /** The batch's field names, numbered once for all its records' maps. */
        final FieldMap.Names names = new FieldMap.Names();
        /** The name of each position in the last record that had one there. */
        private SerializableString[] positions = new SerializableString[48];

        /** The name at {@code position} of the last record that had one there, or null. */
        SerializableString nameAt(int position) {
            return position < positions.length ? positions[position] : null;
        }

        /** Notes {@code name} at {@code position} (for the next record); returns it. */
        String nameAt(int position, String name) {
            if (position >= positions.length) {
                positions = java.util.Arrays.copyOf(positions, Math.max(position + 1, positions.length * 2));
            }
            if (positions[position] == null || !positions[position].getValue().equals(name)) {
                positions[position] = new SerializedString(name);
            }
            return positions[position].getValue();
        }

        /** The scalar value the parser is at, as text (a short one kept once). */
        String value(JsonParser p) {
            int length = p.getStringLength();
            if (length > LONGEST) {
                return p.getString();
            }
            char[] chars = p.getStringCharacters();
            int offset = p.getStringOffset();
            int hash = 0;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + chars[offset + i];
            }
            int slot = (hash ^ hash >>> 16) & (table.length - 1);
            String kept = table[slot];
            if (kept != null && same(kept, chars, offset, length)) {
                return kept;
            }
            String value = new String(chars, offset, length);
            table[slot] = value;
            return value;
        }

        private static boolean same(String kept, char[] chars, int offset, int length) {
            if (kept.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (kept.charAt(i) != chars[offset + i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * NDJSON, usually read by one parser over the whole body (a parser made per line cost more than reading its
     * line); a body that is not one object per line — a bad line, two objects on one, one across several — is read
     * line by line instead, which says what is wrong where.
     */
    private static List<Line> ndjson(BatchBytes body, int maxLines) {
        List<Line> lines = ndjsonInOnePass(body, maxLines);
        return lines != null ? lines : ndjsonLineByLine(body, maxLines);
    }

    /** Every line one object (or blank): the records; otherwise null. */
    private static List<Line> ndjsonInOnePass(BatchBytes body, int maxLines) {
        Reading reading = new Reading();
        List<Line> lines = new ArrayList<>();
        int line = 1;
        int after = 0; // where the previous object ended
        try (JsonParser p = JSON.createParser(body.stream())) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    return null;
                }
                var start = p.currentTokenLocation();
                int from = (int) start.getByteOffset();
                int newlines = 0;
                for (int i = after; i < from; i++) { // only whitespace lies between root values
                    if (body.at(i) == '\n') {
                        newlines++;
                    }
                }
                if (newlines == 0 && !lines.isEmpty()) {
                    return null; // a second object on the line
                }
                line += newlines;
                Fields o = object(p, reading);
                var end = p.currentLocation();
                if (end.getLineNr() != start.getLineNr()) {
                    return null; // one object across lines
                }
                after = (int) end.getByteOffset();
                lines.add(new Line(line, o.fields(), o.tokens(), body, from, after));
                if (lines.size() > maxLines) {
                    throw tooMany(lines.size(), maxLines);
                }
            }
        } catch (JacksonException e) {
            return null;
        }
        return lines;
    }

    private static List<Line> ndjsonLineByLine(BatchBytes body, int maxLines) {
        Reading reading = new Reading();
        List<Line> lines = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        int n = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i < body.length() && body.at(i) != '\n') {
                continue;
            }
            n++;
            int end = i > start && body.at(i - 1) == '\r' ? i - 1 : i;
            byte[] text = end > start ? body.copy(start, end) : null;
            if (text != null && !blank(text)) {
                try (JsonParser p = JSON.createParser(text)) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        problems.add(FieldProblem.of("line", preview(text), ProblemCode.NOT_JSON_OBJECT).at(n, null));
                    } else {
                        Fields o = object(p, reading);
                        if (p.nextToken() != null) { // a second value on the line would otherwise be dropped unseen
                            problems.add(FieldProblem.of("line", preview(text), ProblemCode.INVALID_JSON,
                                    "more than one JSON value on the line").at(n, null));
                        } else {
                            lines.add(new Line(n, o.fields(), o.tokens(), body, start, end));
                        }
                    }
                } catch (JacksonException e) {
                    problems.add(FieldProblem.of("line", preview(text), ProblemCode.INVALID_JSON, e.getOriginalMessage()).at(n, null));
                }
                if (lines.size() > maxLines) {
                    throw tooMany(lines.size(), maxLines);
                }
            }
            start = i + 1;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return lines;
    }

    private static boolean blank(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 80), StandardCharsets.UTF_8);
        return b.length > 80 ? s + "…" : s;
    }

    private static List<Line> csv(BatchBytes body) {
        Sheet sheet = SheetReader.readCsv(body.copy(0, body.length()));
        List<Line> lines = new ArrayList<>();
        for (SheetRow row : sheet.rows()) {
            lines.add(new Line(row.number(), new LinkedHashMap<>(row.cells())));
        }
        return lines;
    }
}
