package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;

import cn.suqian.govshare.inventory.InformationSystemService.Filter;
import cn.suqian.govshare.inventory.InformationSystemService.Summary;
import cn.suqian.govshare.db.Sorting;
import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.db.schema.tables.records.InformationSystemRecord;
import cn.suqian.govshare.record.RecordStore;

import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.INFORMATION_SYSTEM;

/** Inventory rows. Called inside a {@code Db.tx}. */
@Repository
class InformationSystemRepository implements RecordStore<InformationSystem, Filter> {

    static final Map<String, Field<?>> SORTABLE = new LinkedHashMap<>();

    static {
        var t = INFORMATION_SYSTEM;
        SORTABLE.put("code", t.CODE);
        SORTABLE.put("name", t.NAME);
        SORTABLE.put("organisationCode", t.ORGANISATION_CODE);
        SORTABLE.put("lifecycleStatus", t.LIFECYCLE_STATUS);
        SORTABLE.put("deployment", t.DEPLOYMENT);
        SORTABLE.put("network", t.NETWORK);
        SORTABLE.put("mustConnect", t.MUST_CONNECT);
        SORTABLE.put("platformConnectedOn", t.PLATFORM_CONNECTED_ON);
        SORTABLE.put("protectionLevel", t.PROTECTION_LEVEL);
        SORTABLE.put("annualOmCost", t.ANNUAL_OM_COST);
        SORTABLE.put("updatedAt", t.UPDATED_AT);
    }

    public PageResult<InformationSystem> find(DSLContext dsl, Filter f, String sort, PageRequest page) {
        Condition where = where(f);
        long total = dsl.fetchCount(INFORMATION_SYSTEM, where);
        List<InformationSystem> items = dsl.selectFrom(INFORMATION_SYSTEM).where(where)
                .orderBy(Sorting.parse(sort, SORTABLE, INFORMATION_SYSTEM.CODE))
                .limit(page.size()).offset(page.offset())
                .fetch(InformationSystemRepository::toDomain);
        return new PageResult<>(items, total, page.page(), page.size());
    }

    public List<InformationSystem> all(DSLContext dsl, Filter f) {
        return dsl.selectFrom(INFORMATION_SYSTEM).where(where(f)).orderBy(INFORMATION_SYSTEM.CODE)
                .fetch(InformationSystemRepository::toDomain);
    }

    public Summary summary(DSLContext dsl, Filter f) {
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
        var counts = dsl.select(DSL.count(), DSL.count().filterWhere(t.MUST_CONNECT.isTrue()),
                        DSL.count().filterWhere(t.MUST_CONNECT.isTrue().and(t.PLATFORM_CONNECTED_ON.isNotNull())))
                .from(t).where(where).fetchOne();
        return new Summary(counts.value1(), byStatus, byDeployment, byNetwork, counts.value2(), counts.value3());
    }

    public Optional<InformationSystem> get(DSLContext dsl, String code) {
        return dsl.selectFrom(INFORMATION_SYSTEM).where(INFORMATION_SYSTEM.CODE.eq(code))
                .fetchOptional(InformationSystemRepository::toDomain);
    }

    public Map<String, InformationSystem> byCodes(DSLContext dsl, Collection<String> codes) {
        Map<String, InformationSystem> found = new LinkedHashMap<>();
        dsl.selectFrom(INFORMATION_SYSTEM).where(INFORMATION_SYSTEM.CODE.in(codes))
                .forEach(r -> found.put(r.getCode(), toDomain(r)));
        return found;
    }

    public void insert(DSLContext dsl, Collection<InformationSystem> systems) {
        if (systems.isEmpty()) {
            return;
        }
        List<org.jooq.Query> queries = new ArrayList<>();
        for (InformationSystem s : systems) {
            queries.add(dsl.insertInto(INFORMATION_SYSTEM).set(toRecord(dsl, s)));
        }
        batch(dsl, queries);
    }

    public void update(DSLContext dsl, Collection<InformationSystem> systems) {
        List<org.jooq.Query> queries = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (InformationSystem s : systems) {
            InformationSystemRecord r = toRecord(dsl, s);
            r.changed(INFORMATION_SYSTEM.CODE, false);
            r.changed(INFORMATION_SYSTEM.CREATED_AT, false);
            r.setUpdatedAt(now);
            queries.add(dsl.update(INFORMATION_SYSTEM).set(r).where(INFORMATION_SYSTEM.CODE.eq(s.code())));
        }
        batch(dsl, queries);
    }

    public boolean retire(DSLContext dsl, String code) {
        return dsl.update(INFORMATION_SYSTEM)
                .set(INFORMATION_SYSTEM.RETIRED_AT, OffsetDateTime.now())
                .set(INFORMATION_SYSTEM.LIFECYCLE_STATUS, LifecycleStatus.RETIRED)
                .set(INFORMATION_SYSTEM.UPDATED_AT, OffsetDateTime.now())
                .where(INFORMATION_SYSTEM.CODE.eq(code)).and(INFORMATION_SYSTEM.RETIRED_AT.isNull())
                .execute() == 1;
    }

    private static void batch(DSLContext dsl, List<org.jooq.Query> queries) {
        for (int i = 0; i < queries.size(); i += 1000) {
            dsl.batch(queries.subList(i, Math.min(queries.size(), i + 1000))).execute();
        }
    }

    static Condition where(Filter f) {
        var t = INFORMATION_SYSTEM;
        List<Condition> c = new ArrayList<>();
        if (f.organisation() != null) {
            c.add(t.ORGANISATION_CODE.eq(f.organisation()));
        }
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
            String like = cn.suqian.govshare.db.Like.containing(f.q());
            c.add(t.NAME.like(like).or(t.CODE.likeIgnoreCase(like)).or(t.PURPOSE.like(like)));
        }
        if (!f.includeRetired()) {
            c.add(t.RETIRED_AT.isNull());
        }
        return DSL.and(c);
    }

    static <E extends Enum<E>> Map<E, Integer> zeros(Class<E> type) {
        Map<E, Integer> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, 0);
        }
        return m;
    }

    static InformationSystem toDomain(InformationSystemRecord r) {
        return r.into(InformationSystem.class);
    }

    static InformationSystemRecord toRecord(DSLContext dsl, InformationSystem s) {
        var t = INFORMATION_SYSTEM;
        return OwnedRecords.row(dsl, t, s, t.RETIRED_AT, t.CREATED_AT, t.UPDATED_AT);
    }
}
