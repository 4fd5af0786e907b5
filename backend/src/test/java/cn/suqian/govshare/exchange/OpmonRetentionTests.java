package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import cn.suqian.govshare.support.OpmonRecords;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_STAT;
import static cn.suqian.govshare.db.schema.Tables.OPMON_CALL;
import static cn.suqian.govshare.db.schema.Tables.OPMON_FAULTY;
import static cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;
import static cn.suqian.govshare.support.OpmonRecords.aClientRecord;
import static cn.suqian.govshare.support.OpmonRecords.aProducerRecord;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Op-monitoring keeps one retention for raw records, calls and faulty records, and a batch re-sent after its raw
 * rows expired gets a clear answer (each record faulty, older than the retention), not a 500. Members are
 * named by organisation code (water calls public-security), which the directory resolves without registration.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class OpmonRetentionTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    OpmonRetention retention;

    final long t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS).toEpochMilli();

    OpmonRecords.Builder side(OpmonRecords.Builder b, String messageId) {
        return b.at(t0).messageId(messageId).clientMember("water").set("clientSubsystemCode", null)
                .set("serviceMemberCode", "public-security").set("serviceSubsystemCode", null).service("retentionCheck");
    }

    Map<String, Object> push(String body) {
        return (Map<String, Object>) Api.as(port, "admin").post().uri("/api/v1/exchange/opmon").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    long countedCalls() {
        return dsl.select(org.jooq.impl.DSL.sum(EXCHANGE_STAT.CALLS)).from(EXCHANGE_STAT)
                .where(EXCHANGE_STAT.RESOURCE.eq("retentionCheck.v1")).fetchOne(0, Long.class);
    }

    @Autowired
    OpmonIngest opmon;

    @Autowired
    OpmonPendingCounts pending;

    @Test
    void a_batch_resent_after_its_raw_rows_expired_is_answered_as_faulty_before_the_retention_and_nothing_moves() {
        String batch = "{\"records\":[" + side(aClientRecord(), "ret-1").timestamps(0, 5, 95, 100).json() + ","
                + side(aProducerRecord(), "ret-1").timestamps(10, 12, 80, 85).json() + "]}";
        assertThat(push(batch)).containsEntry("accepted", 2);
        assertThat(countedCalls()).isEqualTo(1);

        // 91 days later the raw records have expired — retention drops only whole partitions older than its 90 days, so
        // a record is gone only once it is older than that — and the same batch comes again
        Instant later = Instant.now().plus(91, ChronoUnit.DAYS);
        ExchangeIngest.BatchResult again = dsl.transactionResult(c -> {
            var result = opmon.stored(c.dsl(), "admin", null, opmon.parse(BatchBytes.of(batch.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    MediaType.APPLICATION_JSON_VALUE, later));
            pending.count(c.dsl(), result.batchId());
            return result;
        });

        assertThat(again.accepted()).isZero();
        assertThat(again.faulty()).isEqualTo(2);
        assertThat(dsl.fetch("SELECT reasons::text FROM opmon_faulty WHERE batch_id = ?", again.batchId()).getValues(0, String.class))
                .hasSize(2).allSatisfy(reasons -> assertThat(reasons).contains("beforeRetention").contains("monitoringDataTs"));
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.MESSAGE_ID.eq("ret-1"))).isEqualTo(1);
        assertThat(dsl.fetchCount(OPMON_RECORD, OPMON_RECORD.MESSAGE_ID.eq("ret-1"))).isEqualTo(2);
        assertThat(countedCalls()).isEqualTo(1);
    }

    @Test
    void calls_and_faulty_records_expire_with_the_raw_records() {
        String batch = "{\"records\":[" + side(aClientRecord(), "ret-old").timestamps(0, 5, 95, 100).json() + ","
                + side(aClientRecord(), "ret-new").timestamps(0, 5, 95, 100).json() + ","
                + "{\"monitoringDataTs\":" + (t0 / 1000) + ",\"securityServerType\":\"Producer\",\"faultString\":\"ret-faulty-old\"},"
                + "{\"monitoringDataTs\":" + (t0 / 1000) + ",\"securityServerType\":\"Producer\",\"faultString\":\"ret-faulty-new\"}]}";
        assertThat(push(batch)).containsEntry("accepted", 2).containsEntry("faulty", 2);
        // age one call and one faulty record beyond the retention (90 days, plus a day for a call)
        OffsetDateTime now = OffsetDateTime.now();
        dsl.update(OPMON_CALL).set(OPMON_CALL.STARTED_AT, now.minusDays(91).minusHours(1)).where(OPMON_CALL.MESSAGE_ID.eq("ret-old")).execute();
        dsl.update(OPMON_FAULTY).set(OPMON_FAULTY.RECEIVED_AT, now.minusDays(90).minusHours(1))
                .where(org.jooq.impl.DSL.field("record->>'faultString'", String.class).eq("ret-faulty-old")).execute();

        OpmonRetention.Deleted deleted = retention.apply(now);

        assertThat(deleted.calls()).isGreaterThanOrEqualTo(1);
        assertThat(deleted.faulty()).isGreaterThanOrEqualTo(1);
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.MESSAGE_ID.eq("ret-old"))).isZero();
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.MESSAGE_ID.eq("ret-new"))).isEqualTo(1);
        assertThat(dsl.fetchCount(OPMON_FAULTY, org.jooq.impl.DSL.field("record->>'faultString'", String.class).eq("ret-faulty-old"))).isZero();
        assertThat(dsl.fetchCount(OPMON_FAULTY, org.jooq.impl.DSL.field("record->>'faultString'", String.class).eq("ret-faulty-new"))).isEqualTo(1);
    }
}
