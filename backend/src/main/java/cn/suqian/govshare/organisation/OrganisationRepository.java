package cn.suqian.govshare.organisation;

import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.suqian.govshare.db.schema.Tables.ORGANISATION;

/** Organisation rows. Called inside a {@code Db.tx}; never on the event loop. */
@Repository
class OrganisationRepository {

    public PageResult<Organisation> find(DSLContext dsl, OrganisationType type, String query, boolean includeRetired,
                                         PageRequest page) {
        List<Condition> where = new ArrayList<>();
        if (type != null) {
            where.add(ORGANISATION.TYPE.eq(type));
        }
        if (query != null && !query.isBlank()) {
            String like = cn.suqian.govshare.db.Like.containing(query);
            where.add(ORGANISATION.NAME.like(like).or(ORGANISATION.CODE.likeIgnoreCase(like))
                    .or(ORGANISATION.NAME_EN.likeIgnoreCase(like)));
        }
        if (!includeRetired) {
            where.add(ORGANISATION.RETIRED_AT.isNull());
        }
        long total = dsl.fetchCount(ORGANISATION, DSL.and(where));
        List<Organisation> items = dsl.selectFrom(ORGANISATION)
                .where(where)
                // the city first, then departments, counties/districts, zones; by code within a type
                .orderBy(ORGANISATION.TYPE.sortAsc(OrganisationType.values()), ORGANISATION.CODE)
                .limit(page.size()).offset(page.offset())
                .fetch(OrganisationRepository::toOrganisation);
        return new PageResult<>(items, total, page.page(), page.size());
    }

    public Optional<Organisation> get(DSLContext dsl, String code) {
        return dsl.selectFrom(ORGANISATION).where(ORGANISATION.CODE.eq(code)).fetchOptional(OrganisationRepository::toOrganisation);
    }

    /** The stored version of an organisation, its row locked until the transaction ends; empty when there is none. */
    public Optional<Long> lockVersion(DSLContext dsl, String code) {
        return dsl.select(ORGANISATION.VERSION).from(ORGANISATION).where(ORGANISATION.CODE.eq(code)).forUpdate()
                .fetchOptional(ORGANISATION.VERSION);
    }

    /** The stored version of an organisation as this transaction sees it (no lock: for reads). */
    public Optional<Long> version(DSLContext dsl, String code) {
        return dsl.select(ORGANISATION.VERSION).from(ORGANISATION).where(ORGANISATION.CODE.eq(code)).fetchOptional(ORGANISATION.VERSION);
    }

    public boolean exists(DSLContext dsl, String code) {
        return dsl.fetchExists(ORGANISATION, ORGANISATION.CODE.eq(code));
    }

    public void updateContact(DSLContext dsl, String code, String person, String phone) {
        var changed = ORGANISATION.CONTACT_PERSON.isDistinctFrom(person).or(ORGANISATION.CONTACT_PHONE.isDistinctFrom(phone));
        dsl.update(ORGANISATION)
                .set(ORGANISATION.CONTACT_PERSON, person)
                .set(ORGANISATION.CONTACT_PHONE, phone)
                .set(ORGANISATION.UPDATED_AT, DSL.case_().when(changed, DSL.val(OffsetDateTime.now())).else_(ORGANISATION.UPDATED_AT))
                .set(ORGANISATION.VERSION, DSL.case_().when(changed, ORGANISATION.VERSION.plus(1)).else_(ORGANISATION.VERSION))
                .where(ORGANISATION.CODE.eq(code))
                .execute();
    }

    public void insert(DSLContext dsl, Organisation o) {
        dsl.insertInto(ORGANISATION)
                .set(ORGANISATION.CODE, o.code())
                .set(ORGANISATION.NAME, o.name())
                .set(ORGANISATION.NAME_EN, o.nameEn())
                .set(ORGANISATION.TYPE, o.type())
                .set(ORGANISATION.PARENT_CODE, o.parentCode())
                .set(ORGANISATION.UNIFIED_CODE, o.unifiedCode())
                .set(ORGANISATION.CONTACT_PERSON, o.contactPerson())
                .set(ORGANISATION.CONTACT_PHONE, o.contactPhone())
                .execute();
    }

    public void update(DSLContext dsl, Organisation o) {
        dsl.update(ORGANISATION)
                .set(ORGANISATION.NAME, o.name())
                .set(ORGANISATION.NAME_EN, o.nameEn())
                .set(ORGANISATION.TYPE, o.type())
                .set(ORGANISATION.PARENT_CODE, o.parentCode())
                .set(ORGANISATION.UNIFIED_CODE, o.unifiedCode())
                .set(ORGANISATION.CONTACT_PERSON, o.contactPerson())
                .set(ORGANISATION.CONTACT_PHONE, o.contactPhone())
                .set(ORGANISATION.UPDATED_AT, OffsetDateTime.now())
                .set(ORGANISATION.VERSION, ORGANISATION.VERSION.plus(1))
                .where(ORGANISATION.CODE.eq(o.code()))
                .execute();
    }

    public boolean retire(DSLContext dsl, String code) {
        return dsl.update(ORGANISATION).set(ORGANISATION.RETIRED_AT, OffsetDateTime.now())
                .set(ORGANISATION.UPDATED_AT, OffsetDateTime.now())
                .set(ORGANISATION.VERSION, ORGANISATION.VERSION.plus(1))
                .where(ORGANISATION.CODE.eq(code)).and(ORGANISATION.RETIRED_AT.isNull()).execute() == 1;
    }

    public boolean hasActiveChildren(DSLContext dsl, String code) {
        return dsl.fetchExists(ORGANISATION, ORGANISATION.PARENT_CODE.eq(code).and(ORGANISATION.RETIRED_AT.isNull()));
    }

    public List<Organisation> active(DSLContext dsl) {
        return dsl.selectFrom(ORGANISATION).where(ORGANISATION.RETIRED_AT.isNull()).orderBy(ORGANISATION.CODE)
                .fetch(OrganisationRepository::toOrganisation);
    }

    /**
     * Active organisations that existed before {@code end}: created before it, or installed with the registry
     * (the organisations of the plan, created with the first ones).
     */
    public List<Organisation> activeCreatedBefore(DSLContext dsl, OffsetDateTime end) {
        var installed = DSL.select(DSL.min(ORGANISATION.CREATED_AT)).from(ORGANISATION);
        return dsl.selectFrom(ORGANISATION).where(ORGANISATION.RETIRED_AT.isNull())
                .and(ORGANISATION.CREATED_AT.lt(end).or(ORGANISATION.CREATED_AT.le(installed)))
                .orderBy(ORGANISATION.CODE)
                .fetch(OrganisationRepository::toOrganisation);
    }

    public Map<OrganisationType, Integer> countByType(DSLContext dsl) {
        Map<OrganisationType, Integer> counts = new java.util.EnumMap<>(OrganisationType.class);
        for (OrganisationType t : OrganisationType.values()) {
            counts.put(t, 0);
        }
        dsl.select(ORGANISATION.TYPE, DSL.count()).from(ORGANISATION).where(ORGANISATION.RETIRED_AT.isNull())
                .groupBy(ORGANISATION.TYPE)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    static Organisation toOrganisation(cn.suqian.govshare.db.schema.tables.records.OrganisationRecord r) {
        return r.into(Organisation.class);
    }
}
