package cn.suqian.govshare.record;

import org.jooq.DSLContext;

import java.util.Map;
import java.util.Set;

/**
 * Published inside the transaction that created, edited, retired or imported registry records (private networks,
 * data rooms, catalogue resources, connection targets…), so that what other capabilities compute from them (funding
 * eligibility verdicts) follows in the same transaction, the edit recorded as the cause.
 *
 * @param entityType        the records' table, as the audit trail names it (e.g. {@code private_network})
 * @param organisationCodes the organisations owning the changed records; null when not known (an import: any)
 * @param causeCode         {@code recordCreated}, {@code recordEdited}, {@code recordRetired} or {@code recordImported}
 */
public record RecordsChanged(DSLContext dsl, String entityType, Set<String> organisationCodes, String causeCode,
                             Map<String, Object> causeParams) {

    static RecordsChanged of(DSLContext dsl, String entityType, Set<String> organisations, Set<String> codes, String how, String user) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("user", user);
        params.put("records", codes == null ? "" : String.join(", ", new java.util.TreeSet<>(codes)));
        return new RecordsChanged(dsl, entityType, organisations, "record" + Character.toUpperCase(how.charAt(0)) + how.substring(1), params);
    }
}
