package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import cn.suqian.govshare.support.OpmonRecords;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static cn.suqian.govshare.db.schema.Tables.OPMON_CALL;
import static cn.suqian.govshare.db.schema.Tables.OPMON_FAULTY;
import static cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;
import static cn.suqian.govshare.db.schema.Tables.OPMON_STAT_PENDING;
import static cn.suqian.govshare.support.OpmonRecords.aClientRecord;
import static cn.suqian.govshare.support.OpmonRecords.aProducerRecord;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * X-Road op-monitoring records against hand-computed expectations. Members: the water bureau's system
 * alias CN/GOV/SQ-WATER/opmon-client (client) and the public-security bureau's CN/GOV/SQ-PS/population
 * (producer), registered by the test.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class OpmonIngestTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    final long t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS).toEpochMilli();

    @BeforeAll
    void registerMembers() {
        OpmonRecords.registerMembers(port);
    }

    /** The client's record of a call, timestamps in ms after t0. */
    OpmonRecords.Builder client(String messageId, long reqIn, long reqOut, long respIn, long respOut) {
        return aClientRecord().at(t0).messageId(messageId).timestamps(reqIn, reqOut, respIn, respOut);
    }

    /** The producer's record of a call, timestamps in ms after t0. */
    OpmonRecords.Builder producer(String messageId, long reqIn, long reqOut, long respIn, long respOut) {
        return aProducerRecord().at(t0).messageId(messageId).timestamps(reqIn, reqOut, respIn, respOut);
    }

    static String records(OpmonRecords.Builder... records) {
        return "{\"records\":[" + String.join(",", java.util.Arrays.stream(records).map(OpmonRecords.Builder::json).toList()) + "]}";
    }

    Map<String, Object> push(String body, int status) {
        return (Map<String, Object>) Api.as(port, "admin").post().uri("/api/v1/exchange/opmon").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void client_and_producer_records_pair_and_durations_are_derived_exactly() {
        // client: in 0, out 10, response in 190, out 200; producer: in 30, out 40, response in 150, out 160
        var clientRecord = client("m-1", 0, 10, 190, 200).xRequestId("x-1")
                .set("requestSize", 1000).set("requestAttachmentCount", 0).set("responseSize", 5000).set("serviceType", "rest");
        var producerRecord = producer("m-1", 30, 40, 150, 160).xRequestId("x-1").set("securityServerType", "PRODUCER")
                .set("requestSize", 1000).set("responseSize", 5000);
        var result = push(records(clientRecord, producerRecord), 200);
        assertThat(result).containsEntry("accepted", 2).containsEntry("duplicates", 0);
        var call = dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.eq("m-1")).fetchSingle();
        assertThat(call.getPaired()).isTrue();
        assertThat(call.getTotalMs()).isEqualTo(200);          // 200 - 0
        assertThat(call.getProducerMs()).isEqualTo(130);       // 160 - 30
        assertThat(call.getProviderIsMs()).isEqualTo(110);     // 150 - 40
        assertThat(call.getRequestNetworkMs()).isEqualTo(20);  // 30 - 10
        assertThat(call.getResponseNetworkMs()).isEqualTo(30); // 190 - 160
        assertThat(call.getRequestSize()).isEqualTo(1000);
        assertThat(call.getResponseSize()).isEqualTo(5000);
        assertThat(call.getClientOrg()).isEqualTo("water");
        assertThat(call.getProviderOrg()).isEqualTo("public-security");
        assertThat(call.getResource()).isEqualTo("getPerson.v1");
    }

    @Test
    void an_orphan_waits_for_its_partner_and_old_field_names_work() {
        // producer first, with the older *SoapSize names and an attachment (MIME size counts)
        push(records(producer("m-2", 1000, 1005, 1090, 1100).set("securityServerType", "producer").service("getAddress")
                .set("requestSoapSize", 300).set("responseSoapSize", 900).set("responseAttachmentCount", 2).set("responseMimeSize", 4200)), 200);
        var orphan = dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.eq("m-2")).fetchSingle();
        assertThat(orphan.getPaired()).isFalse();
        assertThat(orphan.getTotalMs()).isNull();
        assertThat(orphan.getProducerMs()).isEqualTo(100);
        assertThat(orphan.getResponseSize()).isEqualTo(4200);
        // the client's record arrives in a later batch
        push(records(client("m-2", 990, 995, 1110, 1120).set("securityServerType", "client").service("getAddress")), 200);
        var paired = dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.eq("m-2")).fetchSingle();
        assertThat(paired.getPaired()).isTrue();
        assertThat(paired.getTotalMs()).isEqualTo(130);         // 1120 - 990
        assertThat(paired.getRequestNetworkMs()).isEqualTo(5);  // 1000 - 995
        assertThat(paired.getResponseNetworkMs()).isEqualTo(10); // 1110 - 1100
    }

    @Test
    void a_record_sent_twice_is_dropped_and_a_partner_outside_the_window_stays_apart() {
        var r = client("m-3", 0, 1, 8, 9).xRequestId("x-3");
        push(records(r, r), 200);
        var again = push(records(r), 200);
        assertThat(again).containsEntry("accepted", 0).containsEntry("duplicates", 1);
        assertThat(dsl.fetchCount(OPMON_RECORD, OPMON_RECORD.MESSAGE_ID.eq("m-3"))).isEqualTo(1);
        // a producer record with the same message id but 20 minutes later is another call (outside the 10-minute window)
        push(records(producer("m-3", 1_200_000, 1_200_001, 1_200_005, 1_200_006).xRequestId("x-3")), 200);
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.MESSAGE_ID.eq("m-3"))).isEqualTo(2);
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.MESSAGE_ID.eq("m-3").and(OPMON_CALL.PAIRED.isTrue()))).isZero();
    }

    @Test
    void metaservices_are_kept_apart_from_business_traffic() {
        push(records(client("m-4", 0, 1, 2, 3).service("getSecurityServerHealthData"), client("m-4b", 0, 1, 2, 3)), 200);
        var call = dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.eq("m-4")).fetchSingle();
        assertThat(call.getMetaservice()).isTrue();
        assertThat(dsl.fetchCount(EXCHANGE_STAT, EXCHANGE_STAT.RESOURCE.startsWith("getSecurityServerHealthData"))).isZero();
        assertThat(dsl.fetchCount(EXCHANGE_STAT, EXCHANGE_STAT.SOURCE.eq(StatSource.OPMON).and(EXCHANGE_STAT.RESOURCE.eq("getPerson.v1")))).isPositive();
    }

    @Test
    void unknown_members_are_quarantined_and_incomplete_records_kept_as_faulty() {
        var result = push(records(client("m-5", 0, 1, 2, 3).clientMember("SQ-STRANGER")), 200);
        assertThat(result).containsEntry("quarantined", 1).containsEntry("accepted", 0);
        var faulty = push("{\"records\":[{\"securityServerType\":\"Middleman\",\"succeeded\":\"maybe\"}]}", 200);
        assertThat(faulty).containsEntry("faulty", 1).containsEntry("accepted", 0);
        var outcome = ((List<Map<String, Object>>) faulty.get("records")).getFirst();
        assertThat(outcome).containsEntry("index", 1).containsEntry("outcome", "FAULTY");
        assertThat((List<Map<String, Object>>) outcome.get("reasons")).extracting(e -> e.get("field"))
                .contains("monitoringDataTs", "securityServerType", "messageId", "serviceCode", "succeeded");
    }

    @Test
    void a_batch_repeated_under_its_idempotency_key_is_answered_with_the_stored_outcomes_of_each_record() {
        String body = "{\"records\":[" + client("m-idem-1", 0, 1, 2, 3).json() + ",{\"securityServerType\":\"Client\"},"
                + client("m-idem-1", 0, 1, 2, 3).json() + "]}";
        java.util.function.Supplier<Map<String, Object>> send = () -> (Map<String, Object>) Api.as(port, "admin").post()
                .uri("/api/v1/exchange/opmon").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "opmon-idem-1")
                .bodyValue(body).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        var first = send.get();
        var again = send.get();
        assertThat(first).containsEntry("replayed", false).containsEntry("accepted", 1).containsEntry("faulty", 1)
                .containsEntry("duplicates", 1);
        assertThat((List<Map<String, Object>>) first.get("records")).extracting(r -> r.get("outcome"))
                .containsExactly("ACCEPTED", "FAULTY", "DUPLICATE");
        assertThat(again).containsEntry("replayed", true).containsEntry("batchId", first.get("batchId"))
                .containsEntry("records", first.get("records"));
        assertThat(dsl.fetchValue("SELECT pg_typeof(outcomes)::text FROM exchange_batch WHERE id = ?::uuid", first.get("batchId")))
                .as("stored whole as json text, not parsed into jsonb").isEqualTo("json");
        // without a key there is no repeat to answer: the batch is kept, its outcomes are answered and not stored
        var keyless = push("{\"records\":[" + client("m-idem-2", 0, 1, 2, 3).json() + "]}", 200);
        assertThat((List<Map<String, Object>>) keyless.get("records")).extracting(r -> r.get("outcome")).containsExactly("ACCEPTED");
        assertThat(dsl.fetchValue("SELECT outcomes IS NULL AND accepted = 1 FROM exchange_batch WHERE id = ?::uuid", keyless.get("batchId")))
                .isEqualTo(true);
    }

    @Test
    void a_faulty_record_is_kept_apart_and_the_rest_of_the_batch_stored_once() {
        int faultyBefore = dsl.fetchCount(OPMON_FAULTY);
        // a request that failed before it was parsed: no messageId, no client, no service
        String failed = "{\"monitoringDataTs\":" + (t0 / 1000 + 1) + ",\"securityServerType\":\"Client\",\"succeeded\":false,"
                + "\"faultCode\":\"Server.ClientProxy.InvalidMessage\",\"requestInTs\":" + t0 + "}";
        String body = "{\"records\":[" + client("m-faulty-1", 0, 1, 2, 3).json() + "," + failed + ","
                + client("m-faulty-2", 0, 1, 2, 3).set("requestSize", 1.5).json() + "]}";

        var first = push(body, 200);
        var again = push(body, 200);

        assertThat(first).containsEntry("lines", 3).containsEntry("accepted", 1).containsEntry("faulty", 2);
        assertThat((List<Map<String, Object>>) first.get("records")).extracting(r -> r.get("index"), r -> r.get("outcome"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "ACCEPTED"), org.assertj.core.groups.Tuple.tuple(2, "FAULTY"),
                        org.assertj.core.groups.Tuple.tuple(3, "FAULTY"));
        assertThat(again).containsEntry("accepted", 0).containsEntry("duplicates", 1).containsEntry("faulty", 2);
        assertThat(dsl.fetchCount(OPMON_FAULTY)).isEqualTo(faultyBefore + 2);

        var list = (Map<String, Object>) Api.as(port, "auditor").get().uri("/api/v1/exchange/opmon/faulty?size=2").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        var newest = ((List<Map<String, Object>>) list.get("items")).getFirst();
        assertThat(newest).containsEntry("recordIndex", 3);
        assertThat((Map<String, Object>) newest.get("record")).containsEntry("requestSize", 1.5);
        assertThat((List<Map<String, Object>>) newest.get("reasons")).extracting(r -> r.get("field"), r -> r.get("code"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("requestSize", "wholeNumber"));
    }

    @Test
    void only_a_body_that_is_not_json_is_refused_whole() {
        int faultyBefore = dsl.fetchCount(OPMON_FAULTY);
        var problem = push("this is not json", 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("code")).containsExactly("invalidJson");
        assertThat(dsl.fetchCount(OPMON_FAULTY)).isEqualTo(faultyBefore);
    }

    /**
     * Batches count by difference (a new call adds itself, a call whose other half arrives adds what changed); this
     * checks the stored 5-minute figures against a recount of every stored call after a few hundred calls arrive as
     * real platforms send them: halves in either order, in the same or different batches, two batches at a time,
     * batches re-sent, starts that cross a bucket boundary between the two views, clock skew (negative durations),
     * failures and one-sided calls.
     */
    @Test
    void five_minute_figures_counted_by_difference_equal_a_recount_of_the_stored_calls() throws Exception {
        java.util.Random random = new java.util.Random(20261130);
        long base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS).toEpochMilli();
        List<OpmonRecords.Builder> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String service = random.nextBoolean() ? "countA" : "countB";
            // starts near bucket boundaries, so the two views of a call may fall in different buckets
            long start = (random.nextInt(36) + 1) * 300_000L + random.nextInt(4_000) - 2_000;
            int total = 20 + random.nextInt(3_000);
            long skew = random.nextInt(10) == 0 ? -(random.nextInt(5_000)) : random.nextInt(40);
            boolean ok = random.nextInt(8) != 0;
            var client = aClientRecord().at(base).messageId("count-" + i).service(service)
                    .timestamps(start, start + 5, start + total - 5, start + total).set("succeeded", ok)
                    .set("requestSize", random.nextInt(10_000)).set("responseSize", random.nextInt(100_000));
            var producer = aProducerRecord().at(base).messageId("count-" + i).service(service)
                    .timestamps(start + skew, start + skew + 2, start + skew + total / 2, start + skew + total / 2 + 3)
                    .set("succeeded", ok || random.nextBoolean())
                    .set("requestSize", random.nextInt(10_000)).set("responseSize", random.nextInt(100_000));
            int sides = random.nextInt(20);
            if (sides != 0) {
                sent.add(client);
            }
            if (sides != 1) {
                sent.add(producer);
            }
        }
        java.util.Collections.shuffle(sent, random);
        List<String> bodies = new java.util.ArrayList<>();
        for (int from = 0; from < sent.size(); ) {
            int size = 1 + random.nextInt(60);
            bodies.add(records(sent.subList(from, Math.min(sent.size(), from + size)).toArray(OpmonRecords.Builder[]::new)));
            from += size;
        }
        bodies.add(bodies.get(3)); // re-sent batches change nothing
        bodies.add(bodies.get(7));
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            List<java.util.concurrent.Future<?>> pushed = new java.util.ArrayList<>();
            for (String body : bodies) {
                pushed.add(pool.submit(() -> push(body, 200)));
            }
            for (var f : pushed) {
                f.get();
            }
        }

        var expected = recounted("countA.v1", "countB.v1");
        var actual = counted("countA.v1", "countB.v1");
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(dsl.fetchValue("SELECT count(*) FILTER (WHERE paired) > 300 AND count(*) FILTER (WHERE NOT paired) > 10 "
                + "FROM opmon_call WHERE resource IN ('countA.v1', 'countB.v1')")).isEqualTo(true);
        assertThat(actual).containsExactlyElementsOf(expected);

        // the differences went into the hourly, daily and monthly rollups at once (before any rollup pass): each row
        // equals its 5-minute rows summed, except hours a recount queued (recomputed by the next pass), and after a
        // pass every row does
        assertThat(rollupRows("hour", "countA.v1", "countB.v1")).isGreaterThan(5);
        assertThat(rollupMismatches("hour", true, "countA.v1", "countB.v1")).isEmpty();
        assertThat(rollupMismatches("day", true, "countA.v1", "countB.v1")).isEmpty();
        assertThat(rollupMismatches("month", true, "countA.v1", "countB.v1")).isEmpty();
        rollups.refresh();
        for (String level : List.of("hour", "day", "month")) {
            assertThat(rollupMismatches(level, false, "countA.v1", "countB.v1")).as(level).isEmpty();
        }
    }

    @Autowired
    ExchangeRollups rollups;

    private static final String[][] LEVELS = {
            {"hour", "exchange_hourly", "bucket", "date_bin('1 hour', interval_start, timestamptz '2000-01-01 00:00:00+00')", ", resource"},
            {"day", "exchange_daily", "day", "(interval_start AT TIME ZONE 'Asia/Shanghai')::date", ", resource"},
            {"month", "exchange_monthly_flow", "month", "date_trunc('month', interval_start AT TIME ZONE 'Asia/Shanghai')::date", ""}};

    /** A level's row: its name, table, time column, time of a 5-minute row, and its resource column (months have none). */
    private static String[] level(String name) {
        return java.util.Arrays.stream(LEVELS).filter(x -> x[0].equals(name)).findFirst().orElseThrow();
    }

    /** The flows carrying these resources (and, where the level has a resource, only these resources): two binds or one. */
    private static String flows(String[] l) {
        return "(provider_code, consumer_code) IN (SELECT provider_code, consumer_code FROM exchange_stat WHERE resource = ANY (?))"
                + (l[4].isEmpty() ? "" : " AND resource = ANY (?)");
    }

    /** How many rows a level stores for the flows carrying these resources. */
    int rollupRows(String name, String... resources) {
        String[] l = level(name);
        Object[] binds = java.util.Collections.nCopies(l[4].isEmpty() ? 1 : 2, (Object) resources).toArray();
        return dsl.fetchOne("SELECT count(*) FROM " + l[1] + " WHERE " + flows(l), binds).get(0, Integer.class);
    }

    /**
     * Rows of a level that differ from their finer rows summed (either way), in one statement (one snapshot);
     * {@code exceptQueued}: leaving out hours in the rollup queue, and days holding one.
     */
    List<String> rollupMismatches(String level, boolean exceptQueued, String... resources) {
        String[] l = level(level);
        String flows = flows(l);
        String expected = "SELECT " + l[3] + " AS t, provider_code, consumer_code" + l[4] + ", sum(calls) AS calls, sum(failed_calls) AS failed, "
                + "sum(bytes) AS bytes, sum(latency_ms_sum) AS latency_sum, max(latency_ms_max) AS latency_max FROM exchange_stat WHERE " + flows
                + " GROUP BY 1, 2, 3" + (l[4].isEmpty() ? "" : ", 4");
        String actual = "SELECT " + l[2] + " AS t, provider_code, consumer_code" + l[4] + ", calls::numeric, failed_calls::numeric, "
                + "bytes::numeric, latency_ms_sum::numeric, latency_ms_max FROM " + l[1] + " WHERE " + flows;
        String queued = !exceptQueued ? "" : " WHERE NOT EXISTS (SELECT 1 FROM exchange_rollup_dirty q WHERE q.provider_code = d.provider_code "
                + "AND q.consumer_code = d.consumer_code AND " + switch (level) {
                    case "hour" -> "q.resource = d.resource AND q.bucket = d.t";
                    case "day" -> "q.resource = d.resource AND (q.bucket AT TIME ZONE 'Asia/Shanghai')::date = d.t";
                    default -> "date_trunc('month', q.bucket AT TIME ZONE 'Asia/Shanghai')::date = d.t";
                } + ")";
        Object[] binds = java.util.Collections.nCopies(l[4].isEmpty() ? 4 : 8, (Object) resources).toArray();
        return dsl.fetch("SELECT * FROM ((" + expected + " EXCEPT " + actual + ") UNION ALL (" + actual + " EXCEPT " + expected + ")) d"
                + queued + " ORDER BY 1, 2, 3", binds).stream().map(r -> java.util.Arrays.toString(r.intoArray())).toList();
    }

    /** The 5-minute figures of these resources recounted from the stored calls. */
    List<String> recounted(String... resources) {
        return dsl.fetch("""
                SELECT to_timestamp(floor(extract(epoch FROM started_at) / 300) * 300) AS bucket, provider_org, client_org, resource,
                       count(*) AS calls, count(*) FILTER (WHERE NOT succeeded) AS failed,
                       sum(coalesce(request_size, 0) + coalesce(response_size, 0)) AS bytes,
                       greatest(0, sum(coalesce(total_ms, producer_ms, 0))) AS latency_sum,
                       greatest(0, max(coalesce(total_ms, producer_ms, 0))) AS latency_max,
                       max(provider_system) AS provider_system, max(client_system) AS client_system
                FROM opmon_call WHERE resource = ANY (?) AND NOT metaservice
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4""", (Object) resources).stream().map(r -> java.util.Arrays.toString(r.intoArray())).toList();
    }

    /** The 5-minute figures of these resources as stored in the statistics. */
    List<String> counted(String... resources) {
        return dsl.fetch("""
                SELECT interval_start, provider_code, consumer_code, resource, calls, failed_calls, bytes, latency_ms_sum, latency_ms_max,
                       provider_system_code, consumer_system_code
                FROM exchange_stat WHERE source = 'OPMON' AND resource = ANY (?) AND calls > 0
                ORDER BY 1, 2, 3, 4""", (Object) resources).stream().map(r -> java.util.Arrays.toString(r.intoArray())).toList();
    }

    @Autowired
    OpmonIngest opmon;

    @Autowired
    OpmonPendingCounts pending;

    /** Stores and pairs a batch in its own transaction and stops there, as if the service died before counting it. */
    void storedButNotCounted(String body) {
        dsl.transaction(c -> opmon.stored(c.dsl(), "admin", null, opmon.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                MediaType.APPLICATION_JSON_VALUE)));
    }

    /**
     * A batch is paired in one transaction and counted in a second; a service that stops between the two leaves its
     * differences pending. The next batch's counting moves them, additions before changes (here: the halves that
     * arrived first were never counted, their partners' changes must still meet them), and the scheduled pass moves
     * what no batch came to move.
     */
    @Test
    void counts_left_pending_between_pairing_and_counting_are_moved_by_the_next_batch_or_the_scheduled_pass() {
        storedButNotCounted(records(client("pend-1", 0, 5, 900, 910).service("pendA"), client("pend-2", 100, 104, 350, 352).service("pendA")));
        assertThat(dsl.fetchCount(OPMON_STAT_PENDING)).isPositive();
        assertThat(counted("pendA.v1")).isEmpty();
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.RESOURCE.eq("pendA.v1"))).isEqualTo(2);

        push(records(producer("pend-1", 3, 5, 880, 884).service("pendA"), producer("pend-2", 102, 103, 340, 341).service("pendA")), 200);
        assertThat(dsl.fetchCount(OPMON_STAT_PENDING)).isZero();
        assertThat(counted("pendA.v1")).hasSize(1).containsExactlyElementsOf(recounted("pendA.v1"));
        assertThat(dsl.fetchValue("SELECT calls || '/' || latency_ms_sum FROM exchange_stat WHERE source = 'OPMON' AND resource = 'pendA.v1'"))
                .isEqualTo("2/" + (910 + 252));

        storedButNotCounted(records(client("pend-3", 1_000, 1_002, 1_500, 1_507).service("pendA")));
        assertThat(counted("pendA.v1")).isNotEqualTo(recounted("pendA.v1"));
        pending.scheduled();
        assertThat(dsl.fetchCount(OPMON_STAT_PENDING)).isZero();
        assertThat(counted("pendA.v1")).containsExactlyElementsOf(recounted("pendA.v1"));
        assertThat(dsl.fetchValue("SELECT calls FROM exchange_stat WHERE source = 'OPMON' AND resource = 'pendA.v1'")).isEqualTo(3L);
    }
}
