package cn.suqian.govshare.support;

import cn.suqian.govshare.facility.DataRoom;
import cn.suqian.govshare.facility.MigrationStatus;
import cn.suqian.govshare.facility.PrivateNetwork;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Private networks and data rooms for tests: {@code aPrivateNetwork()} and {@code aDataRoom()} are valid
 * records of the water bureau whose migration has not started; a test changes only what it is about.
 */
public final class Facilities {

    private Facilities() {
    }

    public static NetworkBuilder aPrivateNetwork() {
        return new NetworkBuilder();
    }

    public static RoomBuilder aDataRoom() {
        return new RoomBuilder();
    }

    /** What private networks and data rooms share: owner, name, use, migration and cost. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<B extends Builder<B>> {
        String code;
        String organisationCode = "water";
        String name;
        String purpose = "防汛业务";
        BigDecimal utilisationPercent;
        MigrationStatus migrationStatus = MigrationStatus.NOT_STARTED;
        LocalDate migrationPlannedOn;
        LocalDate migratedOn;
        LocalDate builtOn;
        BigDecimal annualOmCost;

        public B code(String code) { this.code = code; return (B) this; }
        public B organisation(String organisationCode) { this.organisationCode = organisationCode; return (B) this; }
        public B name(String name) { this.name = name; return (B) this; }
        public B utilisation(String percent) { this.utilisationPercent = percent == null ? null : new BigDecimal(percent); return (B) this; }
        public B status(MigrationStatus status) { this.migrationStatus = status; return (B) this; }
        public B plannedOn(LocalDate date) { this.migrationPlannedOn = date; return (B) this; }
        public B migratedOn(LocalDate date) { this.migratedOn = date; return (B) this; }
        public B builtOn(LocalDate date) { this.builtOn = date; return (B) this; }
        public B annualOmCost(String cost) { this.annualOmCost = cost == null ? null : new BigDecimal(cost); return (B) this; }

        /** Migrated on the given date. */
        public B migrated(LocalDate on) {
            return status(MigrationStatus.MIGRATED).migratedOn(on);
        }

        /** Migration planned for the given date. */
        public B planned(LocalDate on) {
            return status(MigrationStatus.PLANNED).plannedOn(on);
        }
    }

    public static final class NetworkBuilder extends Builder<NetworkBuilder> {
        private Boolean classified = false;
        private LocalDate utilisationMeasuredOn;

        private NetworkBuilder() {
            code = "water.net";
            name = "水利业务专网";
        }

        public NetworkBuilder classified(Boolean classified) { this.classified = classified; return this; }
        public NetworkBuilder measuredOn(LocalDate date) { this.utilisationMeasuredOn = date; return this; }

        public PrivateNetwork build() {
            return new PrivateNetwork(code, organisationCode, name, purpose, classified, utilisationPercent, utilisationMeasuredOn,
                    migrationStatus, migrationPlannedOn, migratedOn, builtOn, annualOmCost, null, null, null);
        }
    }

    public static final class RoomBuilder extends Builder<RoomBuilder> {
        private String location = "水利局办公楼";
        private BigDecimal areaSquareMetres;

        private RoomBuilder() {
            code = "water.room";
            name = "水利局数据机房";
        }

        public RoomBuilder location(String location) { this.location = location; return this; }
        public RoomBuilder area(String squareMetres) { this.areaSquareMetres = squareMetres == null ? null : new BigDecimal(squareMetres); return this; }

        public DataRoom build() {
            return new DataRoom(code, organisationCode, name, location, purpose, areaSquareMetres, utilisationPercent, migrationStatus,
                    migrationPlannedOn, migratedOn, builtOn, annualOmCost, null, null, null);
        }
    }
}
