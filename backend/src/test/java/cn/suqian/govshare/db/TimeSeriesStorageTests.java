package cn.suqian.govshare.db;

import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mode that is active, asserted as such: TimescaleDB hypertables when the extension is there, native
 * partitioning otherwise; and in plain mode partitions made ahead, late data accepted once its partition
 * exists, retention. Run against a TimescaleDB server through SPRING_DATASOURCE_URL, the plain-mode
 * tests are skipped and the hypertable assertions run instead.
 */
@IntegrationTest
class TimeSeriesStorageTests {

    @Autowired
    TimeSeriesStorage storage;

    @Autowired
    DSLContext dsl;

    @Autowired
    Db db;

    List<String> partitions() {
        return dsl.fetch("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'scheduler_heartbeat'::regclass ORDER BY 1""").getValues(0, String.class);
    }

    boolean timescaledb() {
        return dsl.fetchExists(DSL.selectOne().from("pg_extension").where("extname = 'timescaledb'"));
    }

    @Test
    void the_mode_follows_the_database() {
        if (timescaledb()) {
            assertThat(storage.mode()).isEqualTo(TimeSeriesStorage.Mode.TIMESCALEDB);
            assertThat(dsl.fetchValue("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'scheduler_heartbeat'"))
                    .isEqualTo(1L);
        } else {
            assertThat(storage.mode()).isEqualTo(TimeSeriesStorage.Mode.PARTITIONED);
            assertThat(dsl.fetchValue("SELECT relkind::text FROM pg_class WHERE relname = 'scheduler_heartbeat'")).isEqualTo("p");
        }
    }

    @Test
    void partitions_exist_ahead_of_time_and_creation_is_idempotent() {
        assumeTrue(!timescaledb(), "plain-PostgreSQL partition upkeep");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        storage.maintain(now);
        String today = "scheduler_heartbeat_p" + now.toLocalDate().toString().replace("-", "") + "00";
        String inThreeDays = "scheduler_heartbeat_p" + now.plusDays(3).toLocalDate().toString().replace("-", "") + "00";
        assertThat(partitions()).contains(today, inThreeDays);
        int before = partitions().size();
        int created = db.inTransaction(Actor.system("test"), tx -> storage.ensurePartitions(tx, "scheduler_heartbeat", now, now.plusDays(2)));
        assertThat(created).isZero();
        assertThat(partitions()).hasSize(before);
    }

    @Test
    void late_rows_need_their_partition_which_ensure_creates() {
        assumeTrue(!timescaledb(), "plain-PostgreSQL partition upkeep");
        OffsetDateTime late = OffsetDateTime.of(2025, 3, 14, 10, 0, 0, 0, ZoneOffset.UTC);
        assertThatThrownBy(() -> dsl.execute("INSERT INTO scheduler_heartbeat VALUES (?::timestamptz, 'late', 'test')", late))
                .hasMessageContaining("no partition");
        db.inTransaction(Actor.system("test"), tx -> storage.ensurePartitions(tx, "scheduler_heartbeat", late, late.plusSeconds(1)));
        assertThat(dsl.execute("INSERT INTO scheduler_heartbeat VALUES (?::timestamptz, 'late', 'test')", late)).isEqualTo(1);
        assertThat(partitions()).contains("scheduler_heartbeat_p2025031400");
    }

    @Test
    void retention_drops_whole_partitions_older_than_the_window_and_nothing_newer() {
        assumeTrue(!timescaledb(), "plain-PostgreSQL partition upkeep");
        OffsetDateTime old = OffsetDateTime.of(2024, 1, 2, 12, 0, 0, 0, ZoneOffset.UTC);
        db.inTransaction(Actor.system("test"), tx -> storage.ensurePartitions(tx, "scheduler_heartbeat", old, old.plusSeconds(1)));
        dsl.execute("INSERT INTO scheduler_heartbeat VALUES (?::timestamptz, 'old', 'test')", old);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.execute("INSERT INTO scheduler_heartbeat VALUES (?::timestamptz, 'fresh', 'test')", now);

        List<String> dropped = storage.maintain(now);

        assertThat(dropped).contains("scheduler_heartbeat_p2024010200");
        assertThat(partitions()).doesNotContain("scheduler_heartbeat_p2024010200");
        assertThat(dsl.fetchCount(dsl.selectFrom("scheduler_heartbeat").where("job = 'old'"))).isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("scheduler_heartbeat").where("job = 'fresh'"))).isEqualTo(1);
    }
}
