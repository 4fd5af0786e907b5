package cn.suqian.govshare.db;

import cn.suqian.govshare.support.IntegrationTest;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows written in binary COPY format read back from the database exactly as the values given, nulls included. */
@IntegrationTest
class BinaryRowsTests {

    @Autowired
    Db db;

    static final Table<Record> TABLE = DSL.table(DSL.name("binary_rows_test"));
    static final Field<Long> INT8 = DSL.field(DSL.name("int8"), SQLDataType.BIGINT);
    static final Field<Integer> INT4 = DSL.field(DSL.name("int4"), SQLDataType.INTEGER);
    static final Field<Boolean> BOOL = DSL.field(DSL.name("bool"), SQLDataType.BOOLEAN);
    static final Field<OffsetDateTime> TS = DSL.field(DSL.name("ts"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
    static final Field<UUID> ID = DSL.field(DSL.name("id"), SQLDataType.UUID);
    static final Field<String> TEXT = DSL.field(DSL.name("text"), SQLDataType.CLOB);
    static final List<Field<?>> COLUMNS = List.of(INT8, INT4, BOOL, TS, ID, TEXT);

    record Row(Long int8, Integer int4, Boolean bool, OffsetDateTime ts, UUID id, String text) {
    }

    @Test
    void every_kind_reads_back_as_written() {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(null, null, null, null, null, null));
        rows.add(new Row(Long.MIN_VALUE, Integer.MIN_VALUE, false, OffsetDateTime.parse("1999-12-31T23:59:59.999999Z"), new UUID(0, 0), ""));
        rows.add(new Row(Long.MAX_VALUE, Integer.MAX_VALUE, true, OffsetDateTime.parse("2026-11-30T08:00:00.123+08:00"),
                new UUID(-1, -1), "宿迁市政务数据 é 😀 tab\there, \"quoted\"\nnew line \\ back"));
        rows.add(new Row(1L, 1, true, null, null, "政".repeat(BinaryRows.CHUNK))); // one value larger than a chunk
        for (int i = 0; i < 4_000; i++) { // megabytes: written across several chunks
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(0, 40); n > 0; n--) {
                text.append(switch (random.nextInt(4)) {
                    case 0 -> "政务";
                    case 1 -> "\u00e9";
                    case 2 -> new String(Character.toChars(0x1F600));
                    default -> "abc,\t\n";
                });
            }
            long micros = random.nextLong(-2_000_000_000_000_000L, 8_000_000_000_000_000L); // 1906 to 2223
            rows.add(new Row(random.nextLong(), random.nextInt(), random.nextBoolean(),
                    OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L),
                            ZoneOffset.UTC),
                    UUID.randomUUID(), text.toString()));
        }
        BinaryRows.Kind[] kinds = BinaryRows.Kind.of(COLUMNS);
        BinaryRows binary = new BinaryRows(16);
        for (Row r : rows) {
            binary.row(COLUMNS.size()).value(kinds[0], r.int8()).value(kinds[1], r.int4()).value(kinds[2], r.bool())
                    .value(kinds[3], r.ts()).value(kinds[4], r.id()).value(kinds[5], r.text());
        }
        List<Row> read = db.tx(dsl -> {
            dsl.execute("CREATE TEMPORARY TABLE binary_rows_test (n bigserial, int8 bigint, int4 integer, bool boolean, ts timestamptz, id uuid, text text) ON COMMIT DROP");
            assertThat(Copy.binaryInto(dsl, TABLE, COLUMNS, binary)).isEqualTo(rows.size());
            // the same rows copied a second time read the same (the rows are not used up by a copy)
            assertThat(Copy.binaryInto(dsl, TABLE, COLUMNS, binary)).isEqualTo(rows.size());
            return dsl.select(COLUMNS).from(TABLE).orderBy(DSL.field(DSL.name("n"))).fetch(r -> new Row(r.get(INT8), r.get(INT4), r.get(BOOL),
                    r.get(TS), r.get(ID), r.get(TEXT)));
        }).block();
        assertThat(read).hasSize(rows.size() * 2);
        for (int i = 0; i < read.size(); i++) {
            Row expected = rows.get(i % rows.size());
            Row got = read.get(i);
            assertThat(got.int8()).isEqualTo(expected.int8());
            assertThat(got.int4()).isEqualTo(expected.int4());
            assertThat(got.bool()).isEqualTo(expected.bool());
            assertThat(got.ts() == null ? null : got.ts().toInstant()).as("row %d", i).isEqualTo(expected.ts() == null ? null : expected.ts().toInstant());
            assertThat(got.id()).isEqualTo(expected.id());
            assertThat(got.text()).isEqualTo(expected.text());
        }
    }

    @Test
    void times_below_a_microsecond_are_rounded_as_the_server_rounds_them_as_text() {
        List<OffsetDateTime> times = new ArrayList<>();
        for (int nanos : new int[]{0, 1, 499, 500, 501, 999, 1_499, 1_500, 1_501, 2_500, 999_999_499, 999_999_500, 999_999_999}) {
            times.add(OffsetDateTime.of(2026, 11, 30, 23, 59, 59, nanos, ZoneOffset.UTC));
            times.add(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, nanos, ZoneOffset.UTC).minusSeconds(1));
        }
        BinaryRows binary = new BinaryRows(16);
        times.forEach(t -> binary.row(1).timestamptz(t));
        var ts = DSL.field(DSL.name("ts"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));
        List<Boolean> same = db.tx(dsl -> {
            dsl.execute("CREATE TEMPORARY TABLE binary_times_test (n bigserial, ts timestamptz, text text) ON COMMIT DROP");
            Copy.binaryInto(dsl, DSL.table(DSL.name("binary_times_test")), List.of(ts), binary);
            for (int i = 0; i < times.size(); i++) {
                dsl.execute("UPDATE binary_times_test SET text = ? WHERE n = ?", times.get(i).toString(), i + 1);
            }
            return dsl.fetch("SELECT ts = text::timestamptz FROM binary_times_test ORDER BY n").getValues(0, Boolean.class);
        }).block();
        assertThat(same).hasSize(times.size()).containsOnly(true);
    }

    @Test
    void a_column_of_a_type_it_does_not_write_is_refused_before_any_row() {
        assertThatThrownBy(() -> BinaryRows.Kind.of(DSL.field(DSL.name("record"), SQLDataType.JSONB)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record");
    }
}
