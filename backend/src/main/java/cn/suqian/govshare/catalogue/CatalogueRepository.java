package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.InformationItem;
import cn.suqian.govshare.catalogue.CatalogueService.Filter;
import cn.suqian.govshare.db.Like;
import cn.suqian.govshare.db.schema.tables.records.CatalogueResourceRecord;
import cn.suqian.govshare.record.RecordTable;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.CATALOGUE_RESOURCE;

/** Catalogue rows. Called inside a {@code Db.tx}. */
@Repository
class CatalogueRepository extends RecordTable<CatalogueResource, CatalogueResourceRecord, Filter> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    CatalogueRepository() {
        super(CatalogueResource.class, CATALOGUE_RESOURCE, CATALOGUE_RESOURCE.CODE, CATALOGUE_RESOURCE.PROVIDER_ORGANISATION_CODE,
                CATALOGUE_RESOURCE.RETIRED_AT, CATALOGUE_RESOURCE.CREATED_AT, CATALOGUE_RESOURCE.UPDATED_AT, CATALOGUE_RESOURCE.VERSION,
                List.of(CATALOGUE_RESOURCE.CODE, CATALOGUE_RESOURCE.NAME, CATALOGUE_RESOURCE.PROVIDER_ORGANISATION_CODE,
                        CATALOGUE_RESOURCE.SHARING_TYPE, CATALOGUE_RESOURCE.OPEN_ATTRIBUTE, CATALOGUE_RESOURCE.UPDATE_CYCLE,
                        CATALOGUE_RESOURCE.RELEASED_ON, CATALOGUE_RESOURCE.MOUNTED, CATALOGUE_RESOURCE.MOUNTED_SINCE,
                        CATALOGUE_RESOURCE.UPDATED_AT));
    }

    @Override
    protected List<Condition> conditions(Filter f) {
        var t = CATALOGUE_RESOURCE;
        List<Condition> c = new ArrayList<>();
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
            String like = Like.containing(f.q());
            c.add(t.NAME.like(like).or(t.CODE.like(like)).or(t.ABSTRACT.like(like)));
        }
        return c;
    }

    /** A retired resource is no longer mounted on the platform. */
    @Override
    protected Map<Field<?>, Object> onRetirement() {
        return Map.of(CATALOGUE_RESOURCE.MOUNTED, false);
    }

    /** Active resources, mounted or not, by code. */
    List<Catalogue.ResourceRef> activeRefs(DSLContext dsl) {
        var c = CATALOGUE_RESOURCE;
        return dsl.select(c.CODE, c.NAME, c.PROVIDER_ORGANISATION_CODE, c.MOUNTED, c.UPDATE_CYCLE, c.MOUNTED_SINCE).from(c)
                .where(c.RETIRED_AT.isNull()).orderBy(c.CODE)
                .fetch(r -> new Catalogue.ResourceRef(r.value1(), r.value2(), r.value3(), Boolean.TRUE.equals(r.value4()),
                        r.value5() == null ? null : r.value5().name(), r.value6()));
    }

    List<Catalogue.ResourceFacts> facts(DSLContext dsl) {
        var c = CATALOGUE_RESOURCE;
        return dsl.select(c.CODE, c.PROVIDER_ORGANISATION_CODE, c.MOUNTED, c.SHARING_TYPE, c.BASE_DATABASES)
                .from(c).where(c.RETIRED_AT.isNull()).orderBy(c.CODE)
                .fetch(r -> new Catalogue.ResourceFacts(r.value1(), r.value2(), Boolean.TRUE.equals(r.value3()),
                        Boolean.TRUE.equals(r.value3()) && r.value4() != CatalogueResource.SharingType.NOT_SHARED,
                        r.value5() == null ? List.of() : java.util.Arrays.stream(r.value5()).map(String::valueOf).toList()));
    }

    /** Active resources mounted on the platform, by code. */
    List<Catalogue.MountedResource> mounted(DSLContext dsl) {
        var c = CATALOGUE_RESOURCE;
        return dsl.select(c.CODE, c.PROVIDER_ORGANISATION_CODE, c.SOURCE_SYSTEM_CODE).from(c)
                .where(c.MOUNTED.isTrue()).and(c.RETIRED_AT.isNull()).orderBy(c.CODE)
                .fetch(r -> new Catalogue.MountedResource(r.value1(), r.value2(), r.value3()));
    }

    /** Items are JSON, lists are arrays, and the abstract is a keyword: mapped column by column. */
    @Override
    protected CatalogueResource toDomain(CatalogueResourceRecord r) {
        return new CatalogueResource(r.getCode(), r.getCategory().intValue(), r.getClassName(), r.getItemName(), r.getSubitemName(),
                r.getDetailName(), r.getName(), r.getProviderOrganisationCode(), r.getAbstract(), r.getFormat(),
                items(r.getItems()), r.getSharingType(), r.getSharingCondition(), r.getNotSharedBasis(), r.getSharingMethod(),
                r.getOpenAttribute(), r.getUpdateCycle(), r.getReleasedOn(), List.of(r.getRelatedCodes()), List.of(r.getBaseDatabases()),
                r.getMounted(), r.getMountedSince(), r.getSourceSystemCode(), r.getRetiredAt(), r.getCreatedAt(), r.getUpdatedAt());
    }

    @Override
    protected CatalogueResourceRecord toRow(DSLContext dsl, CatalogueResource c) {
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

    private static List<InformationItem> items(JSONB json) {
        return json == null ? List.of() : JSON.readValue(json.data(), new TypeReference<List<InformationItem>>() {
        });
    }
}
