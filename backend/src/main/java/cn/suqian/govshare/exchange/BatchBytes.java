package cn.suqian.govshare.exchange;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A pushed batch's bytes as they arrived, kept in chunks of {@link #CHUNK} bytes: a batch of 10,000 op-monitoring
 * records is about 9 MB, and one array that large is a humongous object for the G1 collector (regions of its own in the
 * old generation, reclaimed only by a collection that looks for them), besides the request's buffers joined into one
 * first. Read by position ({@link #at}), as a stream (the JSON parser), or as text between two positions (a record as
 * sent).
 */
final class BatchBytes {

    static final int SHIFT = 18;
    /** The size of every chunk but the last (a power of two, so a position's chunk is a shift away). */
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    static final BatchBytes EMPTY = new BatchBytes(new byte[0][], 0);

    private final byte[][] chunks;
    private final int length;

    private BatchBytes(byte[][] chunks, int length) {
        this.chunks = chunks;
        this.length = length;
    }

    /** Bytes given whole (a test's body, a page a collector fetched): copied into chunks. */
    static BatchBytes of(byte[] bytes) {
        Builder b = new Builder();
        b.add(bytes, 0, bytes.length);
        return b.build();
    }

    /**
     * A request body read into chunks as its buffers arrive, each buffer released once copied; more than
     * {@code maxBytes} fails with {@link DataBufferLimitException} (answered 413), as {@link DataBufferUtils#join} does.
     */
    static Mono<BatchBytes> read(Flux<DataBuffer> body, long maxBytes) {
        return body.collect(Builder::new, (Builder b, DataBuffer buffer) -> {
                    try {
                        if ((long) b.length + buffer.readableByteCount() > maxBytes) {
                            throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + maxBytes);
                        }
                        try (var it = buffer.readableByteBuffers()) {
                            while (it.hasNext()) {
                                b.add(it.next());
                            }
                        }
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release) // buffers that came after a refusal
                .map(Builder::build);
    }

    /**
     * The bytes of a gzip-compressed body (RFC 1952, members one after another as {@code gzip} writes them), read into
     * chunks; decompressing to more than {@code maxBytes} fails with {@link DataBufferLimitException} (answered 413, as
     * for a body that large sent plain: a small body that inflates without end is refused, not buffered); a body that is
     * not gzip, or ends early, with {@link cn.suqian.govshare.web.InvalidInputException} naming the body. CPU work: off the
     * event loop.
     */
    BatchBytes gunzipped(long maxBytes) {
        Builder b = new Builder();
        byte[] buffer = new byte[64 * 1024];
        try (var in = new java.util.zip.GZIPInputStream(stream(), buffer.length)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if ((long) b.length + n > maxBytes) {
                    throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + maxBytes + " (decompressed)");
                }
                b.add(buffer, 0, n);
            }
        } catch (java.io.IOException e) {
            throw new cn.suqian.govshare.web.InvalidInputException(cn.suqian.govshare.web.FieldProblem.of("body", null,
                    cn.suqian.govshare.web.ProblemCode.INVALID_COMPRESSION, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return b.build();
    }

    int length() {
        return length;
    }

    byte at(int position) {
        return chunks[position >>> SHIFT][position & MASK];
    }

    /** All the bytes, in order. */
    InputStream stream() {
        List<InputStream> parts = new ArrayList<>(chunks.length);
        for (int i = 0; i < chunks.length; i++) {
            parts.add(new java.io.ByteArrayInputStream(chunks[i], 0, Math.min(CHUNK, length - i * CHUNK)));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** The bytes from {@code from} to {@code to} (exclusive) in one array. */
    byte[] copy(int from, int to) {
        byte[] out = new byte[to - from];
        for (int at = from; at < to; ) {
            int chunk = at >>> SHIFT;
            int offset = at & MASK;
            int n = Math.min(to - at, CHUNK - offset);
            System.arraycopy(chunks[chunk], offset, out, at - from, n);
            at += n;
        }
        return out;
    }

    /** The bytes from {@code from} to {@code to} (exclusive) read as UTF-8. */
    String text(int from, int to) {
        return new String(copy(from, to), StandardCharsets.UTF_8);
    }

    /** The SHA-256 of all the bytes, in hex. */
    String sha256() {
        MessageDigest digest = ExchangeIngest.sha256Digest();
        for (int i = 0; i < chunks.length; i++) {
            digest.update(chunks[i], 0, Math.min(CHUNK, length - i * CHUNK));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Fills chunks in order. */
    private static final class Builder {
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] current;
        private int used = CHUNK; // no chunk yet
        private int length;

        void add(byte[] bytes, int from, int to) {
            for (int at = from; at < to; ) {
                room();
                int n = Math.min(to - at, CHUNK - used);
                System.arraycopy(bytes, at, current, used, n);
                used += n;
                at += n;
                length += n;
            }
        }

        void add(java.nio.ByteBuffer buffer) {
            while (buffer.hasRemaining()) {
                room();
                int n = Math.min(buffer.remaining(), CHUNK - used);
                buffer.get(current, used, n);
                used += n;
                length += n;
            }
        }

        private void room() {
            if (used == CHUNK) {
                current = new byte[CHUNK];
                chunks.add(current);
                used = 0;
            }
        }

        BatchBytes build() {
            if (length == 0) {
                return EMPTY;
            }
            byte[][] all = chunks.toArray(byte[][]::new);
            if (used < CHUNK) { // the last chunk no larger than it needs to be
                all[all.length - 1] = Arrays.copyOf(current, used);
            }
            return new BatchBytes(all, length);
        }
    }
}
