package cn.suqian.govshare.exchange;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchBytesTests {

    /** Bytes larger than two chunks, with multi-byte characters placed across chunk boundaries. */
    static byte[] sample() {
        StringBuilder s = new StringBuilder();
        Random random = new Random(7);
        while (s.length() < 3 * BatchBytes.CHUNK) {
            s.append(random.nextInt(5) == 0 ? "宿迁市数据共享" : "{\"messageId\":\"m-" + random.nextInt() + "\"}\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reads_back_every_byte_by_position_stream_and_range() throws Exception {
        byte[] bytes = sample();
        BatchBytes b = BatchBytes.of(bytes);
        assertThat(b.length()).isEqualTo(bytes.length);
        for (int i = 0; i < bytes.length; i += 997) {
            assertThat(b.at(i)).as("byte %d", i).isEqualTo(bytes[i]);
        }
        assertThat(b.at(bytes.length - 1)).isEqualTo(bytes[bytes.length - 1]);
        assertThat(b.stream().readAllBytes()).isEqualTo(bytes);
        int from = BatchBytes.CHUNK - 5;
        int to = 2 * BatchBytes.CHUNK + 11;
        assertThat(b.copy(from, to)).isEqualTo(java.util.Arrays.copyOfRange(bytes, from, to));
        assertThat(b.text(0, bytes.length)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(b.sha256()).isEqualTo(ExchangeIngest.sha256(bytes));
    }

    @Test
    void a_body_read_from_buffers_of_any_size_is_the_same_bytes_and_every_buffer_is_released() {
        byte[] bytes = sample();
        List<DataBuffer> buffers = new ArrayList<>();
        var factory = DefaultDataBufferFactory.sharedInstance;
        for (int at = 0, size = 1; at < bytes.length; at += size, size = size * 3 % 70_001 + 1) {
            buffers.add(factory.wrap(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size))));
        }
        BatchBytes b = BatchBytes.read(Flux.fromIterable(buffers), bytes.length).block();
        assertThat(b.sha256()).isEqualTo(ExchangeIngest.sha256(bytes));
        assertThat(b.copy(0, b.length())).isEqualTo(bytes);
        assertThat(BatchBytes.read(Flux.empty(), 10).block().length()).isZero();
    }

    @Test
    void a_body_over_the_limit_is_refused_as_too_large() {
        byte[] bytes = sample();
        var factory = DefaultDataBufferFactory.sharedInstance;
        assertThatThrownBy(() -> BatchBytes.read(Flux.just(factory.wrap(bytes), factory.wrap(new byte[]{1})), bytes.length).block())
                .isInstanceOf(DataBufferLimitException.class);
    }

    @Test
    void a_gzip_body_decompresses_to_its_bytes_across_chunks_and_members_within_the_limit() throws Exception {
        byte[] bytes = sample();
        var out = new java.io.ByteArrayOutputStream();
        int half = bytes.length / 2;
        for (int[] part : new int[][]{{0, half}, {half, bytes.length}}) { // two gzip members one after the other, as `cat a.gz b.gz`
            try (var zip = new java.util.zip.GZIPOutputStream(out)) {
                zip.write(bytes, part[0], part[1] - part[0]);
            }
        }
        BatchBytes b = BatchBytes.of(out.toByteArray()).gunzipped(bytes.length);
        assertThat(b.length()).isEqualTo(bytes.length);
        assertThat(b.copy(0, b.length())).isEqualTo(bytes);
        assertThat(b.sha256()).isEqualTo(BatchBytes.of(bytes).sha256());
        assertThatThrownBy(() -> BatchBytes.of(out.toByteArray()).gunzipped(bytes.length - 1)).isInstanceOf(DataBufferLimitException.class);
        assertThatThrownBy(() -> BatchBytes.of(bytes).gunzipped(bytes.length))
                .isInstanceOf(cn.suqian.govshare.web.InvalidInputException.class);
    }
}
