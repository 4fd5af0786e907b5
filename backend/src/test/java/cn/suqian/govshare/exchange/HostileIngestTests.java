package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import cn.suqian.govshare.support.OpmonRecords;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static cn.suqian.govshare.db.schema.Tables.OPMON_FAULTY;
import static cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;
import static cn.suqian.govshare.support.OpmonRecords.aClientRecord;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of hostile values against both ingest paths: each is refused (statistics, 400 with the
 * field and a code) or makes its record faulty (op-monitoring), nothing stored moves, and no partition is
 * made for a time outside the bounds.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class HostileIngestTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    final OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(3);
    final long t0 = t.toInstant().toEpochMilli();

    /** Hostile numbers, as JSON text, and the codes each may be refused with. */
    static final Map<String, Set<String>> NUMBERS = new LinkedHashMap<>();

    static {
        NUMBERS.put("1e400", Set.of("between"));
        NUMBERS.put("9223372036854775808", Set.of("between"));
        NUMBERS.put("-1", Set.of("between"));
        NUMBERS.put("1.5", Set.of("wholeNumber"));
        NUMBERS.put("1e-3", Set.of("wholeNumber"));
        NUMBERS.put("\"12\"", Set.of("wholeNumber"));
        NUMBERS.put("[1]", Set.of("wholeNumber"));
        NUMBERS.put("{\"n\":1}", Set.of("wholeNumber"));
        NUMBERS.put("true", Set.of("wholeNumber"));
        NUMBERS.put("\"\\ud800\"", Set.of("wholeNumber")); // half a surrogate pair: shown escaped, never a failed answer
        NUMBERS.put("\"1\\u0000\"", Set.of("wholeNumber"));
    }

    /** Values of another type where text belongs, as JSON text. */
    static final List<String> TEXTS = List.of("12345", "1.5", "true", "[\"m-1\"]", "{\"id\":\"m-1\"}");

    @BeforeAll
    void registerMembers() {
        OpmonRecords.registerMembers(port);
    }

    Map<String, Object> push(String path, String body, int status) {
        return (Map<String, Object>) Api.as(port, "admin").post().uri("/api/v1/exchange/" + path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    static String object(Map<String, String> rawFields) {
        return rawFields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    Map<String, String> interval(String resource) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("intervalStart", "\"" + t + "\"");
        f.put("intervalSeconds", "300");
        f.put("provider", "\"transport\"");
        f.put("consumer", "\"urban-mgmt\"");
        f.put("resource", "\"" + resource + "\"");
        f.put("calls", "10");
        f.put("failedCalls", "1");
        f.put("records", "10");
        f.put("bytes", "1000");
        f.put("latencyMsSum", "100");
        f.put("latencyMsMax", "20");
        return f;
    }

    Map<String, String> opmon(String messageId) {
        Map<String, Object> parsed = BatchBody.JSON.readValue(aClientRecord().at(t0).messageId(messageId).timestamps(0, 10, 190, 200)
                .set("requestSize", 100).set("responseSize", 200).json(), Map.class);
        Map<String, String> f = new LinkedHashMap<>();
        parsed.forEach((k, v) -> f.put(k, BatchBody.JSON.writeValueAsString(v)));
        return f;
    }

    /** Times far out, and given in the other unit, with the code each must be refused with. */
    Map<String, String> hostileTimes(boolean seconds) {
        long s = t.toEpochSecond();
        Map<String, String> times = new LinkedHashMap<>();
        times.put(String.valueOf(seconds ? s * 1000 : s * 1000 * 1000), "laterThanAllowed"); // in the smaller unit's place
        times.put(String.valueOf(seconds ? s / 1000 : s), "beforeRetention");                 // in the larger unit's place
        times.put(String.valueOf(seconds ? 0 : 0), "beforeRetention");
        times.put(String.valueOf(seconds ? 32_503_680_000L : 32_503_680_000_000L), "laterThanAllowed"); // year 3000
        return times;
    }

    long statCalls() {
        Long v = dsl.select(DSL.sum(EXCHANGE_STAT.CALLS)).from(EXCHANGE_STAT).fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    long statBytes() {
        Long v = dsl.select(DSL.sum(EXCHANGE_STAT.BYTES)).from(EXCHANGE_STAT).fetchOne(0, Long.class);
        return v == null ? 0 : v;
    }

    int partitions(String table) {
        return dsl.fetchCount(DSL.table("pg_inherits"), DSL.field("inhparent").eq(DSL.field("{0}::regclass", Object.class, DSL.inline(table))));
    }

    @Test
    void hostile_statistics_are_refused_whole_naming_field_value_and_code_and_nothing_moves() {
        long calls = statCalls();
        long bytes = statBytes();
        int partitions = partitions("exchange_stat");
        List<String> failures = new ArrayList<>();
        for (String field : List.of("intervalSeconds", "calls", "failedCalls", "records", "bytes", "latencyMsSum", "latencyMsMax")) {
            for (var hostile : NUMBERS.entrySet()) {
                Map<String, String> f = interval("hostile-stats");
                f.put(field, hostile.getKey());
                var problem = push("stats", "[" + object(interval("hostile-ok")) + "," + object(f) + "]", 400);
                var errors = (List<Map<String, Object>>) problem.get("errors");
                if (errors.stream().noneMatch(e -> field.equals(e.get("field")) && hostile.getValue().contains(e.get("code"))
                        && Integer.valueOf(2).equals(e.get("row")))) {
                    failures.add(field + "=" + hostile.getKey() + " gave " + errors);
                }
            }
        }
        for (var start : Map.of("\"1990-01-01T00:00:00Z\"", "beforeRetention", "\"2999-01-01T00:00:00Z\"", "laterThanAllowed",
                "\"" + OffsetDateTime.now(ZoneOffset.UTC).plusHours(1) + "\"", "laterThanAllowed", "1700000000", "dateTime", "[1]", "dateTime").entrySet()) {
            Map<String, String> f = interval("hostile-stats");
            f.put("intervalStart", start.getKey());
            var errors = (List<Map<String, Object>>) push("stats", "[" + object(f) + "]", 400).get("errors");
            if (errors.stream().noneMatch(e -> "intervalStart".equals(e.get("field")) && start.getValue().equals(e.get("code")))) {
                failures.add("intervalStart=" + start.getKey() + " gave " + errors);
            }
        }
        for (String field : List.of("provider", "consumer", "resource")) {
            for (String hostile : TEXTS) {
                Map<String, String> f = interval("hostile-stats");
                f.put(field, hostile);
                var errors = (List<Map<String, Object>>) push("stats", "[" + object(f) + "]", 400).get("errors");
                if (errors.stream().noneMatch(e -> field.equals(e.get("field")) && "text".equals(e.get("code")))) {
                    failures.add(field + "=" + hostile + " gave " + errors);
                }
            }
        }
        for (String field : List.of("intervalStart", "calls", "resource")) {
            Map<String, String> twice = interval("hostile-stats");
            twice.put(field, twice.get(field) + ",\"" + field + "\":" + twice.get(field));
            var errors = (List<Map<String, Object>>) push("stats", "[" + object(twice) + "]", 400).get("errors");
            if (errors.stream().noneMatch(e -> field.equals(e.get("field")) && "repeatedField".equals(e.get("code")))) {
                failures.add(field + " twice gave " + errors);
            }
        }
        Map<String, String> nul = interval("hostile-stats");
        nul.put("resource", "\"res\\u0000\"");
        var nulErrors = (List<Map<String, Object>>) push("stats", "[" + object(nul) + "]", 400).get("errors");
        if (nulErrors.stream().noneMatch(e -> "resource".equals(e.get("field")) && "invalidCharacter".equals(e.get("code")))) {
            failures.add("resource with NUL gave " + nulErrors);
        }
        Map<String, String> huge = interval("hostile-stats");
        huge.put("calls", "1000000001");
        var errors = (List<Map<String, Object>>) push("stats", "[" + object(huge) + "]", 400).get("errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("field", "calls").containsEntry("code", "between");
            assertThat((Map<String, Object>) e.get("params")).containsEntry("max", 1_000_000_000);
        });

        assertThat(failures).isEmpty();
        assertThat(statCalls()).isEqualTo(calls);
        assertThat(statBytes()).isEqualTo(bytes);
        assertThat(partitions("exchange_stat")).isEqualTo(partitions);
    }

    @Test
    void a_record_kept_as_sent_may_carry_the_nul_escape_in_a_field_not_read() {
        Map<String, String> stranger = opmon("hostile-nul-quarantined");
        stranger.put("clientMemberCode", "\"SQ-NUL-STRANGER\"");
        stranger.put("messageUserId", "\"user\\u0000\\udc00\\ud83d\\ude00\"");
        var result = push("opmon", "{\"records\":[" + object(stranger) + "]}", 200);
        assertThat(result).containsEntry("quarantined", 1).containsEntry("faulty", 0);
        assertThat(dsl.fetchValue("SELECT record->>'messageUserId' FROM exchange_quarantine WHERE record->>'messageId' = 'hostile-nul-quarantined'"))
                .as("kept, the escape as the six characters it reads as").isEqualTo("user\\u0000\\udc00\ud83d\ude00");
    }

    /** Values of every kind, as JSON text, the fuzzing below puts in random fields. */
    static final List<String> ANY = List.of("\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\ud83d\"", "\"\\ud83d\\ude00\"",
            "\"\"", "\" \"", "\"" + "x".repeat(300) + "\"", "\"\\u202e\"", "null", "true", "-0", "0.0", "1e308", "-1e308", "1E2", "[]",
            "{}", "[[[[[[[[[[1]]]]]]]]]]", "\"中文\"", "\"\\\\\"", "123456789012345678901234567890", "-9223372036854775809",
            "\"1796170000000\"", "\"NaN\"", "\"Client\"", "\"Producer\"");

    @Test
    void random_values_in_random_fields_never_fail_a_push() {
        var random = new java.util.Random(20261202);
        List<String> failures = new ArrayList<>();
        for (int batch = 0; batch < 30; batch++) {
            List<String> records = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                Map<String, String> f = opmon("fuzz-" + batch + "-" + r);
                f.put("messageUserId", "\"u\"");
                List<String> fields = List.copyOf(f.keySet());
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    f.put(fields.get(random.nextInt(fields.size())), ANY.get(random.nextInt(ANY.size())));
                }
                records.add(object(f));
            }
            var response = Api.as(port, "admin").post().uri("/api/v1/exchange/opmon").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"records\":[" + String.join(",", records) + "]}").exchange().expectBody(Map.class).returnResult();
            if (response.getStatus().value() != 200) {
                failures.add("opmon " + response.getStatus() + " for " + records);
                continue;
            }
            for (var o : (List<Map<String, Object>>) response.getResponseBody().get("records")) {
                if ("FAULTY".equals(o.get("outcome")) && ((List<?>) o.get("reasons")).isEmpty()) {
                    failures.add("faulty without a reason: " + o);
                }
            }
            Map<String, String> stat = interval("fuzz-" + batch);
            List<String> statFields = List.copyOf(stat.keySet());
            stat.put(statFields.get(random.nextInt(statFields.size())), ANY.get(random.nextInt(ANY.size())));
            int status = Api.as(port, "admin").post().uri("/api/v1/exchange/stats").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("[" + object(stat) + "]").exchange().expectBody(Map.class).returnResult().getStatus().value();
            if (status != 200 && status != 400) {
                failures.add("stats " + status + " for " + stat);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void a_whole_exponent_form_is_a_whole_number() {
        Map<String, String> f = interval("hostile-exponent");
        f.put("calls", "1e3");
        f.put("bytes", "2.0E3");
        assertThat(push("stats", "[" + object(f) + "]", 200)).containsEntry("accepted", 1);
        assertThat(dsl.select(EXCHANGE_STAT.CALLS, EXCHANGE_STAT.BYTES).from(EXCHANGE_STAT).where(EXCHANGE_STAT.RESOURCE.eq("hostile-exponent"))
                .fetchOne()).satisfies(r -> {
            assertThat(r.value1()).isEqualTo(1000L);
            assertThat(r.value2()).isEqualTo(2000L);
        });
    }

    /** Hostile records being collected: each one record's body and the field and code its refusal must name. */
    final class Corpus {
        final List<String> bodies;
        final List<String> expected;
        int n;

        Corpus(List<String> bodies, List<String> expected, int n) {
            this.bodies = bodies;
            this.expected = expected;
            this.n = n;
        }

        /** A sound record with one field set to raw JSON text. */
        void add(String field, String raw, String code) {
            add(Map.of(field, raw), field + ":" + code);
        }

        /** A sound record with fields set to raw JSON text, and "field:code" expected. */
        void add(Map<String, String> raw, String fieldAndCode) {
            Map<String, String> f = opmon("hostile-" + n++);
            f.putAll(raw);
            bodies.add(object(f));
            expected.add(fieldAndCode);
        }
    }

    @Test
    void hostile_op_monitoring_records_become_faulty_and_nothing_is_counted() {
        int stored = dsl.fetchCount(OPMON_RECORD);
        int faulty = dsl.fetchCount(OPMON_FAULTY);
        int partitions = partitions("opmon_record");
        long calls = statCalls();
        List<String> bodies = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int n = 0;
        for (String field : List.of("requestSize", "responseSize", "requestInTs", "statusCode", "monitoringDataTs")) {
            for (var hostile : NUMBERS.entrySet()) {
                Map<String, String> f = opmon("hostile-" + n++);
                f.put(field, hostile.getKey());
                bodies.add(object(f));
                expected.add(field + ":" + hostile.getValue().iterator().next());
            }
        }
        Corpus corpus = new Corpus(bodies, expected, n);
        hostileTimes(true).forEach((time, code) -> corpus.add("monitoringDataTs", time, code));
        hostileTimes(false).forEach((time, code) -> corpus.add("requestInTs", time, code));
        // identifiers and codes are strings in X-Road's records, digits or not; succeeded is a JSON boolean
        for (String field : List.of("messageId", "clientMemberCode", "serviceCode", "securityServerType", "xRequestId", "faultString")) {
            TEXTS.forEach(hostile -> corpus.add(field, hostile, "text"));
        }
        for (String hostile : List.of("\"true\"", "1", "null", "[true]", "{\"v\":true}")) {
            corpus.add("succeeded", hostile, hostile.equals("null") ? "required" : "boolean");
        }
        // the NUL character and half a surrogate pair, which PostgreSQL's text cannot hold, in a field that is stored
        for (String field : List.of("messageId", "serviceCode", "faultString")) {
            for (String unstorable : List.of("\"a\\u0000b\"", "\"a\\ud800\"", "\"\\udc00b\"")) {
                corpus.add(field, unstorable, "invalidCharacter");
            }
        }
        // and in a field that is not read but kept with the faulty record as sent
        corpus.add(Map.of("messageUserId", "\"user\\u0000\\ud800\"", "requestSize", "-1"), "requestSize:between");
        // a field given twice: which value the sender meant is unknown (the map keeps one key: spliced in as text)
        for (String field : List.of("messageId", "requestInTs", "succeeded")) {
            String given = opmon("any").get(field);
            corpus.add(field, given + ",\"" + field + "\":" + given, "repeatedField");
        }
        n = corpus.n;
        Map<String, String> nulls = opmon("hostile-" + n++);
        nulls.put("messageId", "null");
        nulls.put("clientMemberCode", "null");
        bodies.add(object(nulls));
        expected.add("messageId:required");
        Map<String, String> slow = opmon("hostile-" + n);
        slow.put("responseOutTs", String.valueOf(t0 + 86_400_001L));
        bodies.add(object(slow));
        expected.add("responseOutTs:between");

        var result = push("opmon", "{\"records\":[" + String.join(",", bodies) + "]}", 200);

        assertThat(result).containsEntry("accepted", 0).containsEntry("faulty", bodies.size());
        var outcomes = (List<Map<String, Object>>) result.get("records");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            var o = outcomes.get(i);
            String[] want = expected.get(i).split(":");
            var reasons = (List<Map<String, Object>>) o.get("reasons");
            boolean ok = "FAULTY".equals(o.get("outcome")) && Integer.valueOf(i + 1).equals(o.get("index")) && reasons != null
                    && reasons.stream().anyMatch(r -> want[0].equals(r.get("field")) && want[1].equals(r.get("code")));
            if (!ok && !(want[1].equals("between") && reasons != null
                    && reasons.stream().anyMatch(r -> want[0].equals(r.get("field")) && Set.of("between", "laterThanAllowed", "beforeRetention").contains(r.get("code"))))) {
                failures.add(i + 1 + " " + expected.get(i) + " gave " + o);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(dsl.fetchCount(OPMON_RECORD)).isEqualTo(stored);
        assertThat(dsl.fetchCount(OPMON_FAULTY)).isEqualTo(faulty + bodies.size());
        assertThat(partitions("opmon_record")).isEqualTo(partitions);
        assertThat(statCalls()).isEqualTo(calls);
        assertThat(Instant.now()).isNotNull();
    }
}
