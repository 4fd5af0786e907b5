package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;

import cn.suqian.govshare.record.References;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a catalogue entry acceptable under the national compilation guide and the plan. */
final class CatalogueRules {

    /** 类 (1 digit, 1-3) · 项 (2) · 目 (3) · optional 细目 digits, then '/' and the sequence number. */
    static final Pattern CODE = Pattern.compile("^([1-3])[0-9]{2}[0-9]{3}[0-9]{0,9}/[0-9]{4,9}$");

    private CatalogueRules() {
    }

    static List<FieldProblem> check(CatalogueResource r, LocalDate today) {
        List<FieldProblem> p = new ArrayList<>();
        var m = r.code() == null ? null : CODE.matcher(r.code());
        if (m == null || !m.matches()) {
            p.add(FieldProblem.of("code", r.code(), ProblemCode.RESOURCE_CODE));
        } else if (r.category() != null && r.category() != Integer.parseInt(m.group(1))) {
            p.add(FieldProblem.of("category", r.category(), ProblemCode.CATEGORY_MISMATCH, m.group(1)));
        }
        if (r.category() == null || r.category() < 1 || r.category() > 3) {
            p.add(FieldProblem.of("category", r.category(), ProblemCode.CATALOGUE_CATEGORY));
        }
        if (r.name() == null) {
            p.add(FieldProblem.required("name"));
        } else if (r.name().length() > 200) {
            p.add(FieldProblem.maxLength("name", r.name(), 200));
        }
        if (r.providerOrganisationCode() == null) {
            p.add(FieldProblem.required("providerOrganisationCode"));
        }
        required(p, "format", r.format());
        required(p, "sharingType", r.sharingType());
        required(p, "openAttribute", r.openAttribute());
        required(p, "updateCycle", r.updateCycle());
        if (r.sharingType() == SharingType.CONDITIONAL && r.sharingCondition() == null) {
            p.add(FieldProblem.of("sharingCondition", null, ProblemCode.CONDITION_REQUIRED));
        }
        if (r.sharingType() == SharingType.NOT_SHARED && r.notSharedBasis() == null) {
            p.add(FieldProblem.of("notSharedBasis", null, ProblemCode.LEGAL_BASIS_REQUIRED));
        }
        if (r.sharingType() != null && r.sharingType() != SharingType.NOT_SHARED && r.sharingMethod() == null) {
            p.add(FieldProblem.of("sharingMethod", null, ProblemCode.SHARING_METHOD_REQUIRED));
        }
        if (Boolean.TRUE.equals(r.mounted())) {
            if (r.mountedSince() == null) {
                p.add(FieldProblem.of("mountedSince", null, ProblemCode.MOUNTED_SINCE_REQUIRED));
            }
            if (r.sharingType() == SharingType.NOT_SHARED) {
                p.add(FieldProblem.of("mounted", true, ProblemCode.NOT_SHARED_MOUNTED));
            }
        }
        if (r.mountedSince() != null && r.mountedSince().isAfter(today)) {
            p.add(FieldProblem.notInFuture("mountedSince", r.mountedSince()));
        }
        if (r.releasedOn() != null && r.releasedOn().isAfter(today)) {
            p.add(FieldProblem.notInFuture("releasedOn", r.releasedOn()));
        }
        Set<String> itemNames = new HashSet<>();
        for (var item : r.items()) {
            if (item.name() == null) {
                p.add(FieldProblem.of("items", item, ProblemCode.ITEM_NAME_REQUIRED));
            } else if (!itemNames.add(item.name())) {
                p.add(FieldProblem.of("items", item.name(), ProblemCode.ITEM_REPEATED));
            }
            if (item.dataType() == null) {
                p.add(FieldProblem.of("items", item.name(), ProblemCode.ITEM_TYPE_REQUIRED));
            }
        }
        for (String related : r.relatedCodes()) {
            if (!CODE.matcher(related).matches()) {
                p.add(FieldProblem.of("relatedCodes", related, ProblemCode.RESOURCE_CODE));
            } else if (related.equals(r.code())) {
                p.add(FieldProblem.of("relatedCodes", related, ProblemCode.RELATES_TO_ITSELF));
            }
        }
        return p;
    }

    static List<FieldProblem> checkReferences(CatalogueResource r, References l) {
        List<FieldProblem> p = new ArrayList<>();
        if (r.providerOrganisationCode() != null && !l.organisations().contains(r.providerOrganisationCode())) {
            p.add(FieldProblem.unknownOrganisation("providerOrganisationCode", r.providerOrganisationCode()));
        }
        if (r.sourceSystemCode() != null) {
            String owner = l.systemOwner().get(r.sourceSystemCode());
            if (owner == null) {
                p.add(FieldProblem.of("sourceSystemCode", r.sourceSystemCode(), ProblemCode.UNKNOWN_SYSTEM));
            } else if (!owner.equals(r.providerOrganisationCode())) {
                p.add(FieldProblem.belongsTo("sourceSystemCode", r.sourceSystemCode(), owner));
            }
        }
        return p;
    }

    private static void required(List<FieldProblem> p, String field, Object value) {
        if (value == null) {
            p.add(FieldProblem.required(field));
        }
    }
}
