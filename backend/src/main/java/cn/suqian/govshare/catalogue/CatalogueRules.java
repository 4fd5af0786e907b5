package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;

import cn.suqian.govshare.record.References;

import cn.suqian.govshare.web.FieldProblem;

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
            p.add(new FieldProblem("code", r.code(),
                    "resource code: 类 (1 digit 1-3), 项 (2 digits), 目 (3 digits), optional 细目 digits, '/', sequence (4-9 digits), e.g. 101001/000001"));
        } else if (r.category() != null && r.category() != Integer.parseInt(m.group(1))) {
            p.add(new FieldProblem("category", r.category(), "does not match the code's first digit (" + m.group(1) + ")"));
        }
        if (r.category() == null || r.category() < 1 || r.category() > 3) {
            p.add(new FieldProblem("category", r.category(), "1 基础信息资源, 2 主题信息资源 or 3 部门信息资源"));
        }
        if (r.name() == null) {
            p.add(new FieldProblem("name", null, "required"));
        } else if (r.name().length() > 200) {
            p.add(new FieldProblem("name", r.name(), "at most 200 characters"));
        }
        if (r.providerOrganisationCode() == null) {
            p.add(new FieldProblem("providerOrganisationCode", null, "required"));
        }
        required(p, "format", r.format());
        required(p, "sharingType", r.sharingType());
        required(p, "openAttribute", r.openAttribute());
        required(p, "updateCycle", r.updateCycle());
        if (r.sharingType() == SharingType.CONDITIONAL && r.sharingCondition() == null) {
            p.add(new FieldProblem("sharingCondition", null, "a conditionally shared (有条件共享) resource must state its condition"));
        }
        if (r.sharingType() == SharingType.NOT_SHARED && r.notSharedBasis() == null) {
            p.add(new FieldProblem("notSharedBasis", null, "a resource that is not shared (不予共享) must cite its legal basis"));
        }
        if (r.sharingType() != null && r.sharingType() != SharingType.NOT_SHARED && r.sharingMethod() == null) {
            p.add(new FieldProblem("sharingMethod", null, "required for a shared resource"));
        }
        if (Boolean.TRUE.equals(r.mounted())) {
            if (r.mountedSince() == null) {
                p.add(new FieldProblem("mountedSince", null, "a mounted resource needs the date it was mounted on the platform"));
            }
            if (r.sharingType() == SharingType.NOT_SHARED) {
                p.add(new FieldProblem("mounted", true, "a resource that is not shared cannot be mounted for sharing"));
            }
        }
        if (r.mountedSince() != null && r.mountedSince().isAfter(today)) {
            p.add(new FieldProblem("mountedSince", r.mountedSince(), "cannot be in the future"));
        }
        if (r.releasedOn() != null && r.releasedOn().isAfter(today)) {
            p.add(new FieldProblem("releasedOn", r.releasedOn(), "cannot be in the future"));
        }
        Set<String> itemNames = new HashSet<>();
        for (var item : r.items()) {
            if (item.name() == null) {
                p.add(new FieldProblem("items", item, "every information item needs a name"));
            } else if (!itemNames.add(item.name())) {
                p.add(new FieldProblem("items", item.name(), "information item listed twice"));
            }
            if (item.dataType() == null) {
                p.add(new FieldProblem("items", item.name(), "every information item needs a data type"));
            }
        }
        for (String related : r.relatedCodes()) {
            if (!CODE.matcher(related).matches()) {
                p.add(new FieldProblem("relatedCodes", related, "not a resource code"));
            } else if (related.equals(r.code())) {
                p.add(new FieldProblem("relatedCodes", related, "a resource cannot relate to itself"));
            }
        }
        return p;
    }

    static List<FieldProblem> checkReferences(CatalogueResource r, References l) {
        List<FieldProblem> p = new ArrayList<>();
        if (r.providerOrganisationCode() != null && !l.organisations().contains(r.providerOrganisationCode())) {
            p.add(new FieldProblem("providerOrganisationCode", r.providerOrganisationCode(), "unknown organisation code"));
        }
        if (r.sourceSystemCode() != null) {
            String owner = l.systemOwner().get(r.sourceSystemCode());
            if (owner == null) {
                p.add(new FieldProblem("sourceSystemCode", r.sourceSystemCode(), "unknown (or retired) information system"));
            } else if (!owner.equals(r.providerOrganisationCode())) {
                p.add(new FieldProblem("sourceSystemCode", r.sourceSystemCode(), "belongs to organisation " + owner + ", not the provider"));
            }
        }
        return p;
    }

    private static void required(List<FieldProblem> p, String field, Object value) {
        if (value == null) {
            p.add(new FieldProblem(field, null, "required"));
        }
    }
}
