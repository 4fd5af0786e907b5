package cn.suqian.govshare.exchange;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.ExchangeAnomalyRecord;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static cn.suqian.govshare.db.schema.Tables.EXCHANGE_ANOMALY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each anomaly rule: it fires, it does not fire on ordinary traffic, and an open anomaly is closed as resolved
 * by late data when the data of its period changes so that the rule no longer holds. An hour is judged only
 * once complete and settled. Organisations used here carry no other test's traffic.
 */
@IntegrationTest
class AnomalyLifecycleTests {

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

    final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    final OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS);

    void push(String... lines) {
        db.inTransaction(Actor.system("test"), tx -> ingest.ingestStats(tx, "test", null,
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "application/x-ndjson"));
        rollups.refresh();
    }

    ExchangeAnomalyRecord anomaly(Anomaly.Kind kind, String provider, String resource, OffsetDateTime periodStart) {
        var a = EXCHANGE_ANOMALY;
        return dsl.selectFrom(a).where(a.KIND.eq(kind)).and(a.PROVIDER_CODE.eq(provider)).and(a.RESOURCE.eq(resource))
                .and(periodStart == null ? org.jooq.impl.DSL.noCondition() : a.PERIOD_START.eq(periodStart)).orderBy(a.ID.desc()).limit(1).fetchOne();
    }

    @Test
    void failure_ratio_fires_does_not_fire_and_is_resolved_by_late_data_even_outside_the_window() {
        OffsetDateTime h = hour.minusHours(30);
        push(StatsIngestTests.line(h, "credit", "hubin", "h9-fail", 100, 50),
                StatsIngestTests.line(h, "credit", "hubin", "h9-fine", 100, 5));
        detector.detect(now, 48);
        var fired = anomaly(Anomaly.Kind.FAILURE_RATIO, "credit", "h9-fail", h);
        assertThat(fired).isNotNull();
        assertThat(fired.getStatus()).isEqualTo(Anomaly.Status.NEW);
        assertThat(anomaly(Anomaly.Kind.FAILURE_RATIO, "credit", "h9-fine", h)).as("5% is ordinary").isNull();

        // the platform re-sends the interval corrected: 2 of 100 failed. The next hourly pass looks at the last
        // 6 hours only, yet judges that hour again because its data changed after it was judged.
        push(StatsIngestTests.line(h, "credit", "hubin", "h9-fail", 100, 2));
        detector.detect(now, 6);
        var resolved = dsl.selectFrom(EXCHANGE_ANOMALY).where(EXCHANGE_ANOMALY.ID.eq(fired.getId())).fetchSingle();
        assertThat(resolved.getStatus()).isEqualTo(Anomaly.Status.RESOLVED);
        assertThat(resolved.getResolution()).isEqualTo(Anomaly.Resolution.LATE_DATA);
        assertThat(resolved.getResolvedAt()).isNotNull();

        // worse again: it reopens rather than a second anomaly appearing
        push(StatsIngestTests.line(h, "credit", "hubin", "h9-fail", 100, 60));
        detector.detect(now, 6);
        assertThat(dsl.fetchCount(EXCHANGE_ANOMALY, EXCHANGE_ANOMALY.RESOURCE.eq("h9-fail"))).isEqualTo(1);
        assertThat(dsl.fetchValue(EXCHANGE_ANOMALY.STATUS, EXCHANGE_ANOMALY.ID.eq(fired.getId()))).isEqualTo(Anomaly.Status.NEW);
    }

    @Test
    void an_hour_is_judged_only_once_complete_and_settled() {
        OffsetDateTime h = hour.minusHours(5);
        push(StatsIngestTests.line(h, "credit", "yanghe", "h9-settle", 100, 80));
        // five minutes after the hour ended: not settled (settle_minutes is 15)
        detector.detect(h.plusHours(1).plusMinutes(5), 3);
        assertThat(anomaly(Anomaly.Kind.FAILURE_RATIO, "credit", "h9-settle", h)).isNull();
        // twenty minutes after: judged
        detector.detect(h.plusHours(1).plusMinutes(20), 3);
        assertThat(anomaly(Anomaly.Kind.FAILURE_RATIO, "credit", "h9-settle", h)).isNotNull();
    }

    @Test
    void unusual_traffic_fires_does_not_fire_and_is_resolved_when_the_missing_intervals_arrive() {
        OffsetDateTime probe = hour.minusHours(4);
        for (int w = 1; w <= 4; w++) {
            push(StatsIngestTests.line(probe.minusDays(7L * w), "yanghe", "sz-sq-park", "h9-usual", 400, 0),
                    StatsIngestTests.line(probe.minusDays(7L * w), "sz-sq-park", "yanghe", "h9-usual", 400, 0));
        }
        // yanghe's hour arrived only partly (its first 5 minutes); sz-sq-park's as usual
        push(anInterval(probe, "yanghe", "sz-sq-park", 30),
                StatsIngestTests.line(probe, "sz-sq-park", "yanghe", "h9-usual", 380, 0));
        detector.detect(now, 12);
        var low = anomaly(Anomaly.Kind.UNUSUAL_TRAFFIC, "yanghe", "", probe);
        assertThat(low).isNotNull();
        assertThat(low.getDetail().data()).contains("\"calls\": 30");
        assertThat(anomaly(Anomaly.Kind.UNUSUAL_TRAFFIC, "sz-sq-park", "", probe)).as("380 against a usual 400").isNull();

        // the other eleven 5-minute intervals arrive late: the hour is ordinary after all
        String[] rest = new String[11];
        for (int i = 1; i <= 11; i++) {
            rest[i - 1] = anInterval(probe.plusMinutes(5L * i), "yanghe", "sz-sq-park", 33);
        }
        push(rest);
        var call = Api.as(port, "admin").post().uri(b -> b.path("/api/v1/exchange/anomalies/detect")
                        .queryParam("from", probe.minusHours(1).toString()).queryParam("to", now.toString()).build())
                .exchange().expectStatus().isOk().expectBody();
        call.jsonPath("$.resolved").value(n -> assertThat(((Number) n).intValue()).isPositive());
        var resolved = dsl.selectFrom(EXCHANGE_ANOMALY).where(EXCHANGE_ANOMALY.ID.eq(low.getId())).fetchSingle();
        assertThat(resolved.getStatus()).isEqualTo(Anomaly.Status.RESOLVED);
        assertThat(resolved.getResolution()).isEqualTo(Anomaly.Resolution.LATE_DATA);
    }

    static String anInterval(OffsetDateTime start, String provider, String consumer, long calls) {
        return cn.suqian.govshare.support.IntervalStats.anInterval().start(start).seconds(300).provider(provider).consumer(consumer)
                .resource("h9-usual").calls(calls, 0).json();
    }

    @Test
    void silent_provider_fires_does_not_fire_and_is_resolved_by_late_traffic() {
        push(StatsIngestTests.line(hour.minusHours(30), "pboc", "inspection", "h9-silent", 50, 0),
                StatsIngestTests.line(hour.minusHours(30), "inspection", "pboc", "h9-silent", 50, 0),
                StatsIngestTests.line(hour.minusHours(3), "inspection", "pboc", "h9-silent", 50, 0));
        detector.detect(now, 48);
        var silent = anomaly(Anomaly.Kind.SILENT_PROVIDER, "pboc", "", null);
        assertThat(silent).isNotNull();
        assertThat(silent.getPeriodStart()).isEqualTo(hour.minusHours(29));
        assertThat(anomaly(Anomaly.Kind.SILENT_PROVIDER, "inspection", "", null)).as("inspection provided 3 hours ago").isNull();

        // pboc's traffic of 20 hours ago arrives late: it was not silent over that span
        push(StatsIngestTests.line(hour.minusHours(20), "pboc", "inspection", "h9-silent", 50, 0));
        detector.detect(now, 48);
        var resolved = dsl.selectFrom(EXCHANGE_ANOMALY).where(EXCHANGE_ANOMALY.ID.eq(silent.getId())).fetchSingle();
        assertThat(resolved.getStatus()).isEqualTo(Anomaly.Status.RESOLVED);
        assertThat(resolved.getResolution()).isEqualTo(Anomaly.Resolution.LATE_DATA);
    }

    @Test
    void clock_skew_and_duplicate_ids_fire_do_not_fire_and_stay_open_when_judged_again() {
        // op-monitoring calls are never replaced by later records (the protocol's records are immutable), so late
        // data cannot undo these two: judging their hour again must keep them open, not close them by mistake.
        OffsetDateTime t = hour.minusHours(6);
        dsl.execute("""
                INSERT INTO opmon_call (message_id, started_at, paired, client_org, provider_org, resource, metaservice, succeeded,
                                        request_network_ms, response_network_ms)
                VALUES ('h9-skew', ?::timestamptz, true, 'statistics', 'disabled', 'h9-skewed', false, true, -35, 12),
                       ('h9-ok', ?::timestamptz, true, 'statistics', 'disabled', 'h9-in-sync', false, true, 3, 4),
                       ('h9-dup', ?::timestamptz, false, 'statistics', 'disabled', 'h9-dup', false, true, null, null),
                       ('h9-dup', ?::timestamptz, false, 'statistics', 'disabled', 'h9-dup', false, true, null, null),
                       ('h9-single', ?::timestamptz, false, 'statistics', 'disabled', 'h9-dup', false, true, null, null)""",
                t, t.plusMinutes(1), t.plusMinutes(2), t.plusMinutes(3), t.plusMinutes(4));
        detector.detect(now, 12);
        var skew = anomaly(Anomaly.Kind.CLOCK_SKEW, "disabled", "h9-skewed", t);
        var dup = anomaly(Anomaly.Kind.DUPLICATE_MESSAGE_ID, "disabled", "h9-dup", t);
        assertThat(skew).isNotNull();
        assertThat(dup).isNotNull();
        assertThat(anomaly(Anomaly.Kind.CLOCK_SKEW, "disabled", "h9-in-sync", t)).isNull();
        assertThat(anomaly(Anomaly.Kind.DUPLICATE_MESSAGE_ID, "disabled", "h9-single", t)).isNull();

        detector.detect(now, 12);
        assertThat(dsl.fetchValue(EXCHANGE_ANOMALY.STATUS, EXCHANGE_ANOMALY.ID.eq(skew.getId()))).isEqualTo(Anomaly.Status.NEW);
        assertThat(dsl.fetchValue(EXCHANGE_ANOMALY.STATUS, EXCHANGE_ANOMALY.ID.eq(dup.getId()))).isEqualTo(Anomaly.Status.NEW);
    }

    @Test
    void detection_on_demand_is_for_the_office_and_checks_its_period() {
        Api.as(port, "leader").post().uri("/api/v1/exchange/anomalies/detect").exchange().expectStatus().isForbidden();
        Api.anonymous(port).post().uri("/api/v1/exchange/anomalies/detect").exchange().expectStatus().isUnauthorized();
        Api.as(port, "admin").post().uri("/api/v1/exchange/anomalies/detect?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .exchange().expectStatus().isBadRequest();
        Api.as(port, "admin").post().uri("/api/v1/exchange/anomalies/detect").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.judgedUntil").exists().jsonPath("$.anomalies").isArray();
    }
}
