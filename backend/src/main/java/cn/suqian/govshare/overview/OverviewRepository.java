package cn.suqian.govshare.overview;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.OVERVIEW_FIGURE;

/** The daily rollup of headline figures. */
@Repository
class OverviewRepository {

    /** One stored figure of one scope on one day; value null = no data. */
    record Row(String figure, LocalDate day, BigDecimal value, BigDecimal denominator) {
    }

    /**
     * Replaces the day's figures. Two rollups of the same day (the scheduled one and one asked for by hand or at start-up)
     * would both delete and then both insert, the second failing on the primary key: the day's rewrite is serialised by a
     * transaction-scoped advisory lock, so the later one waits and then replaces the earlier one's rows.
     */
    int replaceDay(DSLContext dsl, LocalDate day, Map<String, Map<Figure, double[]>> computed) {
        var t = OVERVIEW_FIGURE;
        cn.suqian.govshare.db.TransactionLock.take(dsl, "overview-figures");
        dsl.deleteFrom(t).where(t.DAY.eq(day)).execute();
        var insert = dsl.insertInto(t, t.ORGANISATION_CODE, t.FIGURE, t.DAY, t.VALUE, t.DENOMINATOR);
        int rows = 0;
        for (var scope : computed.entrySet()) {
            for (var f : scope.getValue().entrySet()) {
                insert = insert.values(scope.getKey(), f.getKey().key(), day, OverviewRollup.decimal(f.getValue()[0]),
                        OverviewRollup.decimal(f.getValue()[1]));
                rows++;
            }
        }
        if (rows > 0) {
            insert.execute();
        }
        return rows;
    }

    /** The latest day with figures for the scope, if any. */
    LocalDate latestDay(DSLContext dsl, String scope) {
        var t = OVERVIEW_FIGURE;
        return dsl.select(DSL.max(t.DAY)).from(t).where(t.ORGANISATION_CODE.eq(scope)).fetchOne(0, LocalDate.class);
    }

    /** The scope's rows between two days inclusive, by figure and day (the primary key's order). */
    List<Row> rows(DSLContext dsl, String scope, LocalDate from, LocalDate to) {
        var t = OVERVIEW_FIGURE;
        List<Row> out = new ArrayList<>();
        dsl.select(t.FIGURE, t.DAY, t.VALUE, t.DENOMINATOR).from(t)
                .where(t.ORGANISATION_CODE.eq(scope)).and(t.DAY.between(from, to))
                .orderBy(t.FIGURE, t.DAY)
                .forEach(r -> out.add(new Row(r.value1(), r.value2(), r.value3(), r.value4())));
        return out;
    }
}
