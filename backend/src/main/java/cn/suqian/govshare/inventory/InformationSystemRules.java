package cn.suqian.govshare.inventory;

import cn.suqian.govshare.record.RecordRules;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;

import cn.suqian.govshare.record.References;

import cn.suqian.govshare.web.FieldProblem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What makes an inventory record acceptable. Each problem names the field, the value and the reason. */
final class InformationSystemRules {

    static final Pattern CODE = RecordRules.CODE;

    private InformationSystemRules() {
    }

    /** Checks that need nothing but the record itself. */
    static List<FieldProblem> check(InformationSystem s, LocalDate today) {
        List<FieldProblem> p = new ArrayList<>();
        if (s.code() == null || !CODE.matcher(s.code()).matches()) {
            p.add(new FieldProblem("code", s.code(), "2-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter"));
        }
        if (s.organisationCode() == null) {
            p.add(new FieldProblem("organisationCode", null, "required"));
        }
        if (s.name() == null) {
            p.add(new FieldProblem("name", null, "required"));
        } else if (s.name().length() > 200) {
            p.add(new FieldProblem("name", s.name(), "at most 200 characters"));
        }
        required(p, "fundingType", s.fundingType());
        required(p, "lifecycleStatus", s.lifecycleStatus());
        required(p, "deployment", s.deployment());
        required(p, "network", s.network());
        required(p, "mustConnect", s.mustConnect());
        if (s.deployment() == Deployment.OWN_DATA_ROOM && s.dataRoomCode() == null) {
            p.add(new FieldProblem("dataRoomCode", null, "required for a system deployed in its own data room"));
        }
        if (s.deployment() != null && s.deployment() != Deployment.OWN_DATA_ROOM && s.dataRoomCode() != null) {
            p.add(new FieldProblem("dataRoomCode", s.dataRoomCode(), "only for systems deployed in their own data room"));
        }
        if (s.network() == NetworkType.PRIVATE_NETWORK) {
            if (s.privateNetworkCode() == null) {
                p.add(new FieldProblem("privateNetworkCode", null, "required for a system on a private business network"));
            }
            if (s.migrationPlannedOn() == null) {
                p.add(new FieldProblem("migrationPlannedOn", null,
                        "a system on a private business network needs the planned date of its migration to the e-government extranet"));
            }
        } else if (s.privateNetworkCode() != null) {
            p.add(new FieldProblem("privateNetworkCode", s.privateNetworkCode(), "only for systems on a private business network"));
        }
        if (s.platformConnectedOn() != null && s.platformConnectedOn().isAfter(today)) {
            p.add(new FieldProblem("platformConnectedOn", s.platformConnectedOn(), "cannot be in the future"));
        }
        if (s.statusSince() != null && s.statusSince().isAfter(today)) {
            p.add(new FieldProblem("statusSince", s.statusSince(), "cannot be in the future"));
        }
        if (s.protectionLevel() != null && (s.protectionLevel() < 1 || s.protectionLevel() > 5)) {
            p.add(new FieldProblem("protectionLevel", s.protectionLevel(), "classified-protection level 1 to 5"));
        }
        if (s.protectionAssessedOn() != null) {
            if (s.protectionLevel() == null) {
                p.add(new FieldProblem("protectionAssessedOn", s.protectionAssessedOn(), "an assessment date needs a protection level"));
            }
            if (s.protectionAssessedOn().isAfter(today)) {
                p.add(new FieldProblem("protectionAssessedOn", s.protectionAssessedOn(), "cannot be in the future"));
            }
        }
        if (s.annualOmCost() != null && s.annualOmCost().compareTo(BigDecimal.ZERO) < 0) {
            p.add(new FieldProblem("annualOmCost", s.annualOmCost(), "cannot be negative"));
        }
        if (s.annualOmCost() != null && s.annualOmCost().compareTo(new BigDecimal("999999999999")) > 0) {
            p.add(new FieldProblem("annualOmCost", s.annualOmCost(), "too large"));
        }
        for (String alias : s.exchangeAliases()) {
            if (alias.length() > 200) {
                p.add(new FieldProblem("exchangeAliases", alias, "at most 200 characters per alias"));
            }
        }
        return p;
    }

    /** Checks against the registry: owners exist, networks and rooms belong to the same organisation, aliases are free. */
    static List<FieldProblem> checkReferences(InformationSystem s, References l) {
        List<FieldProblem> p = new ArrayList<>();
        if (s.organisationCode() != null && !l.organisations().contains(s.organisationCode())) {
            p.add(new FieldProblem("organisationCode", s.organisationCode(), "unknown organisation code"));
        }
        if (s.privateNetworkCode() != null) {
            String owner = l.networkOwner().get(s.privateNetworkCode());
            if (owner == null) {
                p.add(new FieldProblem("privateNetworkCode", s.privateNetworkCode(), "unknown private network code"));
            } else if (!owner.equals(s.organisationCode())) {
                p.add(new FieldProblem("privateNetworkCode", s.privateNetworkCode(), "belongs to organisation " + owner));
            }
        }
        if (s.dataRoomCode() != null) {
            String owner = l.dataRoomOwner().get(s.dataRoomCode());
            if (owner == null) {
                p.add(new FieldProblem("dataRoomCode", s.dataRoomCode(), "unknown data room code"));
            } else if (!owner.equals(s.organisationCode())) {
                p.add(new FieldProblem("dataRoomCode", s.dataRoomCode(), "belongs to organisation " + owner));
            }
        }
        for (String alias : s.exchangeAliases()) {
            String holder = l.aliasHolder().get(alias);
            if (holder != null && !holder.equals(s.code())) {
                p.add(new FieldProblem("exchangeAliases", alias, "already identifies system " + holder));
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
