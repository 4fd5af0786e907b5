package cn.suqian.govshare.exchange;

import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
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
import static cn.suqian.govshare.db.schema.Tables.OPMON_RECORD;
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
        register("water.opmon-client", "water", "CN/GOV/SQ-WATER/opmon-client");
        register("public-security.opmon-population", "public-security", "CN/GOV/SQ-PS/population");
    }

    void register(String code, String org, String alias) {
        Api.as(port, "admin").post().uri("/api/v1/systems").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "organisationCode", org, "name", "OPMON " + code, "fundingType", "GOVERNMENT_INVESTMENT",
                        "lifecycleStatus", "IN_USE", "deployment", "GOV_CLOUD", "network", "EGOV_EXTRANET", "mustConnect", true,
                        "exchangeAliases", List.of(alias)))
                .exchange().expectStatus().isCreated();
    }

    /** A record of one side; timestamps relative to t0 in ms. */
    String record(String side, String messageId, String xRequestId, long reqIn, long reqOut, long respIn, long respOut,
                  String serviceCode, String extra) {
        return "{\"monitoringDataTs\":" + (t0 / 1000 + 1) + ",\"securityServerType\":\"" + side + "\",\"messageId\":\"" + messageId + "\""
                + (xRequestId == null ? "" : ",\"xRequestId\":\"" + xRequestId + "\"")
                + ",\"requestInTs\":" + (t0 + reqIn) + ",\"requestOutTs\":" + (t0 + reqOut) + ",\"responseInTs\":" + (t0 + respIn)
                + ",\"responseOutTs\":" + (t0 + respOut)
                + ",\"clientXRoadInstance\":\"CN\",\"clientMemberClass\":\"GOV\",\"clientMemberCode\":\"SQ-WATER\",\"clientSubsystemCode\":\"opmon-client\""
                + ",\"serviceXRoadInstance\":\"CN\",\"serviceMemberClass\":\"GOV\",\"serviceMemberCode\":\"SQ-PS\",\"serviceSubsystemCode\":\"population\""
                + ",\"serviceCode\":\"" + serviceCode + "\",\"serviceVersion\":\"v1\",\"succeeded\":true" + extra + "}";
    }

    Map<String, Object> push(String body, int status) {
        return (Map<String, Object>) Api.as(port, "admin").post().uri("/api/v1/exchange/opmon").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void client_and_producer_records_pair_and_durations_are_derived_exactly() {
        // client: in 0, out 10, response in 190, out 200; producer: in 30, out 40, response in 150, out 160
        String client = record("Client", "m-1", "x-1", 0, 10, 190, 200, "getPerson",
                ",\"requestSize\":1000,\"requestAttachmentCount\":0,\"responseSize\":5000,\"serviceType\":\"rest\"");
        String producer = record("PRODUCER", "m-1", "x-1", 30, 40, 150, 160, "getPerson", ",\"requestSize\":1000,\"responseSize\":5000");
        var result = push("{\"records\":[" + client + "," + producer + "]}", 200);
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
        push("{\"records\":[" + record("producer", "m-2", null, 1000, 1005, 1090, 1100, "getAddress",
                ",\"requestSoapSize\":300,\"responseSoapSize\":900,\"responseAttachmentCount\":2,\"responseMimeSize\":4200") + "]}", 200);
        var orphan = dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.eq("m-2")).fetchSingle();
        assertThat(orphan.getPaired()).isFalse();
        assertThat(orphan.getTotalMs()).isNull();
        assertThat(orphan.getProducerMs()).isEqualTo(100);
        assertThat(orphan.getResponseSize()).isEqualTo(4200);
        // the client's record arrives in a later batch
        push("{\"records\":[" + record("client", "m-2", null, 990, 995, 1110, 1120, "getAddress", "") + "]}", 200);
        var paired = dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.eq("m-2")).fetchSingle();
        assertThat(paired.getPaired()).isTrue();
        assertThat(paired.getTotalMs()).isEqualTo(130);         // 1120 - 990
        assertThat(paired.getRequestNetworkMs()).isEqualTo(5);  // 1000 - 995
        assertThat(paired.getResponseNetworkMs()).isEqualTo(10); // 1110 - 1100
    }

    @Test
    void a_record_sent_twice_is_dropped_and_a_partner_outside_the_window_stays_apart() {
        String r = record("Client", "m-3", "x-3", 0, 1, 8, 9, "getPerson", "");
        push("{\"records\":[" + r + "," + r + "]}", 200);
        var again = push("{\"records\":[" + r + "]}", 200);
        assertThat(again).containsEntry("accepted", 0).containsEntry("duplicates", 1);
        assertThat(dsl.fetchCount(OPMON_RECORD, OPMON_RECORD.MESSAGE_ID.eq("m-3"))).isEqualTo(1);
        // a producer record with the same message id but 20 minutes later is another call (outside the 10-minute window)
        push("{\"records\":[" + record("Producer", "m-3", "x-3", 1_200_000, 1_200_001, 1_200_005, 1_200_006, "getPerson", "") + "]}", 200);
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.MESSAGE_ID.eq("m-3"))).isEqualTo(2);
        assertThat(dsl.fetchCount(OPMON_CALL, OPMON_CALL.MESSAGE_ID.eq("m-3").and(OPMON_CALL.PAIRED.isTrue()))).isZero();
    }

    @Test
    void metaservices_are_kept_apart_from_business_traffic() {
        push("{\"records\":[" + record("Client", "m-4", null, 0, 1, 2, 3, "getSecurityServerHealthData", "") + ","
                + record("Client", "m-4b", null, 0, 1, 2, 3, "getPerson", "") + "]}", 200);
        var call = dsl.selectFrom(OPMON_CALL).where(OPMON_CALL.MESSAGE_ID.eq("m-4")).fetchSingle();
        assertThat(call.getMetaservice()).isTrue();
        assertThat(dsl.fetchCount(EXCHANGE_STAT, EXCHANGE_STAT.RESOURCE.startsWith("getSecurityServerHealthData"))).isZero();
        assertThat(dsl.fetchCount(EXCHANGE_STAT, EXCHANGE_STAT.SOURCE.eq(StatSource.OPMON).and(EXCHANGE_STAT.RESOURCE.eq("getPerson.v1")))).isPositive();
    }

    @Test
    void unknown_members_are_quarantined_and_invalid_records_refused() {
        String stranger = record("Client", "m-5", null, 0, 1, 2, 3, "getPerson", "").replace("SQ-WATER", "SQ-STRANGER");
        var result = push("{\"records\":[" + stranger + "]}", 200);
        assertThat(result).containsEntry("quarantined", 1).containsEntry("accepted", 0);
        var problem = push("{\"records\":[{\"securityServerType\":\"Middleman\",\"succeeded\":\"maybe\"}]}", 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("field"))
                .contains("monitoringDataTs", "securityServerType", "messageId", "serviceCode", "succeeded");
    }
}
