package cn.suqian.govshare.inventory;

import cn.suqian.govshare.record.RecordRules;

import cn.suqian.govshare.record.Labelled;
import cn.suqian.govshare.record.References;
import cn.suqian.govshare.record.SheetBackedRecords;
import cn.suqian.govshare.web.FieldProblem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A government information system in the inventory (政务信息系统清单, task 3): who owns it, how it is
 * funded, where it runs, which network it is on, whether it must connect to the city sharing platform,
 * its classified-protection level, and the aliases that map exchange-platform records onto it.
 */
public record InformationSystem(
        String code,
        String organisationCode,
        String name,
        String purpose,
        FundingType fundingType,
        LifecycleStatus lifecycleStatus,
        LocalDate statusSince,
        Deployment deployment,
        String dataRoomCode,
        NetworkType network,
        String privateNetworkCode,
        LocalDate migrationPlannedOn,
        Boolean mustConnect,
        LocalDate platformConnectedOn,
        Integer protectionLevel,
        LocalDate protectionAssessedOn,
        Boolean containsSecrets,
        BigDecimal annualOmCost,
        List<String> exchangeAliases,
        OffsetDateTime retiredAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements SheetBackedRecords.Entry<InformationSystem> {

    public enum FundingType implements Labelled {
        GOVERNMENT_INVESTMENT("政府投资"), JOINT_WITH_ENTERPRISE("政企合作"), PURCHASED_SERVICE("购买服务"),
        GOVERNMENT_FUNDED_OM("政府出资运维");
        private final String label;
        FundingType(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum LifecycleStatus implements Labelled {
        IN_USE("在用"), TO_INTEGRATE("待整合"), TO_CLEAN_UP("待清理"), ZOMBIE("僵尸"), RETIRED("已停用");
        private final String label;
        LifecycleStatus(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum Deployment implements Labelled {
        GOV_CLOUD("政务云"), OWN_DATA_ROOM("自建机房"), OTHER("其他");
        private final String label;
        Deployment(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum NetworkType implements Labelled {
        EGOV_EXTRANET("电子政务外网"), PRIVATE_NETWORK("业务专网"), INTERNET("互联网"), CLASSIFIED("涉密网络");
        private final String label;
        NetworkType(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** Trimmed texts, money to the cent, aliases de-duplicated, no timestamps: what is compared and stored. */
    @Override
    public InformationSystem normalised() {
        return new InformationSystem(RecordRules.trim(code), RecordRules.trim(organisationCode), RecordRules.trim(name), RecordRules.trim(purpose), fundingType,
                lifecycleStatus, statusSince, deployment, RecordRules.trim(dataRoomCode), network, RecordRules.trim(privateNetworkCode),
                migrationPlannedOn, mustConnect, platformConnectedOn, protectionLevel, protectionAssessedOn,
                containsSecrets == null ? Boolean.FALSE : containsSecrets,
                annualOmCost == null ? null : annualOmCost.setScale(2, RoundingMode.HALF_UP),
                exchangeAliases == null ? List.of()
                        : List.copyOf(new LinkedHashSet<>(exchangeAliases.stream().map(String::strip).filter(a -> !a.isEmpty()).toList())),
                null, null, null);
    }

    @Override
    public InformationSystem withCode(String code) {
        return new InformationSystem(code, organisationCode, name, purpose, fundingType, lifecycleStatus, statusSince, deployment,
                dataRoomCode, network, privateNetworkCode, migrationPlannedOn, mustConnect, platformConnectedOn, protectionLevel,
                protectionAssessedOn, containsSecrets, annualOmCost, exchangeAliases, null, null, null);
    }

    @Override
    public List<FieldProblem> check(LocalDate today) {
        return InformationSystemRules.check(this, today);
    }

    @Override
    public List<FieldProblem> checkReferences(References references) {
        return InformationSystemRules.checkReferences(this, references);
    }
}
