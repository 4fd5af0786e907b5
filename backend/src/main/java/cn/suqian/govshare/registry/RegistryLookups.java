package cn.suqian.govshare.registry;

import org.jooq.DSLContext;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static cn.suqian.govshare.db.schema.Tables.DATA_ROOM;
import static cn.suqian.govshare.db.schema.Tables.INFORMATION_SYSTEM;
import static cn.suqian.govshare.db.schema.Tables.ORGANISATION;
import static cn.suqian.govshare.db.schema.Tables.PRIVATE_NETWORK;

/**
 * What reference checks need, loaded once per request (or per imported file) inside its transaction:
 * active organisations, who owns which network, data room and system, and which system holds which
 * exchange alias.
 */
final class RegistryLookups {

    final Set<String> organisations = new HashSet<>();
    final Map<String, String> networkOwner = new HashMap<>();
    final Map<String, String> dataRoomOwner = new HashMap<>();
    final Map<String, String> systemOwner = new HashMap<>();
    final Map<String, String> aliasHolder = new HashMap<>();

    static String ownerOfSystem(DSLContext dsl, String systemCode) {
        return systemCode == null ? null : dsl.select(INFORMATION_SYSTEM.ORGANISATION_CODE).from(INFORMATION_SYSTEM)
                .where(INFORMATION_SYSTEM.CODE.eq(systemCode)).fetchOptional(INFORMATION_SYSTEM.ORGANISATION_CODE).orElse(null);
    }

    static RegistryLookups load(DSLContext dsl) {
        RegistryLookups l = new RegistryLookups();
        dsl.select(ORGANISATION.CODE).from(ORGANISATION).where(ORGANISATION.RETIRED_AT.isNull())
                .forEach(r -> l.organisations.add(r.value1()));
        dsl.select(PRIVATE_NETWORK.CODE, PRIVATE_NETWORK.ORGANISATION_CODE).from(PRIVATE_NETWORK)
                .where(PRIVATE_NETWORK.RETIRED_AT.isNull()).forEach(r -> l.networkOwner.put(r.value1(), r.value2()));
        dsl.select(DATA_ROOM.CODE, DATA_ROOM.ORGANISATION_CODE).from(DATA_ROOM)
                .where(DATA_ROOM.RETIRED_AT.isNull()).forEach(r -> l.dataRoomOwner.put(r.value1(), r.value2()));
        dsl.select(INFORMATION_SYSTEM.CODE, INFORMATION_SYSTEM.ORGANISATION_CODE, INFORMATION_SYSTEM.EXCHANGE_ALIASES)
                .from(INFORMATION_SYSTEM).where(INFORMATION_SYSTEM.RETIRED_AT.isNull())
                .forEach(r -> {
                    l.systemOwner.put(r.value1(), r.value2());
                    for (String alias : r.value3()) {
                        l.aliasHolder.put(alias, r.value1());
                    }
                });
        return l;
    }
}
