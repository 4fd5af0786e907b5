package cn.suqian.govshare.facility;

import cn.suqian.govshare.web.FieldProblem;

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
            p.add(new FieldProblem("migrationStatus", null, "required"));
        } else {
            if ((status == MigrationStatus.PLANNED || status == MigrationStatus.IN_PROGRESS) && plannedOn == null) {
                p.add(new FieldProblem("migrationPlannedOn", null, "a planned or running migration needs its planned date"));
            }
            if (status == MigrationStatus.MIGRATED && migratedOn == null) {
                p.add(new FieldProblem("migratedOn", null, "a migrated record needs the date it was migrated"));
            }
            if (status != MigrationStatus.MIGRATED && migratedOn != null) {
                p.add(new FieldProblem("migratedOn", migratedOn, "only for records whose status is MIGRATED"));
            }
        }
        if (migratedOn != null && migratedOn.isAfter(today)) {
            p.add(new FieldProblem("migratedOn", migratedOn, "cannot be in the future"));
        }
        if (utilisationPercent != null && (utilisationPercent.signum() < 0 || utilisationPercent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            p.add(new FieldProblem("utilisationPercent", utilisationPercent, "between 0 and 100"));
        }
        if (annualOmCost != null && annualOmCost.signum() < 0) {
            p.add(new FieldProblem("annualOmCost", annualOmCost, "cannot be negative"));
        }
    }

    static void code(List<FieldProblem> p, String code) {
        if (code == null || !code.matches("^[a-z][a-z0-9.-]{1,63}$")) {
            p.add(new FieldProblem("code", code, "2-64 characters: lower-case letters, digits, '.' or '-', starting with a letter"));
        }
    }

}
