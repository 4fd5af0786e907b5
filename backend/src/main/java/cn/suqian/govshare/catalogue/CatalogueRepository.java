package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.InformationItem;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;

import cn.suqian.govshare.catalogue.CatalogueService.Filter;
import cn.suqian.govshare.db.Sorting;
import cn.suqian.govshare.db.schema.tables.records.CatalogueResourceRecord;
import cn.suqian.govshare.record.RecordStore;

import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.CATALOGUE_RESOURCE;

/** Catalogue rows. Called inside a {@code Db.tx}. */
@Repository
class CatalogueRepository implements RecordStore<CatalogueResource, Filter> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static final Map<String, Field<?>> SORTABLE = new LinkedHashMap<>();

    static {
        var t = CATALOGUE_RESOURCE;
        SORTABLE.put("code", t.CODE);
        SORTABLE.put("name", t.NAME);
        SORTABLE.put("providerOrganisationCode", t.PROVIDER_ORGANISATION_CODE);
        SORTABLE.put("sharingType", t.SHARING_TYPE);
        SORTABLE.put("openAttribute", t.OPEN_ATTRIBUTE);
        SORTABLE.put("updateCycle", t.UPDATE_CYCLE);
        SORTABLE.put("releasedOn", t.RELEASED_ON);
        SORTABLE.put("mounted", t.MOUNTED);
        SORTABLE.put("mountedSince", t.MOUNTED_SINCE);
        SORTABLE.put("updatedAt", t.UPDATED_AT);
    }

    public PageResult<CatalogueResource> find(DSLContext dsl, Filter f, String sort, PageRequest page) {
        Condition where = where(f);
        long total = dsl.fetchCount(CATALOGUE_RESOURCE, where);
        var items = dsl.selectFrom(CATALOGUE_RESOURCE).where(where)
                .orderBy(Sorting.parse(sort, SORTABLE, CATALOGUE_RESOURCE.CODE))
                .limit(page.size()).offset(page.offset())
                .fetch(CatalogueRepository::toDomain);
        return new PageResult<>(items, total, page.page(), page.size());
    }

    public List<CatalogueResource> all(DSLContext dsl, Filter f) {
        return dsl.selectFrom(CATALOGUE_RESOURCE).where(where(f)).orderBy(CATALOGUE_RESOURCE.CODE).fetch(CatalogueRepository::toDomain);
    }

    public Optional<CatalogueResource> get(DSLContext dsl, String code) {
        return dsl.selectFrom(CATALOGUE_RESOURCE).where(CATALOGUE_RESOURCE.CODE.eq(code)).fetchOptional(CatalogueRepository::toDomain);
    }

    public Map<String, CatalogueResource> byCodes(DSLContext dsl, Collection<String> codes) {
        Map<String, CatalogueResource> found = new LinkedHashMap<>();
        dsl.selectFrom(CATALOGUE_RESOURCE).where(CATALOGUE_RESOURCE.CODE.in(codes)).forEach(r -> found.put(r.getCode(), toDomain(r)));
        return found;
    }

    public void insert(DSLContext dsl, Collection<CatalogueResource> resources) {
        List<Query> queries = new ArrayList<>();
        for (CatalogueResource r : resources) {
            queries.add(dsl.insertInto(CATALOGUE_RESOURCE).set(toRecord(dsl, r)));
        }
        batch(dsl, queries);
    }

    public void update(DSLContext dsl, Collection<CatalogueResource> resources) {
        List<Query> queries = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (CatalogueResource r : resources) {
            CatalogueResourceRecord rec = toRecord(dsl, r);
            rec.changed(CATALOGUE_RESOURCE.CODE, false);
            rec.setUpdatedAt(now);
            queries.add(dsl.update(CATALOGUE_RESOURCE).set(rec).where(CATALOGUE_RESOURCE.CODE.eq(r.code())));
        }
        batch(dsl, queries);
    }

    public boolean retire(DSLContext dsl, String code) {
        return dsl.update(CATALOGUE_RESOURCE).set(CATALOGUE_RESOURCE.RETIRED_AT, OffsetDateTime.now())
                .set(CATALOGUE_RESOURCE.MOUNTED, false)
                .set(CATALOGUE_RESOURCE.UPDATED_AT, OffsetDateTime.now())
                .where(CATALOGUE_RESOURCE.CODE.eq(code)).and(CATALOGUE_RESOURCE.RETIRED_AT.isNull()).execute() == 1;
    }

    private static void batch(DSLContext dsl, List<Query> queries) {
        for (int i = 0; i < queries.size(); i += 1000) {
            dsl.batch(queries.subList(i, Math.min(queries.size(), i + 1000))).execute();
        }
    }

    static Condition where(Filter f) {
        var t = CATALOGUE_RESOURCE;
        List<Condition> c = new ArrayList<>();
        if (f.organisation() != null) {
            c.add(t.PROVIDER_ORGANISATION_CODE.eq(f.organisation()));
        }
        if (f.sharingType() != null) {
            c.add(t.SHARING_TYPE.eq(f.sharingType()));
        }
        if (f.openAttribute() != null) {
            c.add(t.OPEN_ATTRIBUTE.eq(f.openAttribute()));
        }
        if (f.mounted() != null) {
            c.add(t.MOUNTED.eq(f.mounted()));
        }
        if (f.baseDatabase() != null) {
            c.add(t.BASE_DATABASES.contains(new BaseDatabase[]{f.baseDatabase()}));
        }
        if (f.category() != null) {
            c.add(t.CATEGORY.eq(f.category().shortValue()));
        }
        if (f.sourceSystem() != null) {
            c.add(t.SOURCE_SYSTEM_CODE.eq(f.sourceSystem()));
        }
        if (f.q() != null && !f.q().isBlank()) {
            String like = cn.suqian.govshare.db.Like.containing(f.q());
            c.add(t.NAME.like(like).or(t.CODE.like(like)).or(t.ABSTRACT.like(like)));
        }
        if (!f.includeRetired()) {
            c.add(t.RETIRED_AT.isNull());
        }
        return DSL.and(c);
    }

    static CatalogueResource toDomain(CatalogueResourceRecord r) {
        return new CatalogueResource(r.getCode(), r.getCategory().intValue(), r.getClassName(), r.getItemName(), r.getSubitemName(),
                r.getDetailName(), r.getName(), r.getProviderOrganisationCode(), r.getAbstract(), r.getFormat(),
                items(r.getItems()), r.getSharingType(), r.getSharingCondition(), r.getNotSharedBasis(), r.getSharingMethod(),
                r.getOpenAttribute(), r.getUpdateCycle(), r.getReleasedOn(), List.of(r.getRelatedCodes()), List.of(r.getBaseDatabases()),
                r.getMounted(), r.getMountedSince(), r.getSourceSystemCode(), r.getRetiredAt(), r.getCreatedAt(), r.getUpdatedAt());
    }

    static CatalogueResourceRecord toRecord(DSLContext dsl, CatalogueResource c) {
        CatalogueResourceRecord r = dsl.newRecord(CATALOGUE_RESOURCE);
        r.setCode(c.code());
        r.setCategory(c.category().shortValue());
        r.setClassName(c.className());
        r.setItemName(c.itemName());
        r.setSubitemName(c.subitemName());
        r.setDetailName(c.detailName());
        r.setName(c.name());
        r.setProviderOrganisationCode(c.providerOrganisationCode());
        r.setAbstract(c.abstractText());
        r.setFormat(c.format());
        r.setItems(JSONB.valueOf(JSON.writeValueAsString(c.items())));
        r.setSharingType(c.sharingType());
        r.setSharingCondition(c.sharingCondition());
        r.setNotSharedBasis(c.notSharedBasis());
        r.setSharingMethod(c.sharingMethod());
        r.setOpenAttribute(c.openAttribute());
        r.setUpdateCycle(c.updateCycle());
        r.setReleasedOn(c.releasedOn());
        r.setRelatedCodes(c.relatedCodes().toArray(String[]::new));
        r.setBaseDatabases(c.baseDatabases().toArray(BaseDatabase[]::new));
        r.setMounted(c.mounted());
        r.setMountedSince(c.mountedSince());
        r.setSourceSystemCode(c.sourceSystemCode());
        return r;
    }

    static List<InformationItem> items(JSONB json) {
        return json == null ? List.of() : JSON.readValue(json.data(), new TypeReference<List<InformationItem>>() {
        });
    }
}
