package cn.suqian.govshare.record;

import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a registry's records are kept: the record type's repository, as the record kit's services use it.
 * Every method runs inside the caller's transaction.
 */
public interface RecordStore<T, F> {

    /** One page of the records the filter selects, sorted by {@code sort=field,asc|desc} (then by code). */
    PageResult<T> find(DSLContext dsl, F filter, String sort, PageRequest page);

    /** Every record the filter selects, by code. */
    List<T> all(DSLContext dsl, F filter);

    Optional<T> get(DSLContext dsl, String code);

    /** The records stored under any of the codes, by code. */
    Map<String, T> byCodes(DSLContext dsl, Collection<String> codes);

    void insert(DSLContext dsl, Collection<T> records);

    /** Replaces the stored records of the same codes (codes never change). */
    void update(DSLContext dsl, Collection<T> records);

    /** Marks a record retired; false when it was retired already. */
    boolean retire(DSLContext dsl, String code);
}
