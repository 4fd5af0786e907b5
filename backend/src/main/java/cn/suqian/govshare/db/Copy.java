package cn.suqian.govshare.db;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

import java.io.StringReader;
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
     * Like {@link #csvInto}, but when a row violates a unique constraint the copy is undone (to a savepoint,
     * the rest of the transaction is kept) and false is returned, so the caller can take its upsert path.
     */
    public static boolean csvIntoUnlessDuplicate(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, CharSequence csv) {
        String sql = copySql(dsl, table, columns);
        boolean[] copied = new boolean[1];
        dsl.connection(connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                copy(connection, sql, csv);
                connection.releaseSavepoint(savepoint);
                copied[0] = true;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(savepoint);
                copied[0] = false;
            }
        });
        return copied[0];
    }

    /** jOOQ has no COPY statement; the table and column names are rendered from their jOOQ objects all the same. */
    private static String copySql(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns) {
        return "COPY " + dsl.render(table) + " ("
                + columns.stream().map(c -> dsl.render(DSL.name(c.getName()))).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
    }

    private static long copy(java.sql.Connection connection, String sql, CharSequence csv) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv.toString()));
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
        if (value != null) {
            String s = value.toString();
            if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                csv.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(s);
            }
        }
        csv.append(last ? '\n' : ',');
    }
}
