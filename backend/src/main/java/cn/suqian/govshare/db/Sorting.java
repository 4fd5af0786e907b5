package cn.suqian.govshare.db;

import cn.suqian.govshare.web.InvalidInputException;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;
import org.jooq.Field;
import org.jooq.SortField;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a {@code sort=field,asc|desc[;field2,desc]} request parameter against the fields a list allows,
 * always appending the key as a tiebreaker so that paging is stable.
 */
public final class Sorting {

    private Sorting() {
    }

    public static List<SortField<?>> parse(String sort, Map<String, Field<?>> allowed, Field<?> key) {
        List<SortField<?>> order = new ArrayList<>();
        if (sort != null && !sort.isBlank()) {
            for (String part : sort.split(";")) {
                String[] bits = part.split(",");
                String name = bits[0].strip();
                Field<?> field = allowed.get(name);
                if (field == null) {
                    throw new InvalidInputException(FieldProblem.oneOf("sort", sort, String.join(", ", allowed.keySet())));
                }
                boolean descending = bits.length > 1 && bits[1].strip().equalsIgnoreCase("desc");
                if (bits.length > 1 && !descending && !bits[1].strip().equalsIgnoreCase("asc")) {
                    throw new InvalidInputException(FieldProblem.of("sort", sort, ProblemCode.SORT_DIRECTION));
                }
                order.add(descending ? field.desc().nullsLast() : field.asc().nullsLast());
            }
        }
        order.add(key.asc());
        return order;
    }
}
