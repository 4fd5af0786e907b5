package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.record.References;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system inventory's published API for other capabilities: which systems are registered, who owns
 * them, how the exchange platform names them. Each method runs inside the caller's transaction.
 */
@Service
public class Inventory {

    /** What other capabilities need to know of a registered, not retired, system. */
    public record SystemRef(String code, String name, String organisationCode, LifecycleStatus lifecycleStatus,
                            boolean mustConnect, List<String> exchangeAliases) {
    }

    private final InformationSystemRepository systems;

    Inventory(InformationSystemRepository systems) {
        this.systems = systems;
    }

    /** Active systems (not retired from the registry), by code. */
    public List<SystemRef> active(DSLContext dsl) {
        return systems.active(dsl);
    }

    /** The organisation owning a system (retired ones included). */
    public Optional<String> ownerOf(DSLContext dsl, String systemCode) {
        return systemCode == null ? Optional.empty() : systems.ownerOf(dsl, systemCode);
    }

    /** Owners of active systems, for other registries' reference checks. */
    @org.springframework.context.annotation.Bean
    static References.Source systemOwners(Inventory inventory) {
        return References.source(References.Kind.INFORMATION_SYSTEM, dsl -> {
            Map<String, String> owners = new LinkedHashMap<>();
            inventory.active(dsl).forEach(s -> owners.put(s.code(), s.organisationCode()));
            return owners;
        });
    }

    /** Which active system holds each exchange alias. */
    @org.springframework.context.annotation.Bean
    static References.Source exchangeAliasHolders(Inventory inventory) {
        return References.source(References.Kind.EXCHANGE_ALIAS, dsl -> {
            Map<String, String> holders = new LinkedHashMap<>();
            inventory.active(dsl).forEach(s -> s.exchangeAliases().forEach(a -> holders.put(a, s.code())));
            return holders;
        });
    }
}
