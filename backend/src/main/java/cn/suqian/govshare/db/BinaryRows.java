package cn.suqian.govshare.db;

import org.jooq.Field;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (see "COPY … Binary Format" in PostgreSQL's manual), written straight
 * into byte arrays of {@link #CHUNK} bytes: a header, then per row the number of fields and each field as its length and
 * bytes (-1 for null), then a trailer. Each value is written as its column's type sends it ({@link #value(Kind, Object)}):
 * {@code bigint}, {@code integer}, {@code boolean}, {@code timestamptz}, {@code uuid} and text; a column of another
 * type is refused when the kinds are worked out, before any row is written.
 */
public final class BinaryRows {

    /** How a column's values are written: one per column type this writer knows. */
    public enum Kind {
        INT8, INT4, BOOL, TIMESTAMPTZ, UUID, TEXT;

        /**
         * The kind of a jOOQ column, from the Java type its SQL data type reads as (jOOQ's JDBC type codes do not tell a
         * {@code timestamptz} from text). Values are given as the database stores them (an enum by its name, say).
         */
        public static Kind of(Field<?> column) {
            var type = column.getDataType().getSQLDataType(); // as stored: a converted column's values come as the database's
            Class<?> java = type.getType();
            if (java == Long.class) {
                return INT8;
            } else if (java == Integer.class) {
                return INT4;
            } else if (java == Boolean.class) {
                return BOOL;
            } else if (java == OffsetDateTime.class) {
                return TIMESTAMPTZ;
            } else if (java == UUID.class) {
                return UUID;
            } else if (java == String.class) { // text, varchar: the same bytes
                return TEXT;
            }
            throw new IllegalArgumentException("binary COPY of " + column.getName() + " (" + type.getTypeName() + ") is not written here");
        }

        /** The kinds of columns, in their order. */
        public static Kind[] of(List<? extends Field<?>> columns) {
            return columns.stream().map(Kind::of).toArray(Kind[]::new);
        }
    }

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** PostgreSQL's epoch (2000-01-01T00:00Z) in seconds since 1970: its timestamps are microseconds since then. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    /**
     * Rows are written into chunks of this size, never one array grown by copying: a batch's rows are megabytes, and an
     * array of a megabyte or more is a humongous object for the G1 collector (allocated straight in the old
     * generation, starting concurrent cycles).
     */
    static final int CHUNK = 256 * 1024;

    private final List<byte[]> full = new java.util.ArrayList<>(); // chunks filled (each to its length), in order
    private final List<Integer> fullSizes = new java.util.ArrayList<>();
    private byte[] bytes;
    private int size;
    private int rows;

    /** Rows of about {@code capacity} bytes in all (the first chunk is no larger than needed for small loads). */
    public BinaryRows(int capacity) {
        bytes = new byte[Math.clamp(capacity, 64, CHUNK)];
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        size = HEADER.length;
    }

    /** Starts a row of {@code fields} values. */
    public BinaryRows row(int fields) {
        room(2);
        bytes[size++] = (byte) (fields >>> 8);
        bytes[size++] = (byte) fields;
        rows++;
        return this;
    }

    /** Rows started so far. */
    public int rows() {
        return rows;
    }

    /** One value as {@code kind} sends it; null as SQL null. */
    public BinaryRows value(Kind kind, Object value) {
        if (value == null) {
            return nullValue();
        }
        return switch (kind) {
            case INT8 -> int8(((Number) value).longValue());
            case INT4 -> int4(((Number) value).intValue());
            case BOOL -> bool((Boolean) value);
            case TIMESTAMPTZ -> timestamptz((OffsetDateTime) value);
            case UUID -> uuid((UUID) value);
            case TEXT -> text(value.toString());
        };
    }

    public BinaryRows nullValue() {
        room(4);
        putInt(-1);
        return this;
    }

    public BinaryRows int8(long v) {
        room(12);
        putInt(8);
        putLong(v);
        return this;
    }

    public BinaryRows int4(int v) {
        room(8);
        putInt(4);
        putInt(v);
        return this;
    }

    public BinaryRows bool(boolean v) {
        room(5);
        putInt(1);
        bytes[size++] = (byte) (v ? 1 : 0);
        return this;
    }

    /**
     * A time as microseconds since PostgreSQL's epoch, rounded to the microsecond as the server rounds the same time
     * given as text (half to even).
     */
    public BinaryRows timestamptz(OffsetDateTime t) {
        long seconds = t.toEpochSecond() - POSTGRES_EPOCH_SECONDS;
        long micros = t.getNano() / 1000;
        int below = t.getNano() % 1000;
        if (below > 500 || below == 500 && (micros & 1) == 1) {
            micros++;
        }
        return int8(Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros));
    }

    public BinaryRows uuid(UUID u) {
        room(20);
        putInt(16);
        putLong(u.getMostSignificantBits());
        putLong(u.getLeastSignificantBits());
        return this;
    }

    /**
     * Text as UTF-8 (a lone surrogate becomes '?'): the JDK's encoder, whose ASCII case is one array copy (a loop over
     * the characters here was the largest single item of the service's sampled CPU).
     */
    public BinaryRows text(String s) {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        room(4 + utf8.length);
        putInt(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

    /** The header, the rows and the trailer (the rows may be streamed again, into another table, say). */
    InputStream stream() {
        List<InputStream> parts = new java.util.ArrayList<>(full.size() + 2);
        for (int i = 0; i < full.size(); i++) {
            parts.add(new ByteArrayInputStream(full.get(i), 0, fullSizes.get(i)));
        }
        parts.add(new ByteArrayInputStream(bytes, 0, size));
        parts.add(new ByteArrayInputStream(TRAILER));
        return new java.io.SequenceInputStream(java.util.Collections.enumeration(parts));
    }

    /** Room for a value of {@code more} bytes in the current chunk (a value is never split between chunks). */
    private void room(int more) {
        if (size + more > bytes.length) {
            if (bytes.length < CHUNK && size + more <= CHUNK) { // a small first chunk grows up to a chunk's size
                bytes = Arrays.copyOf(bytes, Math.max(size + more, Math.min(CHUNK, bytes.length * 2)));
                return;
            }
            full.add(bytes);
            fullSizes.add(size);
            bytes = new byte[Math.max(CHUNK, more)];
            size = 0;
        }
    }

    private void putInt(int v) {
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
