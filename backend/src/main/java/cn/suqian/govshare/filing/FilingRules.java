package cn.suqian.govshare.filing;

import cn.suqian.govshare.filing.Filing.AttachmentKind;
import cn.suqian.govshare.filing.Filing.ProjectType;
import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Shape checks for a filing (always, drafts included) and what a complete filing must say before it can be
 * submitted (全口径: every section filled in, the feasibility study attached for new builds and expansions).
 */
final class FilingRules {

    static final int MAX_TEXT = 4000;
    static final int MAX_NAME = 200;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    private FilingRules() {
    }

    /** Problems with the input as such; a draft with these cannot even be saved. */
    static List<FieldProblem> shape(Filing.Input in) {
        List<FieldProblem> p = new ArrayList<>();
        if (in.organisationCode() == null || in.organisationCode().isBlank()) {
            p.add(FieldProblem.required("organisationCode"));
        }
        if (in.budgetYear() == null) {
            p.add(FieldProblem.required("budgetYear"));
        } else if (in.budgetYear() < 2017 || in.budgetYear() > 2100) {
            p.add(FieldProblem.between("budgetYear", in.budgetYear(), 2017, 2100));
        }
        if (in.projectType() == null) {
            p.add(FieldProblem.required("projectType"));
        }
        if (in.name() == null || in.name().isBlank()) {
            p.add(FieldProblem.required("name", in.name()));
        } else if (in.name().strip().length() > MAX_NAME) {
            p.add(FieldProblem.maxLength("name", in.name(), MAX_NAME));
        }
        if (in.deployment() == null) {
            p.add(FieldProblem.required("deployment"));
        }
        if (in.network() == null) {
            p.add(FieldProblem.required("network"));
        }
        amount(p, "constructionAmount", in.constructionAmount());
        amount(p, "omAmount", in.omAmount());
        if (in.fundingSources() != null) {
            for (int i = 0; i < in.fundingSources().size(); i++) {
                var s = in.fundingSources().get(i);
                if (s == null || s.source() == null || s.source().isBlank()) {
                    p.add(FieldProblem.required("fundingSources[" + i + "].source"));
                }
                if (s != null) {
                    amount(p, "fundingSources[" + i + "].construction", s.construction());
                    amount(p, "fundingSources[" + i + "].om", s.om());
                }
            }
        }
        if (in.plannedSystems() != null) {
            for (int i = 0; i < in.plannedSystems().size(); i++) {
                var s = in.plannedSystems().get(i);
                if (s == null || s.name() == null || s.name().isBlank()) {
                    p.add(FieldProblem.required("plannedSystems[" + i + "].name"));
                }
            }
        }
        if (in.protectionLevel() != null && (in.protectionLevel() < 1 || in.protectionLevel() > 5)) {
            p.add(FieldProblem.between("protectionLevel", in.protectionLevel(), 1, 5));
        }
        for (var text : List.of(new String[]{"deploymentJustification", in.deploymentJustification()},
                new String[]{"networkJustification", in.networkJustification()}, new String[]{"connectionPlan", in.connectionPlan()},
                new String[]{"performanceTargets", in.performanceTargets()})) {
            if (text[1] != null && text[1].length() > MAX_TEXT) {
                p.add(FieldProblem.maxLength(text[0], text[1].substring(0, 40) + "…", MAX_TEXT));
            }
        }
        return p;
    }

    private static void amount(List<FieldProblem> p, String field, BigDecimal value) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            p.add(FieldProblem.notNegative(field, value));
        } else if (value.compareTo(MAX_AMOUNT) > 0 || value.scale() > 2) {
            p.add(FieldProblem.of(field, value, ProblemCode.INVALID_VALUE));
        }
    }

    /** What a filing still lacks before it may be submitted, as refusals of the fields concerned; empty when complete. */
    static List<FieldProblem> missing(Filing f, Set<AttachmentKind> attached) {
        List<FieldProblem> p = new ArrayList<>();
        BigDecimal construction = zero(f.constructionAmount());
        BigDecimal om = zero(f.omAmount());
        if (construction.signum() == 0 && om.signum() == 0) {
            p.add(FieldProblem.of("constructionAmount", null, ProblemCode.AMOUNT_REQUIRED));
        }
        if (f.fundingSources() == null || f.fundingSources().isEmpty()) {
            p.add(FieldProblem.required("fundingSources"));
        } else {
            BigDecimal c = BigDecimal.ZERO;
            BigDecimal o = BigDecimal.ZERO;
            for (var s : f.fundingSources()) {
                c = c.add(zero(s.construction()));
                o = o.add(zero(s.om()));
            }
            if (c.compareTo(construction) != 0 || o.compareTo(om) != 0) {
                p.add(FieldProblem.of("fundingSources", c.add(o), ProblemCode.SOURCES_MISMATCH, construction.add(om)));
            }
        }
        boolean noSystems = (f.systemCodes() == null || f.systemCodes().isEmpty()) && (f.plannedSystems() == null || f.plannedSystems().isEmpty());
        if (noSystems) {
            p.add(FieldProblem.of("systemCodes", null, ProblemCode.SYSTEMS_REQUIRED));
        }
        if (f.projectType() == ProjectType.NEW_BUILD && (f.plannedSystems() == null || f.plannedSystems().isEmpty())) {
            p.add(FieldProblem.required("plannedSystems"));
        }
        if (blank(f.connectionPlan())) {
            p.add(FieldProblem.required("connectionPlan"));
        }
        if (f.protectionLevel() == null) {
            p.add(FieldProblem.required("protectionLevel"));
        }
        if (blank(f.performanceTargets())) {
            p.add(FieldProblem.required("performanceTargets"));
        }
        if ((f.network() == Filing.Network.NEW_PRIVATE_NETWORK || f.network() == Filing.Network.EXISTING_PRIVATE_NETWORK)
                && blank(f.networkJustification())) {
            p.add(FieldProblem.required("networkJustification"));
        }
        if (f.isNewOrExtended() && !attached.contains(AttachmentKind.FEASIBILITY_STUDY)) {
            p.add(FieldProblem.of("attachments", null, ProblemCode.ATTACHMENT_REQUIRED, AttachmentKind.FEASIBILITY_STUDY.name()));
        }
        return p;
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
