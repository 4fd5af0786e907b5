package cn.suqian.govshare.exchange;

import cn.suqian.govshare.spreadsheet.Sheet;
import cn.suqian.govshare.spreadsheet.SheetReader;
import cn.suqian.govshare.spreadsheet.SheetRow;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an ingest body into records of text fields, by content type: a JSON array (or an object with a
 * {@code records} array, the X-Road op-monitoring shape), NDJSON, or CSV with a header row. Each record
 * keeps the line (or position) it came from so problems can point at it.
 */
final class BatchBody {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A record's fields as text, its raw JSON for quarantine, and where it was in the body. */
    record Line(int number, Map<String, String> fields, JsonNode raw) {
    }

    private BatchBody() {
    }

    static List<Line> split(byte[] body, String contentType, int maxLines) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        List<Line> lines;
        if (type.contains("csv")) {
            lines = csv(body);
        } else if (type.contains("ndjson") || type.contains("x-ndjson") || type.contains("jsonl")) {
            lines = ndjson(body);
        } else {
            lines = json(body);
        }
        if (lines.size() > maxLines) {
            throw new InvalidInputException("body", lines.size() + " records", "at most " + maxLines + " records per batch; split it");
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("body", null, "no records");
        }
        return lines;
    }

    private static List<Line> json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(new FieldProblem(e.getLocation() == null ? null : e.getLocation().getLineNr(), null,
                    "body", null, "not valid JSON: " + e.getOriginalMessage())));
        }
        JsonNode array = root != null && root.isObject() && root.has("records") ? root.get("records") : root;
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("body", null, "a JSON array of records, or an object with a \"records\" array");
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        for (JsonNode node : array) {
            i++;
            lines.add(new Line(i, fields(node, i), node));
        }
        return lines;
    }

    private static List<Line> ndjson(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            if (raw.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(raw);
                lines.add(new Line(n, fields(node, n), node));
            } catch (JacksonException e) {
                problems.add(new FieldProblem(n, null, "line", raw.length() > 60 ? raw.substring(0, 60) + "…" : raw,
                        "not valid JSON: " + e.getOriginalMessage()));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return lines;
    }

    private static List<Line> csv(byte[] body) {
        Sheet sheet = SheetReader.readCsv(body);
        List<Line> lines = new ArrayList<>();
        for (SheetRow row : sheet.rows()) {
            var node = JSON.createObjectNode();
            row.cells().forEach(node::put);
            lines.add(new Line(row.number(), new LinkedHashMap<>(row.cells()), node));
        }
        return lines;
    }

    private static Map<String, String> fields(JsonNode node, int line) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(List.of(new FieldProblem(line, null, "record", null, "each record must be a JSON object")));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (var e : node.properties()) {
            JsonNode v = e.getValue();
            if (v != null && !v.isNull() && !v.isContainer()) {
                fields.put(e.getKey(), v.asString());
            }
        }
        return fields;
    }
}
