package cn.suqian.govshare.catalogue;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.util.List;

/** The catalogue's published API for other capabilities. Each method runs inside the caller's transaction. */
@Service
public class Catalogue {

    /** A catalogued resource mounted on the city platform. */
    public record MountedResource(String code, String providerOrganisationCode, String sourceSystemCode) {
    }

    /**
     * An active catalogued resource: who provides it, whether and since when it is mounted on the platform, and its declared
     * update cycle ({@link CatalogueResource.UpdateCycle} name) — the assessment's catalogue and refresh indicators.
     */
    public record ResourceRef(String code, String name, String providerOrganisationCode, boolean mounted, String updateCycle,
                              java.time.LocalDate mountedSince) {
    }

    private final CatalogueRepository resources;

    Catalogue(CatalogueRepository resources) {
        this.resources = resources;
    }

    /** An active resource as the leadership overview counts it (compiled, mounted, shareable, base databases fed). */
    public record ResourceFacts(String code, String providerOrganisationCode, boolean mounted, boolean shareable, List<String> baseDatabases) {
    }

    /** Every active resource, for the overview rollup. */
    public List<ResourceFacts> facts(DSLContext dsl) {
        return resources.facts(dsl);
    }

    /** Active resources mounted on the platform, by code. */
    public List<MountedResource> mounted(DSLContext dsl) {
        return resources.mounted(dsl);
    }

    /** Every active (not retired) resource, mounted or not, by code. */
    public List<ResourceRef> active(DSLContext dsl) {
        return resources.activeRefs(dsl);
    }
}
