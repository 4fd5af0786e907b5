package cn.suqian.govshare.db;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN}: the fastest safe way to load many rows, inside the caller's
 * transaction.
 */
public final class Copy {

    private Copy() {
    }

    /** Streams CSV text into {@code table (columns)}, the fields in that order; returns the number of rows copied. */
    public static long csvInto(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, CharSequence csv) {
        String sql = copySql(dsl, table, columns);
        long[] copied = new long[1];
        dsl.connection(connection -> copied[0] = copy(connection, sql, csv));
        return copied[0];
    }

    /**
     * The same from a reader: the rows may be produced while they are sent, so that building the next ones overlaps
     * the server's reading of the previous ones (a large load on a two-core machine).
     */
    public static long csvInto(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, java.io.Reader csv) {
        String sql = copySql(dsl, table, columns);
        long[] copied = new long[1];
        dsl.connection(connection -> {
            try {
                copied[0] = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, csv);
            } catch (java.io.IOException e) {
                throw new SQLException(sql + " failed", e);
            }
        });
        return copied[0];
    }

    /** A reader of CSV rows appended to its buffer one at a time, as the reader asks for more: see {@link #csvInto(DSLContext, Table, List, java.io.Reader)}. */
    public static <T> java.io.Reader rows(java.util.Iterator<T> items, java.util.function.BiConsumer<T, StringBuilder> row) {
        return new java.io.Reader() {
            private final StringBuilder buffer = new StringBuilder(1 << 16);
            private int position;

            @Override
            public int read(char[] into, int offset, int length) {
                while (position >= buffer.length()) {
                    if (!items.hasNext()) {
                        return -1;
                    }
                    buffer.setLength(0);
                    position = 0;
                    row.accept(items.next(), buffer);
                }
                int n = Math.min(length, buffer.length() - position);
                buffer.getChars(position, position + n, into, offset);
                position += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The text as UTF-8 bytes, encoded as they are read: a batch's CSV (megabytes) is neither copied into a String nor
     * encoded whole, and the driver's reader path (a String per chunk, then its bytes) is skipped. A lone surrogate
     * becomes '?', as {@code String.getBytes} makes it.
     */
    static java.io.InputStream utf8(CharSequence csv) {
        return new java.io.InputStream() {
            private int position;
            private final byte[] pending = new byte[4];
            private int pendingFrom;
            private int pendingTo;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                int n = 0;
                while (n < length) {
                    if (pendingFrom < pendingTo) {
                        into[offset + n++] = pending[pendingFrom++];
                        continue;
                    }
                    if (position >= csv.length()) {
                        break;
                    }
                    char c = csv.charAt(position++);
                    if (c < 0x80) {
                        into[offset + n++] = (byte) c;
                    } else {
                        encode(c);
                    }
                }
                return n == 0 ? -1 : n;
            }

            private void encode(char c) {
                pendingFrom = 0;
                if (c < 0x800) {
                    pending[0] = (byte) (0xc0 | c >> 6);
                    pending[1] = (byte) (0x80 | c & 0x3f);
                    pendingTo = 2;
                } else if (Character.isHighSurrogate(c) && position < csv.length() && Character.isLowSurrogate(csv.charAt(position))) {
                    int cp = Character.toCodePoint(c, csv.charAt(position++));
                    pending[0] = (byte) (0xf0 | cp >> 18);
                    pending[1] = (byte) (0x80 | cp >> 12 & 0x3f);
                    pending[2] = (byte) (0x80 | cp >> 6 & 0x3f);
                    pending[3] = (byte) (0x80 | cp & 0x3f);
                    pendingTo = 4;
                } else if (Character.isSurrogate(c)) {
                    pending[0] = '?';
                    pendingTo = 1;
                } else {
                    pending[0] = (byte) (0xe0 | c >> 12);
                    pending[1] = (byte) (0x80 | c >> 6 & 0x3f);
                    pending[2] = (byte) (0x80 | c & 0x3f);
                    pendingTo = 3;
                }
            }
        };
    }

    /**
     * Runs {@code usually} inside a savepoint; when it fails on a unique constraint (SQLSTATE 23505) everything it did
     * is undone (to the savepoint, the rest of the transaction is kept) and {@code otherwise} runs instead. For work
     * whose duplicate case is rare and costly to look for ahead of every run.
     */
    public static <T> T unlessDuplicate(DSLContext dsl, java.util.function.Supplier<T> usually, java.util.function.Supplier<T> otherwise) {
        Savepoint[] savepoint = new Savepoint[1];
        dsl.connection(connection -> savepoint[0] = connection.setSavepoint());
        T result;
        try {
            result = usually.get();
        } catch (RuntimeException e) {
            if (!duplicate(e)) {
                throw e;
            }
            dsl.connection(connection -> connection.rollback(savepoint[0]));
            return otherwise.get();
        }
        dsl.connection(connection -> connection.releaseSavepoint(savepoint[0]));
        return result;
    }

    /** Whether a unique constraint refused the statement (SQLSTATE 23505 anywhere in the causes). */
    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Like {@link #csvInto}, but when a row violates a unique constraint the copy is undone (to a savepoint,
     * the rest of the transaction is kept) and false is returned, so the caller can take its upsert path.
     */
    public static boolean csvIntoUnlessDuplicate(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, CharSequence csv) {
        return unlessDuplicate(dsl, () -> {
            csvInto(dsl, table, columns, csv);
            return true;
        }, () -> false);
    }

    /**
     * Streams rows in PostgreSQL's binary {@code COPY} format into {@code table (columns)}: numbers and times go as
     * their bytes, so neither side formats or parses them as text (most of a CSV row's cost on both sides when rows
     * are mostly numbers and times). Returns the number of rows copied.
     */
    public static long binaryInto(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, BinaryRows rows) {
        String sql = copySql(dsl, table, columns, "binary");
        long[] copied = new long[1];
        dsl.connection(connection -> {
            try {
                copied[0] = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows.stream());
            } catch (java.io.IOException e) {
                throw new SQLException(sql + " failed", e);
            }
        });
        return copied[0];
    }

    /** Like {@link #binaryInto}, but undone (to a savepoint) when a row violates a unique constraint: false then. */
    public static boolean binaryIntoUnlessDuplicate(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, BinaryRows rows) {
        return unlessDuplicate(dsl, () -> {
            binaryInto(dsl, table, columns, rows);
            return true;
        }, () -> false);
    }

    /** jOOQ has no COPY statement; the table and column names are rendered from their jOOQ objects all the same. */
    private static String copySql(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns) {
        return copySql(dsl, table, columns, "csv");
    }

    private static String copySql(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, String format) {
        return "COPY " + dsl.render(table) + " ("
                + columns.stream().map(c -> dsl.render(DSL.name(c.getName()))).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT " + format + ")";
    }

    private static long copy(java.sql.Connection connection, String sql, CharSequence csv) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, utf8(csv));
        } catch (java.io.IOException e) {
            throw new SQLException(sql + " failed", e);
        }
    }

    /** Appends one column's value as its converter stores it (an enum by its name, say): see {@link #field}. */
    public static <T> void field(StringBuilder csv, Field<T> column, T value, boolean last) {
        field(csv, column.getConverter().to(value), last);
    }

    /** Appends one CSV field (quoted when needed) and a separator or line end. */
    public static void field(StringBuilder csv, Object value, boolean last) {
        if (value instanceof Long || value instanceof Integer) { // the common cases, written without a String
            csv.append(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            csv.append(b.booleanValue());
        } else if (value instanceof java.time.OffsetDateTime t && t.getOffset().equals(java.time.ZoneOffset.UTC)) {
            utc(csv, t);
        } else if (value != null) {
            String s = value.toString();
            if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                csv.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(s);
            }
        }
        csv.append(last ? '\n' : ',');
    }

    /**
     * A UTC time exactly as {@code OffsetDateTime.toString} gives it ({@code 2026-11-30T14:05:09.123Z}, ISO 8601,
     * which PostgreSQL reads), written digit by digit: ingest copies millions of them. Years outside 0–9999 fall back to
     * {@code toString}.
     */
    private static void utc(StringBuilder csv, java.time.OffsetDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            csv.append(t);
            return;
        }
        digits(csv, year, 4).append('-');
        digits(csv, t.getMonthValue(), 2).append('-');
        digits(csv, t.getDayOfMonth(), 2).append('T');
        digits(csv, t.getHour(), 2).append(':');
        digits(csv, t.getMinute(), 2);
        int seconds = t.getSecond();
        int nanos = t.getNano();
        if (seconds > 0 || nanos > 0) { // as LocalTime.toString: seconds only when there are any, fractions in 3s
            digits(csv.append(':'), seconds, 2);
            if (nanos > 0) {
                csv.append('.');
                if (nanos % 1_000_000 == 0) {
                    digits(csv, nanos / 1_000_000, 3);
                } else if (nanos % 1000 == 0) {
                    digits(csv, nanos / 1000, 6);
                } else {
                    digits(csv, nanos, 9);
                }
            }
        }
        csv.append('Z');
    }

    private static StringBuilder digits(StringBuilder csv, int value, int width) {
        for (int div = (int) Math.pow(10, width - 1); div > 0; div /= 10) {
            csv.append((char) ('0' + value / div % 10));
        }
        return csv;
    }
}
