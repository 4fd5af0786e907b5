package cn.suqian.govshare.support;

import cn.suqian.govshare.inventory.InformationSystem;
import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.FundingType;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inventory records for tests: {@code aSystem()} is a valid water-bureau system on the government cloud
 * and the extranet; a test changes only what it is about.
 */
public final class InformationSystems {

    private InformationSystems() {
    }

    public static Builder aSystem() {
        return new Builder();
    }

    public static final class Builder {
        private String code = "water.s01";
        private String organisationCode = "water";
        private String name = "防汛防旱指挥系统";
        private String purpose;
        private FundingType fundingType = FundingType.GOVERNMENT_INVESTMENT;
        private LifecycleStatus lifecycleStatus = LifecycleStatus.IN_USE;
        private LocalDate statusSince;
        private Deployment deployment = Deployment.GOV_CLOUD;
        private String dataRoomCode;
        private NetworkType network = NetworkType.EGOV_EXTRANET;
        private String privateNetworkCode;
        private LocalDate migrationPlannedOn;
        private Boolean mustConnect = true;
        private LocalDate platformConnectedOn;
        private Integer protectionLevel;
        private LocalDate protectionAssessedOn;
        private Boolean containsSecrets;
        private BigDecimal annualOmCost;
        private List<String> exchangeAliases = List.of();

        private Builder() {
        }

        public Builder code(String code) { this.code = code; return this; }
        public Builder organisation(String organisationCode) { this.organisationCode = organisationCode; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder purpose(String purpose) { this.purpose = purpose; return this; }
        public Builder funding(FundingType fundingType) { this.fundingType = fundingType; return this; }
        public Builder status(LifecycleStatus status) { this.lifecycleStatus = status; return this; }
        public Builder statusSince(LocalDate statusSince) { this.statusSince = statusSince; return this; }
        public Builder deployment(Deployment deployment) { this.deployment = deployment; return this; }
        public Builder dataRoom(String dataRoomCode) { this.dataRoomCode = dataRoomCode; return this; }
        public Builder network(NetworkType network) { this.network = network; return this; }
        public Builder privateNetwork(String privateNetworkCode) { this.privateNetworkCode = privateNetworkCode; return this; }
        public Builder migrationPlannedOn(LocalDate date) { this.migrationPlannedOn = date; return this; }
        public Builder mustConnect(Boolean mustConnect) { this.mustConnect = mustConnect; return this; }
        public Builder connectedOn(LocalDate date) { this.platformConnectedOn = date; return this; }
        public Builder protectionLevel(Integer level) { this.protectionLevel = level; return this; }
        public Builder protectionAssessedOn(LocalDate date) { this.protectionAssessedOn = date; return this; }
        public Builder containsSecrets(Boolean containsSecrets) { this.containsSecrets = containsSecrets; return this; }
        public Builder annualOmCost(String cost) { this.annualOmCost = cost == null ? null : new BigDecimal(cost); return this; }
        public Builder aliases(String... aliases) { this.exchangeAliases = List.of(aliases); return this; }

        /** Deployed in its own data room. */
        public Builder inOwnDataRoom(String roomCode) {
            return deployment(Deployment.OWN_DATA_ROOM).dataRoom(roomCode);
        }

        /** On a private business network, with the date it is planned to move to the extranet. */
        public Builder onPrivateNetwork(String networkCode, LocalDate migrationPlannedOn) {
            return network(NetworkType.PRIVATE_NETWORK).privateNetwork(networkCode).migrationPlannedOn(migrationPlannedOn);
        }

        public InformationSystem build() {
            return new InformationSystem(code, organisationCode, name, purpose, fundingType, lifecycleStatus, statusSince, deployment,
                    dataRoomCode, network, privateNetworkCode, migrationPlannedOn, mustConnect, platformConnectedOn, protectionLevel,
                    protectionAssessedOn, containsSecrets, annualOmCost, exchangeAliases, null, null, null);
        }

        /** The record as an API request body: its fields that are set, enums by name, dates ISO-8601; mutable. */
        public Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            Json.put(body, "code", code);
            Json.put(body, "organisationCode", organisationCode);
            Json.put(body, "name", name);
            Json.put(body, "purpose", purpose);
            Json.put(body, "fundingType", fundingType);
            Json.put(body, "lifecycleStatus", lifecycleStatus);
            Json.put(body, "statusSince", statusSince);
            Json.put(body, "deployment", deployment);
            Json.put(body, "dataRoomCode", dataRoomCode);
            Json.put(body, "network", network);
            Json.put(body, "privateNetworkCode", privateNetworkCode);
            Json.put(body, "migrationPlannedOn", migrationPlannedOn);
            Json.put(body, "mustConnect", mustConnect);
            Json.put(body, "platformConnectedOn", platformConnectedOn);
            Json.put(body, "protectionLevel", protectionLevel);
            Json.put(body, "protectionAssessedOn", protectionAssessedOn);
            Json.put(body, "containsSecrets", containsSecrets);
            Json.put(body, "annualOmCost", annualOmCost);
            if (!exchangeAliases.isEmpty()) {
                body.put("exchangeAliases", exchangeAliases);
            }
            return body;
        }
    }
}
