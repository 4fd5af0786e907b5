package cn.suqian.govshare.db;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;

import java.io.StringReader;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN}: the fastest safe way to load many rows, used for bulk ingest
 * into staging tables inside the caller's transaction.
 */
public final class Copy {

    private Copy() {
    }

    /** Streams CSV text into {@code table (columns)}; returns the number of rows copied. */
    public static long csvInto(DSLContext dsl, String table, String columns, CharSequence csv) {
        long[] copied = new long[1];
        dsl.connection(connection -> copied[0] = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString())));
        return copied[0];
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
