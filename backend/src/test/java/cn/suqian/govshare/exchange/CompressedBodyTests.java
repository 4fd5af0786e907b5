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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;
import static cn.suqian.govshare.support.OpmonRecords.aClientRecord;
import static cn.suqian.govshare.support.OpmonRecords.aProducerRecord;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches sent compressed ({@code Content-Encoding: gzip}), as bulk senders do: stored as the same batch sent plain,
 * the body limit holding for the decompressed bytes, a body that is not gzip refused naming the body, and any other
 * encoding refused before the body is read.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class CompressedBodyTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    ExchangeProperties properties;

    final OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(2);
    final long t0 = t.toInstant().toEpochMilli();

    @BeforeAll
    void registerMembers() {
        OpmonRecords.registerMembers(port);
    }

    static byte[] gzip(byte[] plain) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    WebTestClient.ResponseSpec post(String path, byte[] body, String contentType, String encoding, String key) {
        return Api.as(port, "admin").post().uri("/api/v1/exchange/" + path).header(HttpHeaders.CONTENT_TYPE, contentType)
                .headers(h -> {
                    if (encoding != null) {
                        h.set(HttpHeaders.CONTENT_ENCODING, encoding);
                    }
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .bodyValue(body).exchange();
    }

    static Map<String, Object> answer(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    String call(String messageId) {
        return aClientRecord().at(t0).messageId(messageId).timestamps(0, 10, 190, 200).json() + "\n"
                + aProducerRecord().at(t0).messageId(messageId).timestamps(20, 30, 170, 180).json() + "\n";
    }

    int records(String messageId) {
        return dsl.fetchCount(OPMON_RECORD, OPMON_RECORD.MESSAGE_ID.eq(messageId));
    }

    @Test
    void a_gzip_compressed_batch_is_stored_and_is_the_same_batch_as_sent_plain() {
        byte[] plain = call("gz-1").getBytes(StandardCharsets.UTF_8);
        byte[] compressed = gzip(plain);
        assertThat(compressed.length).isLessThan(plain.length);

        var first = answer(post("opmon", compressed, "application/x-ndjson", "gzip", "gz-batch-1"), 200);
        assertThat(first).containsEntry("accepted", 2).containsEntry("faulty", 0).containsEntry("replayed", false);
        assertThat(records("gz-1")).isEqualTo(2);

        // the same records sent plain under the same key: the same batch (its digest is of the records, not of the wire)
        var again = answer(post("opmon", plain, "application/x-ndjson", null, "gz-batch-1"), 200);
        assertThat(again).containsEntry("replayed", true).containsEntry("batchId", first.get("batchId"));
        assertThat(records("gz-1")).isEqualTo(2);
    }

    @Test
    void interval_statistics_may_be_sent_compressed_too() {
        String csv = "intervalStart,intervalSeconds,provider,consumer,resource,calls,failedCalls,records,bytes,latencyMsSum,latencyMsMax\n"
                + t + ",300,health,hrss,res-gzip,7,1,70,7000,350,90\n";
        var result = answer(post("stats", gzip(csv.getBytes(StandardCharsets.UTF_8)), "text/csv", "GZIP", null), 200);
        assertThat(result).containsEntry("accepted", 1);
        assertThat(dsl.select(EXCHANGE_STAT.CALLS).from(EXCHANGE_STAT).where(EXCHANGE_STAT.RESOURCE.eq("res-gzip")).fetchOne(0, Long.class))
                .isEqualTo(7L);
    }

    @Test
    void a_body_said_to_be_gzip_that_is_not_is_refused_naming_the_body_and_nothing_is_stored() {
        var problem = answer(post("opmon", call("gz-not").getBytes(StandardCharsets.UTF_8), "application/x-ndjson", "gzip", null), 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("field", "body").containsEntry("code", "invalidCompression");
            assertThat((Map<String, Object>) e.get("params")).containsKey("cause");
        });
        byte[] cut = gzip(call("gz-cut").getBytes(StandardCharsets.UTF_8));
        var truncated = answer(post("opmon", java.util.Arrays.copyOf(cut, cut.length - 12), "application/x-ndjson", "gzip", null), 400);
        assertThat((List<Map<String, Object>>) truncated.get("errors")).extracting(e -> e.get("code")).containsExactly("invalidCompression");
        assertThat(records("gz-not") + records("gz-cut")).isZero();
    }

    @Test
    void a_small_body_that_decompresses_past_the_limit_is_refused_as_too_large() {
        byte[] bomb = gzip(new byte[(int) properties.maxBodyBytes() + 1]); // zeros: a few tens of kilobytes compressed
        assertThat((long) bomb.length).isLessThan(properties.maxBodyBytes() / 100);
        var problem = answer(post("opmon", bomb, "application/x-ndjson", "gzip", null), 413);
        assertThat(problem).containsEntry("code", "bodyTooLarge");
    }

    @Test
    void any_other_encoding_is_refused_before_the_body_is_read() {
        var refused = post("opmon", call("gz-br").getBytes(StandardCharsets.UTF_8), "application/x-ndjson", "br", null)
                .expectStatus().isEqualTo(415).expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("Content-Encoding 'br' is not supported").contains("\"code\":\"unsupportedEncoding\"");
        assertThat(records("gz-br")).isZero();
    }
}
