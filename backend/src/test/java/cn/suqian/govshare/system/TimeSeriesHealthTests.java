package cn.suqian.govshare.system;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.TimeSeriesStorage;
import cn.suqian.govshare.support.Api;
import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.OffsetDateTime;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.TS_TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The health of time-series upkeep in the mode that is active: every registered table (plain mode) or
 * policy job (TimescaleDB) is listed; an upkeep that keeps failing takes {@code /actuator/health} down,
 * with the reason visible to the office and only the status visible to anonymous callers.
 */
@IntegrationTest
class TimeSeriesHealthTests {

    static final String GHOST = "ghost_series";

    @LocalServerPort
    int port;

    @Autowired
    TimeSeriesStorage storage;

    @Autowired
    Db db;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void removeGhost() {
        dsl.deleteFrom(TS_TABLE).where(TS_TABLE.TABLE_NAME.eq(GHOST)).execute();
    }

    @Test
    void every_upkeep_job_of_the_active_mode_is_listed() {
        storage.maintain(OffsetDateTime.now());
        var jobs = db.inTransaction(Actor.system("test"), storage::jobHealth);
        if (storage.mode() == TimeSeriesStorage.Mode.PARTITIONED) {
            assertThat(jobs).extracting(TimeSeriesStorage.JobHealth::table)
                    .contains("exchange_stat", "opmon_record", "scheduler_heartbeat");
            assertThat(jobs).allSatisfy(j -> {
                assertThat(j.kind()).isEqualTo("partition_upkeep");
                assertThat(j.failing()).isFalse();
                assertThat(j.lastSuccess()).isNotNull();
            });
        } else {
            assertThat(jobs).isNotEmpty().allSatisfy(j -> assertThat(j.kind()).startsWith("policy_"));
        }
    }

    @Test
    void partition_upkeep_that_keeps_failing_takes_health_down_until_it_recovers() {
        assumeTrue(storage.mode() == TimeSeriesStorage.Mode.PARTITIONED, "plain-mode upkeep");
        // a registered table that does not exist: its upkeep fails every time, the others carry on
        dsl.insertInto(TS_TABLE).set(TS_TABLE.TABLE_NAME, GHOST).set(TS_TABLE.TIME_COLUMN, "at")
                .set(TS_TABLE.PARTITION_INTERVAL, org.jooq.types.YearToSecond.valueOf(java.time.Duration.ofDays(1))).execute();

        storage.maintain(OffsetDateTime.now());
        Api.as(port, "admin").get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.timeSeries.details.failingJobs[0]").isEqualTo("partition_upkeep:" + GHOST);

        storage.maintain(OffsetDateTime.now());
        Api.as(port, "admin").get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.timeSeries.status").isEqualTo("DOWN")
                .jsonPath("$.components.timeSeries.details.keepFailing[0]").isEqualTo("partition_upkeep:" + GHOST);
        @SuppressWarnings("unchecked") Map<String, Object> anonymous = Api.anonymous(port).get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503).expectBody(Map.class).returnResult().getResponseBody();
        assertThat(anonymous).containsEntry("status", "DOWN").doesNotContainKeys("components", "details");
        Api.as(port, "admin").get().uri("/api/v1/system/status").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.timeseriesJobs[?(@.table == '" + GHOST + "')].consecutiveFailures").isEqualTo(2);

        dsl.deleteFrom(TS_TABLE).where(TS_TABLE.TABLE_NAME.eq(GHOST)).execute();
        storage.maintain(OffsetDateTime.now());
        Api.as(port, "admin").get().uri("/actuator/health").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.components.timeSeries.status").isEqualTo("UP");
    }

    @Test
    void anonymous_callers_see_the_health_status_only_and_no_info() {
        @SuppressWarnings("unchecked") Map<String, Object> health = Api.anonymous(port).get().uri("/actuator/health").exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(health).containsKey("status").doesNotContainKeys("components", "details");
        Api.anonymous(port).get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
        Api.as(port, "admin").get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.govshare.timeseries").isEqualTo(
                        storage.mode() == TimeSeriesStorage.Mode.TIMESCALEDB ? "timescaledb" : "partitioned");
    }
}
