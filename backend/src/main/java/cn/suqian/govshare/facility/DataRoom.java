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

/** A department's own data room (政务数据机房, task 2), and its migration onto the government cloud. */
public record DataRoom(String code, String organisationCode, String name, String location, String purpose,
                       BigDecimal areaSquareMetres, BigDecimal utilisationPercent, MigrationStatus migrationStatus,
                       LocalDate migrationPlannedOn, LocalDate migratedOn, LocalDate builtOn, BigDecimal annualOmCost,
                       OffsetDateTime retiredAt, OffsetDateTime createdAt, OffsetDateTime updatedAt)
        implements OwnedRecord<DataRoom> {

    @Override
    public DataRoom normalised() {
        return new DataRoom(RecordRules.trim(code), RecordRules.trim(organisationCode), RecordRules.trim(name),
                RecordRules.trim(location), RecordRules.trim(purpose),
                areaSquareMetres == null ? null : areaSquareMetres.setScale(1, RoundingMode.HALF_UP),
                utilisationPercent == null ? null : utilisationPercent.setScale(2, RoundingMode.HALF_UP), migrationStatus,
                migrationPlannedOn, migratedOn, builtOn,
                annualOmCost == null ? null : annualOmCost.setScale(2, RoundingMode.HALF_UP), null, null, null);
    }

    @Override
    public List<cn.suqian.govshare.web.FieldProblem> check(LocalDate today) {
        List<cn.suqian.govshare.web.FieldProblem> p = new ArrayList<>();
        MigrationRules.code(p, code);
        RecordRules.name(p, name);
        MigrationRules.check(p, migrationStatus, migrationPlannedOn, migratedOn, utilisationPercent, annualOmCost, today);
        if (areaSquareMetres != null && areaSquareMetres.signum() < 0) {
            p.add(cn.suqian.govshare.web.FieldProblem.notNegative("areaSquareMetres", areaSquareMetres));
        }
        return p;
    }

    /** A data room refers to nothing but its owner. */
    @Override
    public List<cn.suqian.govshare.web.FieldProblem> checkReferences(References references) {
        return RecordRules.organisationKnown(organisationCode, references);
    }
}
