package cn.suqian.govshare.support;

import cn.suqian.govshare.catalogue.CatalogueResource;
import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.DataType;
import cn.suqian.govshare.catalogue.CatalogueResource.Format;
import cn.suqian.govshare.catalogue.CatalogueResource.InformationItem;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingMethod;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;
import cn.suqian.govshare.catalogue.CatalogueResource.UpdateCycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalogue entries for tests: {@code aResource()} is a valid, unconditionally shared, unmounted
 * department resource of the water bureau; a test changes only what it is about.
 */
public final class CatalogueResources {

    private CatalogueResources() {
    }

    public static Builder aResource() {
        return new Builder();
    }

    public static final class Builder {
        private String code = "301001/000001";
        private Integer category = 3;
        private String name = "水利工程基础信息";
        private String providerOrganisationCode = "water";
        private Format format = Format.DATABASE;
        private final List<InformationItem> items = new ArrayList<>();
        private SharingType sharingType = SharingType.UNCONDITIONAL;
        private String sharingCondition;
        private String notSharedBasis;
        private SharingMethod sharingMethod = SharingMethod.INTERFACE;
        private OpenAttribute openAttribute = OpenAttribute.NOT_OPEN;
        private UpdateCycle updateCycle = UpdateCycle.DAILY;
        private LocalDate releasedOn;
        private List<String> relatedCodes = List.of();
        private List<BaseDatabase> baseDatabases = List.of();
        private Boolean mounted = false;
        private LocalDate mountedSince;
        private String sourceSystemCode;

        private Builder() {
        }

        public Builder code(String code) { this.code = code; return this; }
        public Builder category(Integer category) { this.category = category; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder provider(String organisationCode) { this.providerOrganisationCode = organisationCode; return this; }
        public Builder format(Format format) { this.format = format; return this; }
        public Builder item(String name, DataType type) { this.items.add(new InformationItem(name, type)); return this; }
        public Builder sharing(SharingType sharingType) { this.sharingType = sharingType; return this; }
        public Builder condition(String condition) { this.sharingCondition = condition; return this; }
        public Builder notSharedBasis(String basis) { this.notSharedBasis = basis; return this; }
        public Builder method(SharingMethod method) { this.sharingMethod = method; return this; }
        public Builder open(OpenAttribute openAttribute) { this.openAttribute = openAttribute; return this; }
        public Builder updated(UpdateCycle cycle) { this.updateCycle = cycle; return this; }
        public Builder releasedOn(LocalDate date) { this.releasedOn = date; return this; }
        public Builder related(String... codes) { this.relatedCodes = List.of(codes); return this; }
        public Builder baseDatabases(BaseDatabase... databases) { this.baseDatabases = List.of(databases); return this; }
        public Builder mounted(Boolean mounted) { this.mounted = mounted; return this; }
        public Builder mountedSince(LocalDate date) { this.mountedSince = date; return this; }
        public Builder sourceSystem(String systemCode) { this.sourceSystemCode = systemCode; return this; }

        /** Shared on condition, with the condition stated. */
        public Builder sharedOnCondition(String condition) {
            return sharing(SharingType.CONDITIONAL).condition(condition);
        }

        /** Mounted on the sharing platform since the given date. */
        public Builder mountedOn(LocalDate since) {
            return mounted(true).mountedSince(since);
        }

        public CatalogueResource build() {
            return new CatalogueResource(code, category, null, null, null, null, name, providerOrganisationCode, null, format,
                    List.copyOf(items), sharingType, sharingCondition, notSharedBasis, sharingMethod, openAttribute, updateCycle, releasedOn,
                    relatedCodes, baseDatabases, mounted, mountedSince, sourceSystemCode, null, null, null);
        }

        /** The entry as an API request body: its fields that are set, enums by name, dates ISO-8601; mutable. */
        public Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            Json.put(body, "code", code);
            Json.put(body, "category", category);
            Json.put(body, "name", name);
            Json.put(body, "providerOrganisationCode", providerOrganisationCode);
            Json.put(body, "format", format);
            if (!items.isEmpty()) {
                body.put("items", items.stream().map(i -> Map.of("name", i.name(), "dataType", i.dataType().name())).toList());
            }
            Json.put(body, "sharingType", sharingType);
            Json.put(body, "sharingCondition", sharingCondition);
            Json.put(body, "notSharedBasis", notSharedBasis);
            Json.put(body, "sharingMethod", sharingMethod);
            Json.put(body, "openAttribute", openAttribute);
            Json.put(body, "updateCycle", updateCycle);
            Json.put(body, "releasedOn", releasedOn);
            if (!relatedCodes.isEmpty()) {
                body.put("relatedCodes", relatedCodes);
            }
            if (!baseDatabases.isEmpty()) {
                body.put("baseDatabases", baseDatabases.stream().map(Enum::name).toList());
            }
            Json.put(body, "mounted", mounted);
            Json.put(body, "mountedSince", mountedSince);
            Json.put(body, "sourceSystemCode", sourceSystemCode);
            return body;
        }
    }
}
