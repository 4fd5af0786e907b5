package cn.suqian.govshare.inventory;

import org.jooq.DSLContext;

import java.util.Map;
import java.util.Set;

/**
 * Published inside the transaction that created, changed or retired information systems, so that what is computed
 * from them (funding eligibility verdicts) follows in the same transaction, the cause recorded ({@code causeCode},
 * said under {@code cause.<code>}). {@code systemCodes} null: an import, any system may have changed.
 */
public record SystemsChanged(DSLContext dsl, Set<String> systemCodes, String causeCode, Map<String, Object> causeParams) {
}
