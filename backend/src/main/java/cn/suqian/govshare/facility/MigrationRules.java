package cn.suqian.govshare.facility;

import cn.suqian.govshare.web.FieldProblem;
import cn.suqian.govshare.web.ProblemCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Checks shared by private networks and data rooms: migration dates, utilisation, cost. */
final class MigrationRules {

    private MigrationRules() {
    }

    static void check(List<FieldProblem> p, MigrationStatus status, LocalDate plannedOn, LocalDate migratedOn,
                      BigDecimal utilisationPercent, BigDecimal annualOmCost, LocalDate today) {
        if (status == null) {
            p.add(FieldProblem.required("migrationStatus"));
        } else {
            if ((status == MigrationStatus.PLANNED || status == MigrationStatus.IN_PROGRESS) && plannedOn == null) {
                p.add(FieldProblem.of("migrationPlannedOn", null, ProblemCode.PLANNED_DATE_REQUIRED));
            }
            if (status == MigrationStatus.MIGRATED && migratedOn == null) {
                p.add(FieldProblem.of("migratedOn", null, ProblemCode.MIGRATED_DATE_REQUIRED));
            }
            if (status != MigrationStatus.MIGRATED && migratedOn != null) {
                p.add(FieldProblem.of("migratedOn", migratedOn, ProblemCode.ONLY_WHEN_MIGRATED));
            }
        }
        if (migratedOn != null && migratedOn.isAfter(today)) {
            p.add(FieldProblem.notInFuture("migratedOn", migratedOn));
        }
        if (utilisationPercent != null && (utilisationPercent.signum() < 0 || utilisationPercent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            p.add(FieldProblem.between("utilisationPercent", utilisationPercent, 0, 100));
        }
        if (annualOmCost != null && annualOmCost.signum() < 0) {
            p.add(FieldProblem.notNegative("annualOmCost", annualOmCost));
        }
    }

    static void code(List<FieldProblem> p, String code) {
        if (code == null || !code.matches("^[a-z][a-z0-9.-]{1,63}$")) {
            p.add(FieldProblem.codeFormat("code", code, 64, ". -"));
        }
    }

}
