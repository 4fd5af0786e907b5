package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.OwnedRecord;
import cn.suqian.govshare.record.RecordRules;
import cn.suqian.govshare.record.References;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A private business network (业务专网, task 1): who owns it, whether it is classified, how much it is
 * used, and where it stands in its migration onto the e-government extranet.
 */
public record PrivateNetwork(String code, String organisationCode, String name, String purpose, Boolean classified,
                             BigDecimal utilisationPercent, LocalDate utilisationMeasuredOn, MigrationStatus migrationStatus,
                             LocalDate migrationPlannedOn, LocalDate migratedOn, LocalDate builtOn, BigDecimal annualOmCost,
                             OffsetDateTime retiredAt, OffsetDateTime createdAt, OffsetDateTime updatedAt)
        implements OwnedRecord<PrivateNetwork> {

    @Override
    public PrivateNetwork normalised() {
        return new PrivateNetwork(RecordRules.trim(code), RecordRules.trim(organisationCode), RecordRules.trim(name),
                RecordRules.trim(purpose), classified == null ? Boolean.FALSE : classified,
                utilisationPercent == null ? null : utilisationPercent.setScale(2, RoundingMode.HALF_UP), utilisationMeasuredOn,
                migrationStatus, migrationPlannedOn, migratedOn, builtOn,
                annualOmCost == null ? null : annualOmCost.setScale(2, RoundingMode.HALF_UP), null, null, null);
    }

    @Override
    public List<cn.suqian.govshare.web.FieldProblem> check(LocalDate today) {
        List<cn.suqian.govshare.web.FieldProblem> p = new ArrayList<>();
        MigrationRules.code(p, code);
        RecordRules.name(p, name);
        MigrationRules.check(p, migrationStatus, migrationPlannedOn, migratedOn, utilisationPercent, annualOmCost, today);
        if (migrationStatus == MigrationStatus.EXEMPT && !Boolean.TRUE.equals(classified)) {
            p.add(cn.suqian.govshare.web.FieldProblem.of("migrationStatus", migrationStatus,
                    cn.suqian.govshare.web.ProblemCode.EXEMPT_ONLY_CLASSIFIED));
        }
        if (utilisationMeasuredOn != null && utilisationMeasuredOn.isAfter(today)) {
            p.add(cn.suqian.govshare.web.FieldProblem.notInFuture("utilisationMeasuredOn", utilisationMeasuredOn));
        }
        return p;
    }

    /** A private network refers to nothing but its owner. */
    @Override
    public List<cn.suqian.govshare.web.FieldProblem> checkReferences(References references) {
        return RecordRules.organisationKnown(organisationCode, references);
    }
}
