package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ANOMALY;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AnomalyAndZombieTests {

    @LocalServerPort
    int port;

    @Autowired
    Db db;

    @Autowired
    DSLContext dsl;

    @Autowired
    ExchangeIngest ingest;

    @Autowired
    ExchangeRollups rollups;

    @Autowired
    AnomalyDetector detector;

    void push(String ndjson) {
        db.inTransaction(Actor.system("test"), tx -> ingest.ingestStats(tx, "test", null, ndjson.getBytes(StandardCharsets.UTF_8), "application/x-ndjson"));
        rollups.refresh();
    }

    @Test
    void failure_ratio_unusual_traffic_and_a_silent_provider_are_found_once_and_triaged() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        StringBuilder b = new StringBuilder();
        // 'sihong' provides steadily for four weeks at the same hour, then collapses in the last day
        OffsetDateTime probe = now.minusHours(3);
        for (int w = 1; w <= 4; w++) {
            b.append(StatsIngestTests.line(probe.minusDays(7L * w), "sihong", "suyu", "anom-traffic", 400, 0)).append('\n');
        }
        b.append(StatsIngestTests.line(probe, "sihong", "suyu", "anom-traffic", 12, 0)).append('\n');
        // 'siyang' fails 45% of 200 calls in one hour
        b.append(StatsIngestTests.line(now.minusHours(2), "siyang", "suyu", "anom-fail", 200, 90)).append('\n');
        // 'sq-hitech' had traffic two days ago and nothing since
        b.append(StatsIngestTests.line(now.minusDays(2), "sq-hitech", "suyu", "anom-silent", 50, 0)).append('\n');
        push(b.toString());

        int found = detector.detect(now);
        assertThat(found).isGreaterThanOrEqualTo(3);
        assertThat(detector.detect(now)).as("re-running finds nothing new").isZero();
        var failure = dsl.selectFrom(EXCHANGE_ANOMALY).where(EXCHANGE_ANOMALY.KIND.eq(Anomaly.Kind.FAILURE_RATIO))
                .and(EXCHANGE_ANOMALY.RESOURCE.eq("anom-fail")).fetchSingle();
        assertThat(failure.getDetail().data()).contains("\"ratio\": 0.45");
        assertThat(dsl.fetchExists(EXCHANGE_ANOMALY, EXCHANGE_ANOMALY.KIND.eq(Anomaly.Kind.UNUSUAL_TRAFFIC)
                .and(EXCHANGE_ANOMALY.PROVIDER_CODE.eq("sihong")).and(EXCHANGE_ANOMALY.PERIOD_START.eq(probe)))).isTrue();
        assertThat(dsl.fetchExists(EXCHANGE_ANOMALY, EXCHANGE_ANOMALY.KIND.eq(Anomaly.Kind.SILENT_PROVIDER)
                .and(EXCHANGE_ANOMALY.PROVIDER_CODE.eq("sq-hitech")))).isTrue();

        // triage: the office only, recorded with who and a note; departments see their own anomalies
        Api.as(port, "dept-siyang").put().uri("/api/v1/exchange/anomalies/" + failure.getId()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "NORMAL")).exchange().expectStatus().isForbidden();
        Api.as(port, "admin").put().uri("/api/v1/exchange/anomalies/" + failure.getId()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "ACKNOWLEDGED", "note", "接口升级导致，已通知泗阳县")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACKNOWLEDGED").jsonPath("$.triagedBy").isEqualTo("admin");
        Api.as(port, "dept-siyang").get().uri("/api/v1/exchange/anomalies?size=200").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].provider").value(p -> assertThat((java.util.List<String>) p).isNotEmpty())
                .jsonPath("$.items[?(@.provider != 'siyang' && @.consumer != 'siyang')]").isEmpty();
    }

    @Test
    void clock_skew_and_duplicate_message_ids_from_opmon() {
        // the call tables are filled directly: what matters here is what detection reads
        OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(4);
        dsl.execute("""
                INSERT INTO opmon_call (message_id, started_at, paired, client_org, provider_org, resource, metaservice, succeeded,
                                        request_network_ms, response_network_ms)
                VALUES ('skew-1', ?::timestamptz, true, 'water', 'health', 'skewed', false, true, -35, 12),
                       ('dup-1', ?::timestamptz, false, 'water', 'health', 'dup', false, true, null, null),
                       ('dup-1', ?::timestamptz, false, 'water', 'health', 'dup', false, true, null, null)""",
                t, t.plusMinutes(1), t.plusMinutes(2));
        detector.detect(t.plusHours(4));
        assertThat(dsl.fetchExists(EXCHANGE_ANOMALY, EXCHANGE_ANOMALY.KIND.eq(Anomaly.Kind.CLOCK_SKEW).and(EXCHANGE_ANOMALY.RESOURCE.eq("skewed")))).isTrue();
        assertThat(dsl.fetchExists(EXCHANGE_ANOMALY, EXCHANGE_ANOMALY.KIND.eq(Anomaly.Kind.DUPLICATE_MESSAGE_ID).and(EXCHANGE_ANOMALY.RESOURCE.eq("dup-1")))).isTrue();
    }

    @Test
    void zombie_candidates_come_with_their_evidence() {
        // make every demo system old enough to be judged
        dsl.execute("UPDATE information_system SET created_at = now() - interval '400 days' WHERE organisation_code = 'hrss'");
        Api.as(port, "dept-hrss").get().uri("/api/v1/exchange/zombies?organisation=water").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.days").isEqualTo(180)
                .jsonPath("$.items[*].organisationCode").value(o -> assertThat((java.util.List<String>) o).isSubsetOf("hrss"))
                .jsonPath("$.items[*].reasonCode").value(c -> assertThat((java.util.List<String>) c)
                        .isSubsetOf("noTrafficNoConnection", "noTrafficNoTarget", "noConnectionNoAlias", "infrastructureNoConnection"))
                .jsonPath("$.items[*].confidence").value(c -> assertThat((java.util.List<String>) c).isSubsetOf("LOW", "MEDIUM", "HIGH"))
                .jsonPath("$.items[*].reason").value(r -> assertThat((java.util.List<String>) r)
                        .allSatisfy(text -> assertThat(text).containsAnyOf("no exchange traffic", "no successful probe or heartbeat")));
    }
}
