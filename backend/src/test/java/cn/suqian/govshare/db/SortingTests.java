package cn.suqian.govshare.db;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.InvalidInputException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The {@code sort=field,asc|desc[;field2,desc]} parameter, as the SQL ORDER BY it becomes. */
class SortingTests {

    static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES);
    static final Field<String> CODE = DSL.field(DSL.name("code"), String.class);
    static final Map<String, Field<?>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("name", DSL.field(DSL.name("name"), String.class));
        ALLOWED.put("annualOmCost", DSL.field(DSL.name("annual_om_cost"), Double.class));
    }

    static String sql(String sort) {
        List<SortField<?>> order = Sorting.parse(sort, ALLOWED, CODE);
        String select = SQL.render(SQL.select(CODE).from(DSL.table(DSL.name("t"))).orderBy(order));
        return select.substring(select.indexOf("order by") + "order by ".length());
    }

    @Test
    void without_a_sort_the_key_orders_the_rows() {
        assertThat(sql(null)).isEqualTo("\"code\" asc");
        assertThat(sql("  ")).isEqualTo("\"code\" asc");
    }

    @Test
    void the_key_breaks_ties_after_the_fields_asked_for_so_paging_is_stable() {
        assertThat(sql("annualOmCost,desc")).isEqualTo("\"annual_om_cost\" desc nulls last, \"code\" asc");
        assertThat(sql("name;annualOmCost,DESC")).isEqualTo("\"name\" asc nulls last, \"annual_om_cost\" desc nulls last, \"code\" asc");
        assertThat(sql(" name , asc ")).isEqualTo("\"name\" asc nulls last, \"code\" asc");
    }

    @Test
    void only_the_fields_a_list_allows_may_be_sorted_by() {
        assertThatThrownBy(() -> Sorting.parse("password,asc", ALLOWED, CODE)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::value)
                        .containsExactly(tuple("sort", "password,asc")));
        assertThatThrownBy(() -> Sorting.parse("name;code", ALLOWED, CODE)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void the_direction_is_asc_or_desc() {
        assertThatThrownBy(() -> Sorting.parse("name,up", ALLOWED, CODE)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field, FieldProblem::value).containsExactly(tuple("sort", "name,up")));
    }
}
