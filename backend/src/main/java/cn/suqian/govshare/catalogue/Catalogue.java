package cn.suqian.govshare.catalogue;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.CATALOGUE_RESOURCE;

/** The catalogue's published API for other capabilities. Each method runs inside the caller's transaction. */
@Service
public class Catalogue {

    /** A catalogued resource mounted on the city platform. */
    public record MountedResource(String code, String providerOrganisationCode, String sourceSystemCode) {
    }

    /** Active resources mounted on the platform, by code. */
    public List<MountedResource> mounted(DSLContext dsl) {
        var c = CATALOGUE_RESOURCE;
        return dsl.select(c.CODE, c.PROVIDER_ORGANISATION_CODE, c.SOURCE_SYSTEM_CODE).from(c)
                .where(c.MOUNTED.isTrue()).and(c.RETIRED_AT.isNull()).orderBy(c.CODE)
                .fetch(r -> new MountedResource(r.value1(), r.value2(), r.value3()));
    }
}
