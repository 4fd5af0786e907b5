package cn.suqian.govshare.exchange;

import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.organisation.Organisations;
import org.springframework.stereotype.Component;

import org.jooq.DSLContext;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;


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

    /** Loads the directory from the organisations and inventory modules, inside the caller's transaction. */
    @Component
    static final class Loader {
        private final Organisations organisations;
        private final Inventory inventory;

        Loader(Organisations organisations, Inventory inventory) {
            this.organisations = organisations;
            this.inventory = inventory;
        }

        ExchangeDirectory load(DSLContext dsl) {
            ExchangeDirectory d = new ExchangeDirectory();
            for (var o : organisations.active(dsl)) {
                if (o.unifiedCode() != null) {
                    d.byRef.putIfAbsent("uc:" + o.unifiedCode().toUpperCase(Locale.ROOT), new Party(o.code(), null));
                }
                d.byRef.put("org:" + o.code(), new Party(o.code(), null));
            }
            for (var s : inventory.active(dsl)) {
                Party p = new Party(s.organisationCode(), s.code());
                d.byRef.put("sys:" + s.code(), p);
                for (String alias : s.exchangeAliases()) {
                    d.byRef.put("alias:" + alias, p);
                }
            }
            return d;
        }
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
    /** An X-Road client or service identifier as sent. */
    private record XRoadId(String instance, String memberClass, String memberCode, String subsystem) {
    }

    /** Resolved X-Road identifiers (a batch names the same few parties thousands of times); unknown ones too. */
    private final Map<XRoadId, Party> xroad = new HashMap<>();
    private static final Party UNKNOWN = new Party(null, null);

    /**
     * An X-Road member or subsystem: the subsystem's alias, else the member's, else its member code (a unified social
     * credit code); null when the registry knows none of them. A directory is one batch's, read by one thread.
     */
    Party resolveXRoad(String instance, String memberClass, String memberCode, String subsystem) {
        Party p = xroad.computeIfAbsent(new XRoadId(instance, memberClass, memberCode, subsystem), id -> {
            Party found = lookUpXRoad(id.instance(), id.memberClass(), id.memberCode(), id.subsystem());
            return found == null ? UNKNOWN : found;
        });
        return p == UNKNOWN ? null : p;
    }

    private Party lookUpXRoad(String instance, String memberClass, String memberCode, String subsystem) {
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
