package cn.suqian.govshare.exchange;

import org.jooq.DSLContext;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.INFORMATION_SYSTEM;
import static cn.suqian.govshare.db.schema.Tables.ORGANISATION;

/**
 * Maps the names the exchange platform uses onto our organisations and systems, in this order: an
 * organisation code; a system's registered exchange alias (e.g. an X-Road {@code INSTANCE/CLASS/MEMBER/SUBSYSTEM});
 * a system code; an organisation's unified social credit code (an X-Road member code). Loaded per batch.
 */
final class ExchangeDirectory {

    /** Who a reference resolves to: always an organisation, sometimes also a system. */
    record Party(String organisation, String system) {
    }

    private final Map<String, Party> byRef = new HashMap<>();

    static ExchangeDirectory load(DSLContext dsl) {
        ExchangeDirectory d = new ExchangeDirectory();
        dsl.select(ORGANISATION.CODE, ORGANISATION.UNIFIED_CODE).from(ORGANISATION).where(ORGANISATION.RETIRED_AT.isNull())
                .forEach(r -> {
                    if (r.value2() != null) {
                        d.byRef.putIfAbsent("uc:" + r.value2().toUpperCase(Locale.ROOT), new Party(r.value1(), null));
                    }
                    d.byRef.put("org:" + r.value1(), new Party(r.value1(), null));
                });
        dsl.select(INFORMATION_SYSTEM.CODE, INFORMATION_SYSTEM.ORGANISATION_CODE, INFORMATION_SYSTEM.EXCHANGE_ALIASES)
                .from(INFORMATION_SYSTEM).where(INFORMATION_SYSTEM.RETIRED_AT.isNull())
                .forEach(r -> {
                    Party p = new Party(r.value2(), r.value1());
                    d.byRef.put("sys:" + r.value1(), p);
                    for (String alias : r.value3()) {
                        d.byRef.put("alias:" + alias, p);
                    }
                });
        return d;
    }

    /** Resolves a reference; null when the registry does not know it. */
    Party resolve(String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        String r = ref.strip();
        Party p = byRef.get("org:" + r);
        if (p == null) {
            p = byRef.get("alias:" + r);
        }
        if (p == null) {
            p = byRef.get("sys:" + r);
        }
        if (p == null) {
            p = byRef.get("uc:" + r.toUpperCase(Locale.ROOT));
        }
        return p;
    }

    /** An X-Road client or service identifier: the full subsystem path first, then the member code alone. */
    Party resolveXRoad(String instance, String memberClass, String memberCode, String subsystem) {
        if (subsystem != null && !subsystem.isBlank()) {
            Party p = resolve(instance + "/" + memberClass + "/" + memberCode + "/" + subsystem);
            if (p != null) {
                return p;
            }
        }
        Party p = resolve(instance + "/" + memberClass + "/" + memberCode);
        return p != null ? p : resolve(memberCode);
    }
}
