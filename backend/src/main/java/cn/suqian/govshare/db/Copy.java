package cn.suqian.govshare.db;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN}: the fastest safe way to load many rows, inside the caller's
 * transaction.
 */
public final class Copy {

    private Copy() {
    }

    /** Streams CSV text into {@code table (columns)}; returns the number of rows copied. */
    public static long csvInto(DSLContext dsl, String table, String columns, CharSequence csv) {
        long[] copied = new long[1];
        dsl.connection(connection -> copied[0] = copy(connection, table, columns, csv));
        return copied[0];
    }

    /**
     * Like {@link #csvInto}, but when a row violates a unique constraint the copy is undone (to a savepoint,
     * the rest of the transaction is kept) and false is returned, so the caller can take its upsert path.
     */
    public static boolean csvIntoUnlessDuplicate(DSLContext dsl, String table, String columns, CharSequence csv) {
        boolean[] copied = new boolean[1];
        dsl.connection(connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try {
                copy(connection, table, columns, csv);
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

    private static long copy(java.sql.Connection connection, String table, String columns, CharSequence csv) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
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
