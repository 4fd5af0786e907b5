package cn.suqian.govshare.inventory;

import cn.suqian.govshare.record.References;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/** What other registries' reference checks learn from the inventory: owners of systems, holders of exchange aliases. */
@Configuration(proxyBeanMethods = false)
class InventoryReferences {

    /** Owners of active systems, for other registries' reference checks. */
    @Bean
    References.Source systemOwners(Inventory inventory) {
        return References.source(References.Kind.INFORMATION_SYSTEM, dsl -> {
            Map<String, String> owners = new LinkedHashMap<>();
            inventory.active(dsl).forEach(s -> owners.put(s.code(), s.organisationCode()));
            return owners;
        });
    }

    /** Which active system holds each exchange alias. */
    @Bean
    References.Source exchangeAliasHolders(Inventory inventory) {
        return References.source(References.Kind.EXCHANGE_ALIAS, dsl -> {
            Map<String, String> holders = new LinkedHashMap<>();
            inventory.active(dsl).forEach(s -> s.exchangeAliases().forEach(a -> holders.put(a, s.code())));
            return holders;
        });
    }
}
