package cn.suqian.govshare.exchange;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Splitting an ingest body into records of text fields, by content type, each with the line it came from. */
class BatchBodyTests {

    static List<BatchBody.Line> split(String body, String contentType) {
        return BatchBody.split(body.getBytes(StandardCharsets.UTF_8), contentType, 3);
    }

    static List<FieldProblem> problems(String body, String contentType) {
        try {
            split(body, contentType);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("expected the body to be refused: " + body);
    }

    @Test
    void a_json_array_gives_each_objects_scalar_fields_as_text() {
        List<BatchBody.Line> lines = split("[{\"calls\":120,\"provider\":\"water\",\"ok\":true,\"ratio\":0.5,\"gone\":null,"
                + "\"nested\":{\"a\":[1,2]},\"list\":[{\"x\":1}]},{\"calls\":\"7\"}]", "application/json");

        assertThat(lines).extracting(BatchBody.Line::number).containsExactly(1, 2);
        assertThat(lines.getFirst().fields()).containsExactly(Map.entry("calls", "120"), Map.entry("provider", "water"),
                Map.entry("ok", "true"), Map.entry("ratio", "0.5"));
        assertThat(lines.get(1).fields()).containsExactly(Map.entry("calls", "7"));
    }

    @Test
    void records_giving_their_fields_in_other_orders_escaped_or_new_read_as_given() {
        // the reader compares each name with the one the previous record had at its place: every way of differing
        String body = String.join("\n",
                "{\"messageId\":\"m-1\",\"calls\":1,\"provider\":\"water\"}",
                "{\"messageId\":\"m-2\",\"calls\":2,\"provider\":\"water\"}",
                "{\"calls\":3,\"messageId\":\"m-3\",\"provider\":\"fire\",\"extra\":\"x\"}",
                "{\"mess\\u0061geId\":\"m-4\",\"calls\":4}",
                "{\"messageIdentity\":\"m-5\",\"nested\":{\"messageId\":\"no\"},\"messageId\":\"m-5b\"}",
                "{\"messageId\":\"m-6\"}",
                "{}",
                "{\"messageId\":\"m-8\",\"calls\":8,\"provider\":\"water\",\"extra\":\"y\",\"more\":1}");
        List<BatchBody.Line> lines = BatchBody.split(body.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", 100);

        assertThat(lines).extracting(l -> l.fields().toString()).containsExactly(
                "{messageId=m-1, calls=1, provider=water}",
                "{messageId=m-2, calls=2, provider=water}",
                "{calls=3, messageId=m-3, provider=fire, extra=x}",
                "{messageId=m-4, calls=4}",
                "{messageIdentity=m-5, messageId=m-5b}",
                "{messageId=m-6}",
                "{}",
                "{messageId=m-8, calls=8, provider=water, extra=y, more=1}");
        assertThat(lines.get(4).tokens()).containsOnlyKeys("messageIdentity", "nested", "messageId");
        assertThat(lines.get(2).fields().get("provider")).isEqualTo("fire");
        assertThat(lines.get(6).fields().get("messageId")).isNull();
    }

    @Test
    void the_op_monitoring_shape_is_an_object_with_a_records_array() {
        List<BatchBody.Line> lines = split("{\"nextRecordsFrom\":{\"t\":1},\"meta\":[1],\"records\":[{\"messageId\":\"m-1\"}]}",
                "application/json;charset=UTF-8");

        assertThat(lines).singleElement().satisfies(l -> assertThat(l.fields()).containsEntry("messageId", "m-1"));
    }

    @Test
    void a_body_that_is_not_an_array_or_a_records_object_is_refused() {
        assertThat(problems("{\"items\":[]}", "application/json")).extracting(FieldProblem::field).containsExactly("body");
        assertThat(problems("42", "application/json")).extracting(FieldProblem::field).containsExactly("body");
        assertThat(problems("[{\"a\":1},7]", "application/json")).extracting(FieldProblem::row, FieldProblem::field)
                .containsExactly(tuple(2, "record"));
    }

    @Test
    void broken_json_is_refused_with_its_line() {
        assertThat(problems("[\n{\"a\":1},\n{\"a\":", "application/json")).extracting(FieldProblem::field).containsExactly("body");
        assertThat(problems("[\n{\"a\":1},\n{\"a\" 2}]", "application/json")).extracting(FieldProblem::row).containsExactly(3);
    }

    @Test
    void an_empty_batch_is_refused() {
        assertThat(problems("[]", "application/json")).extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("body", null));
        assertThat(problems("\n\n", "application/x-ndjson")).extracting(FieldProblem::field).containsExactly("body");
    }

    @Test
    void a_batch_has_at_most_the_maximum_number_of_records() {
        assertThat(split("[{},{},{}]", "application/json")).hasSize(3);
        assertThat(problems("[{},{},{},{}]", "application/json")).extracting(FieldProblem::field, FieldProblem::value)
                .containsExactly(tuple("body", "4+ records"));
        assertThat(problems("{}\n{}\n{}\n{}\n", "application/x-ndjson")).extracting(FieldProblem::field).containsExactly("body");
        assertThat(problems("a\n1\n2\n3\n4\n", "text/csv")).extracting(FieldProblem::field).containsExactly("body");
    }

    @Test
    void ndjson_lines_keep_their_line_numbers_across_blank_lines_and_crlf() {
        List<BatchBody.Line> lines = split("{\"a\":1}\r\n\r\n  \n{\"a\":2}\n", "application/x-ndjson");

        assertThat(lines).extracting(BatchBody.Line::number).containsExactly(1, 4);
        assertThat(lines).extracting(l -> l.fields().get("a")).containsExactly("1", "2");
        assertThat(split("{\"a\":3}", "application/jsonl")).singleElement().satisfies(l -> assertThat(l.number()).isEqualTo(1));
    }

    @Test
    void ndjson_read_in_one_pass_answers_as_line_by_line_reading_does() {
        String body = "  {\"a\":1, \"b\":{\"x\":[1,2]}}  \r\n\n{\"a\":\"two\",\"c\":null}\n\n";
        List<BatchBody.Line> lines = split(body, "application/x-ndjson");

        assertThat(lines).extracting(BatchBody.Line::number).containsExactly(1, 3);
        assertThat(lines).extracting(l -> l.fields().get("a")).containsExactly("1", "two");
        assertThat(lines.getFirst().tokens()).containsEntry("b", tools.jackson.core.JsonToken.START_OBJECT);
        assertThat(lines).extracting(BatchBody.Line::rawJson).containsExactly("{\"a\":1, \"b\":{\"x\":[1,2]}}", "{\"a\":\"two\",\"c\":null}");
        assertThat(lines.getFirst().slim().rawJson()).isEqualTo("{\"a\":1, \"b\":{\"x\":[1,2]}}");
    }

    @Test
    void a_value_repeated_across_records_is_one_string_and_every_value_reads_as_sent() {
        String body = "{\"m\":\"GOV\",\"n\":12,\"u\":\"" + "x".repeat(40) + "\",\"e\":\"\\u0047OV\"}\n{\"m\":\"GOV\",\"n\":12,\"o\":\"GOW\"}\n";
        List<BatchBody.Line> lines = split(body, "application/x-ndjson");

        assertThat(lines.get(0).fields()).containsEntry("m", "GOV").containsEntry("n", "12").containsEntry("u", "x".repeat(40))
                .containsEntry("e", "GOV");
        assertThat(lines.get(1).fields()).containsEntry("m", "GOV").containsEntry("o", "GOW");
        assertThat(lines.get(1).fields().get("m")).isSameAs(lines.get(0).fields().get("m"));
        assertThat(lines.get(1).fields().get("n")).isSameAs(lines.get(0).fields().get("n"));
    }

    @Test
    void ndjson_with_two_objects_on_a_line_or_one_across_lines_is_refused_at_that_line() {
        // one pass would take these as well-formed; read line by line they are refused where they are: two values on
        // one line (neither dropped unseen), an object across lines (a line that is not JSON)
        assertThat(problems("{\"a\":1} {\"a\":2}\n{\"a\":3}\n", "application/x-ndjson")).singleElement()
                .satisfies(p -> assertThat(p.row()).isEqualTo(1)).satisfies(p -> assertThat(p.field()).isEqualTo("line"));
        assertThat(problems("{\"a\":1}\n{\"a\":\n2}\n", "application/x-ndjson")).extracting(FieldProblem::row, FieldProblem::field)
                .containsExactly(tuple(2, "line"), tuple(3, "line"));
    }

    @Test
    void every_bad_ndjson_line_is_reported_at_once_with_a_preview() {
        List<FieldProblem> problems = problems("{\"a\":1}\n[1,2]\r\n{\"a\":\n" + "x".repeat(100) + "\n", "application/x-ndjson");

        assertThat(problems).extracting(FieldProblem::row, FieldProblem::field).containsExactly(tuple(2, "line"), tuple(3, "line"), tuple(4, "line"));
        assertThat(problems.getFirst().value()).isEqualTo("[1,2]");
        assertThat((String) problems.getLast().value()).hasSize(81).endsWith("…");
    }

    @Test
    void csv_rows_are_records_keyed_by_the_header_and_numbered_as_the_file_shows_them() {
        List<BatchBody.Line> lines = split("provider,calls\nwater,5\n\nhealth,7\n", "text/csv");

        assertThat(lines).extracting(BatchBody.Line::number).containsExactly(2, 4);
        assertThat(lines.getLast().fields()).containsExactly(Map.entry("provider", "health"), Map.entry("calls", "7"));
    }

    @Test
    void without_a_content_type_the_body_is_read_as_json() {
        assertThat(BatchBody.split("[{\"a\":\"b\"}]".getBytes(StandardCharsets.UTF_8), null, 3)).hasSize(1);
    }

    @Test
    void a_line_is_written_back_as_a_json_object_of_its_fields() {
        BatchBody.Line line = split("[{\"calls\":120,\"provider\":\"水利局\"}]", "application/json").getFirst();

        assertThat(line.json()).isEqualTo("{\"calls\":\"120\",\"provider\":\"水利局\"}");
    }

    @Test
    void json_kept_as_sent_has_its_nul_and_lone_surrogate_escapes_written_as_the_characters_they_read_as_and_nothing_else_changed() {
        // a NUL escape, an escaped backslash followed by "u0000" (no NUL), an escaped quote and a CJK escape
        String json = "{\"a\":\"x\\u0000y\",\"b\":\"\\\\u0000\",\"c\":\"\\\"\\u4e2d\"}";
        assertThat(BatchBody.jsonb(json).data())
                .isEqualTo("{\"a\":\"x\\\\u0000y\",\"b\":\"\\\\u0000\",\"c\":\"\\\"\\u4e2d\"}");
        // surrogates: a pair stays, a half alone (high at the end, low first) is written as text
        String surrogates = "{\"a\":\"\\ud83d\\ude00\",\"b\":\"x\\ud83d\",\"c\":\"\\udc00y\"}";
        assertThat(BatchBody.jsonb(surrogates).data())
                .isEqualTo("{\"a\":\"\\ud83d\\ude00\",\"b\":\"x\\\\ud83d\",\"c\":\"\\\\udc00y\"}");
        String plain = "{\"a\":\"中文\"}";
        assertThat(BatchBody.jsonb(plain).data()).isSameAs(plain);
    }

    @Test
    void a_body_inventing_new_field_names_in_every_record_holds_memory_in_proportion_to_itself() {
        StringBuilder body = new StringBuilder();
        int name = 0;
        for (int r = 0; r < 1000; r++) {
            body.append("{\"messageId\":\"m-").append(r).append('"');
            for (int f = 0; f < 400; f++) {
                body.append(",\"invented").append(name++).append("\":1");
            }
            body.append("}\n");
        }
        List<BatchBody.Line> lines = BatchBody.split(body.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson", 1000);
        assertThat(lines).hasSize(1000);
        long slots = 0;
        for (BatchBody.Line line : lines) {
            assertThat(line.fields()).containsEntry("messageId", "m-" + (line.number() - 1)).hasSizeLessThanOrEqualTo(FieldMap.Names.MOST);
            slots += ((FieldMap<?>) line.fields()).slots() + ((FieldMap<?>) line.tokens()).slots();
        }
        // each record's two maps at most MOST slots of values and of order each (was: as many as all names seen before it)
        assertThat(slots).isLessThanOrEqualTo(1000L * 4 * FieldMap.Names.MOST);
    }
}
