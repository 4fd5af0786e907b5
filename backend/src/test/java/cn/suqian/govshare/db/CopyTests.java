package cn.suqian.govshare.db;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A CSV field written on the fast paths reads exactly as the value's text did before them. */
class CopyTests {

    static String field(Object value) {
        StringBuilder csv = new StringBuilder();
        Copy.field(csv, value, true);
        return csv.toString();
    }

    @Test
    void utc_times_are_written_exactly_as_their_iso_text() {
        Random random = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_000_000_000L, 253_402_300_799L); // years 4 to 9999
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(1_000_000_000);
                default -> i % 2 == 0 ? 0 : 1;
            };
            OffsetDateTime t = OffsetDateTime.ofInstant(Instant.ofEpochSecond(i % 7 == 0 ? second - second % 60 : second, nanos), ZoneOffset.UTC);
            assertThat(field(t)).as("%s", t).isEqualTo(t + "\n");
        }
        OffsetDateTime shanghai = OffsetDateTime.of(2026, 11, 30, 8, 0, 0, 0, ZoneOffset.ofHours(8));
        assertThat(field(shanghai)).isEqualTo("2026-11-30T08:00+08:00\n");
        OffsetDateTime farFuture = OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThat(field(farFuture)).isEqualTo(farFuture + "\n");
    }

    @Test
    void numbers_booleans_and_text_are_written_as_before() {
        assertThat(field(-9_223_372_036_854_775_808L)).isEqualTo("-9223372036854775808\n");
        assertThat(field(42)).isEqualTo("42\n");
        assertThat(field(true)).isEqualTo("true\n");
        assertThat(field(null)).isEqualTo("\n");
        assertThat(field("")).isEqualTo("\"\"\n");
        assertThat(field("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"\n");
    }

    @Test
    void text_is_streamed_as_the_same_utf8_bytes_as_string_get_bytes_gives() throws Exception {
        Random random = new Random(6);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(0, 3000);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> text.append("宿迁市政务数据");                   // three bytes each
                    case 1 -> text.append('é');                              // two
                    case 2 -> text.appendCodePoint(0x1F600);                 // a surrogate pair: four
                    case 3 -> text.append(random.nextBoolean() ? '\uD800' : '\uDC00'); // a lone surrogate
                    default -> text.append("a,b\n");
                }
            }
            byte[] expected = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.io.InputStream in = Copy.utf8(text);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[random.nextInt(1, 70)]; // small reads split multi-byte characters
            int read;
            while ((read = in.read(buffer, 0, buffer.length)) >= 0) {
                assertThat(read).isPositive();
                out.write(buffer, 0, read);
            }
            assertThat(out.toByteArray()).isEqualTo(expected);
        }
    }
}
