package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;
import cn.suqian.govshare.inventory.InformationSystemService.Filter;
import cn.suqian.govshare.inventory.InformationSystemService.Summary;
import cn.suqian.govshare.db.Like;
import cn.suqian.govshare.db.schema.tables.records.InformationSystemRecord;
import cn.suqian.govshare.record.RecordTable;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.INFORMATION_SYSTEM;

/** Inventory rows. Called inside a {@code Db.tx}. */
@Repository
class InformationSystemRepository extends RecordTable<InformationSystem, InformationSystemRecord, Filter> {

    InformationSystemRepository() {
        super(InformationSystem.class, INFORMATION_SYSTEM, INFORMATION_SYSTEM.CODE, INFORMATION_SYSTEM.ORGANISATION_CODE,
                INFORMATION_SYSTEM.RETIRED_AT, INFORMATION_SYSTEM.CREATED_AT, INFORMATION_SYSTEM.UPDATED_AT, INFORMATION_SYSTEM.VERSION,
                List.of(INFORMATION_SYSTEM.CODE, INFORMATION_SYSTEM.NAME, INFORMATION_SYSTEM.ORGANISATION_CODE,
                        INFORMATION_SYSTEM.LIFECYCLE_STATUS, INFORMATION_SYSTEM.DEPLOYMENT, INFORMATION_SYSTEM.NETWORK,
                        INFORMATION_SYSTEM.MUST_CONNECT, INFORMATION_SYSTEM.PLATFORM_CONNECTED_ON,
                        INFORMATION_SYSTEM.PROTECTION_LEVEL, INFORMATION_SYSTEM.ANNUAL_OM_COST, INFORMATION_SYSTEM.UPDATED_AT));
    }

    @Override
    protected List<Condition> conditions(Filter f) {
        var t = INFORMATION_SYSTEM;
        List<Condition> c = new ArrayList<>();
        if (f.lifecycleStatus() != null) {
            c.add(t.LIFECYCLE_STATUS.eq(f.lifecycleStatus()));
        }
        if (f.deployment() != null) {
            c.add(t.DEPLOYMENT.eq(f.deployment()));
        }
        if (f.network() != null) {
            c.add(t.NETWORK.eq(f.network()));
        }
        if (f.mustConnect() != null) {
            c.add(t.MUST_CONNECT.eq(f.mustConnect()));
        }
        if (f.q() != null && !f.q().isBlank()) {
            String like = Like.containing(f.q());
            c.add(t.NAME.like(like).or(t.CODE.likeIgnoreCase(like)).or(t.PURPOSE.like(like)));
        }
        return c;
    }

    /** A retired system's lifecycle status says so too. */
    @Override
    protected Map<Field<?>, Object> onRetirement() {
        return Map.of(INFORMATION_SYSTEM.LIFECYCLE_STATUS, LifecycleStatus.RETIRED);
    }

    Summary summary(DSLContext dsl, Filter f) {
        var t = INFORMATION_SYSTEM;
        Condition where = where(f);
        Map<LifecycleStatus, Integer> byStatus = zeros(LifecycleStatus.class);
        dsl.select(t.LIFECYCLE_STATUS, DSL.count()).from(t).where(where).groupBy(t.LIFECYCLE_STATUS)
                .forEach(r -> byStatus.put(r.value1(), r.value2()));
        Map<Deployment, Integer> byDeployment = zeros(Deployment.class);
        dsl.select(t.DEPLOYMENT, DSL.count()).from(t).where(where).groupBy(t.DEPLOYMENT)
                .forEach(r -> byDeployment.put(r.value1(), r.value2()));
        Map<NetworkType, Integer> byNetwork = zeros(NetworkType.class);
        dsl.select(t.NETWORK, DSL.count()).from(t).where(where).groupBy(t.NETWORK)
                .forEach(r -> byNetwork.put(r.value1(), r.value2()));
        // A retired system need not connect, whether or not retired systems are listed (已停用 means one thing).
        Condition mustConnect = t.MUST_CONNECT.isTrue().and(t.RETIRED_AT.isNull());
        var counts = dsl.select(DSL.count(), DSL.count().filterWhere(mustConnect),
                        DSL.count().filterWhere(mustConnect.and(t.PLATFORM_CONNECTED_ON.isNotNull())))
                .from(t).where(where).fetchOne();
        return new Summary(counts.value1(), byStatus, byDeployment, byNetwork, counts.value2(), counts.value3());
    }

    List<Inventory.SystemFacts> facts(DSLContext dsl) {
        var s = INFORMATION_SYSTEM;
        return dsl.select(s.CODE, s.ORGANISATION_CODE, s.LIFECYCLE_STATUS, s.NETWORK, s.DEPLOYMENT, s.MUST_CONNECT, s.ANNUAL_OM_COST, s.RETIRED_AT)
                .from(s).orderBy(s.CODE)
                .fetch(r -> new Inventory.SystemFacts(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        Boolean.TRUE.equals(r.value6()), r.value7(), r.value8() != null));
    }

    /** Active systems (not retired from the registry), by code. */
    List<Inventory.SystemRef> active(DSLContext dsl) {
        var s = INFORMATION_SYSTEM;
        return dsl.select(s.CODE, s.NAME, s.ORGANISATION_CODE, s.LIFECYCLE_STATUS, s.MUST_CONNECT, s.EXCHANGE_ALIASES)
                .from(s).where(s.RETIRED_AT.isNull()).orderBy(s.CODE)
                .fetch(r -> new Inventory.SystemRef(r.value1(), r.value2(), r.value3(), r.value4(),
                        Boolean.TRUE.equals(r.value5()), r.value6() == null ? List.of() : List.of(r.value6())));
    }

    /** Active systems that declare a platform connection date, with it. */
    java.util.Map<String, java.time.LocalDate> declaredConnections(DSLContext dsl) {
        var s = INFORMATION_SYSTEM;
        return dsl.select(s.CODE, s.PLATFORM_CONNECTED_ON).from(s)
                .where(s.RETIRED_AT.isNull()).and(s.PLATFORM_CONNECTED_ON.isNotNull())
                .fetchMap(s.CODE, s.PLATFORM_CONNECTED_ON);
    }

    /** The organisation owning a system (retired ones included). */
    Optional<String> ownerOf(DSLContext dsl, String systemCode) {
        return dsl.select(INFORMATION_SYSTEM.ORGANISATION_CODE).from(INFORMATION_SYSTEM)
                .where(INFORMATION_SYSTEM.CODE.eq(systemCode)).fetchOptional(INFORMATION_SYSTEM.ORGANISATION_CODE);
    }

    private static <E extends Enum<E>> Map<E, Integer> zeros(Class<E> type) {
        Map<E, Integer> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, 0);
        }
        return m;
    }
}
