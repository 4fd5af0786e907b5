package cn.suqian.govshare.inventory;

import cn.suqian.govshare.record.RecordRules;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;

import cn.suqian.govshare.record.References;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

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
            p.add(FieldProblem.codeFormat("code", s.code(), 64, ". _ -"));
        }
        if (s.organisationCode() == null) {
            p.add(FieldProblem.required("organisationCode"));
        }
        if (s.name() == null) {
            p.add(FieldProblem.required("name"));
        } else if (s.name().length() > 200) {
            p.add(FieldProblem.maxLength("name", s.name(), 200));
        }
        required(p, "fundingType", s.fundingType());
        required(p, "lifecycleStatus", s.lifecycleStatus());
        required(p, "deployment", s.deployment());
        required(p, "network", s.network());
        required(p, "mustConnect", s.mustConnect());
        if (s.deployment() == Deployment.OWN_DATA_ROOM && s.dataRoomCode() == null) {
            p.add(FieldProblem.of("dataRoomCode", null, ProblemCode.DATA_ROOM_REQUIRED));
        }
        if (s.deployment() != null && s.deployment() != Deployment.OWN_DATA_ROOM && s.dataRoomCode() != null) {
            p.add(FieldProblem.of("dataRoomCode", s.dataRoomCode(), ProblemCode.ONLY_OWN_DATA_ROOM));
        }
        if (s.network() == NetworkType.PRIVATE_NETWORK) {
            if (s.privateNetworkCode() == null) {
                p.add(FieldProblem.of("privateNetworkCode", null, ProblemCode.PRIVATE_NETWORK_REQUIRED));
            }
            if (s.migrationPlannedOn() == null) {
                p.add(FieldProblem.of("migrationPlannedOn", null, ProblemCode.MIGRATION_PLAN_REQUIRED));
            }
        } else if (s.privateNetworkCode() != null) {
            p.add(FieldProblem.of("privateNetworkCode", s.privateNetworkCode(), ProblemCode.ONLY_PRIVATE_NETWORK));
        }
        if (s.platformConnectedOn() != null && s.platformConnectedOn().isAfter(today)) {
            p.add(FieldProblem.notInFuture("platformConnectedOn", s.platformConnectedOn()));
        }
        if (s.statusSince() != null && s.statusSince().isAfter(today)) {
            p.add(FieldProblem.notInFuture("statusSince", s.statusSince()));
        }
        if (s.protectionLevel() != null && (s.protectionLevel() < 1 || s.protectionLevel() > 5)) {
            p.add(FieldProblem.of("protectionLevel", s.protectionLevel(), ProblemCode.PROTECTION_LEVEL));
        }
        if (s.protectionAssessedOn() != null) {
            if (s.protectionLevel() == null) {
                p.add(FieldProblem.of("protectionAssessedOn", s.protectionAssessedOn(), ProblemCode.ASSESSMENT_NEEDS_LEVEL));
            }
            if (s.protectionAssessedOn().isAfter(today)) {
                p.add(FieldProblem.notInFuture("protectionAssessedOn", s.protectionAssessedOn()));
            }
        }
        if (s.annualOmCost() != null && s.annualOmCost().compareTo(BigDecimal.ZERO) < 0) {
            p.add(FieldProblem.notNegative("annualOmCost", s.annualOmCost()));
        }
        if (s.annualOmCost() != null && s.annualOmCost().compareTo(new BigDecimal("999999999999")) > 0) {
            p.add(FieldProblem.of("annualOmCost", s.annualOmCost(), ProblemCode.TOO_LARGE));
        }
        for (String alias : s.exchangeAliases()) {
            if (alias.length() > 200) {
                p.add(FieldProblem.maxLength("exchangeAliases", alias, 200));
            }
        }
        return p;
    }

    /** Checks against the registry: owners exist, networks and rooms belong to the same organisation, aliases are free. */
    static List<FieldProblem> checkReferences(InformationSystem s, References l) {
        List<FieldProblem> p = new ArrayList<>();
        if (s.organisationCode() != null && !l.organisations().contains(s.organisationCode())) {
            p.add(FieldProblem.unknownOrganisation("organisationCode", s.organisationCode()));
        }
        if (s.privateNetworkCode() != null) {
            String owner = l.networkOwner().get(s.privateNetworkCode());
            if (owner == null) {
                p.add(FieldProblem.of("privateNetworkCode", s.privateNetworkCode(), ProblemCode.UNKNOWN_PRIVATE_NETWORK));
            } else if (!owner.equals(s.organisationCode())) {
                p.add(FieldProblem.belongsTo("privateNetworkCode", s.privateNetworkCode(), owner));
            }
        }
        if (s.dataRoomCode() != null) {
            String owner = l.dataRoomOwner().get(s.dataRoomCode());
            if (owner == null) {
                p.add(FieldProblem.of("dataRoomCode", s.dataRoomCode(), ProblemCode.UNKNOWN_DATA_ROOM));
            } else if (!owner.equals(s.organisationCode())) {
                p.add(FieldProblem.belongsTo("dataRoomCode", s.dataRoomCode(), owner));
            }
        }
        for (String alias : s.exchangeAliases()) {
            String holder = l.aliasHolder().get(alias);
            if (holder != null && !holder.equals(s.code())) {
                p.add(FieldProblem.of("exchangeAliases", alias, ProblemCode.ALIAS_TAKEN, holder));
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
