package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.List;
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

    /**
     * What the inventory declares about platform connection: the date each active system says it was
     * connected to the city sharing platform (absent: not declared connected). Measured status is kept
     * apart, by connection monitoring; this is shown beside it.
     */
    public java.util.Map<String, java.time.LocalDate> declaredConnections(DSLContext dsl) {
        return systems.declaredConnections(dsl);
    }

    /** Every registered system (retired ones included) with what the leadership overview counts. */
    public record SystemFacts(String code, String organisationCode, InformationSystem.LifecycleStatus lifecycleStatus,
                              InformationSystem.NetworkType network, InformationSystem.Deployment deployment, boolean mustConnect,
                              java.math.BigDecimal annualOmCost, boolean retired) {
    }

    /** Every registered system, retired ones included, for the overview rollup. */
    public List<SystemFacts> facts(DSLContext dsl) {
        return systems.facts(dsl);
    }

    /** Active systems (not retired) with everything the inventory records of them, by code (eligibility facts). */
    public List<InformationSystem> activeSystems(DSLContext dsl) {
        return systems.all(dsl, new InformationSystemService.Filter(null, null, null, null, null, null, false));
    }

    /** The organisation owning a system (retired ones included). */
    public Optional<String> ownerOf(DSLContext dsl, String systemCode) {
        return systemCode == null ? Optional.empty() : systems.ownerOf(dsl, systemCode);
    }
}
