package cn.suqian.govshare.facility;

import cn.suqian.govshare.db.schema.tables.records.PrivateNetworkRecord;
import cn.suqian.govshare.record.RecordTable;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.List;

import static cn.suqian.govshare.db.schema.Tables.PRIVATE_NETWORK;

/** Private-network rows. Called inside a {@code Db.tx}. */
@Repository
class PrivateNetworkRepository extends RecordTable<PrivateNetwork, PrivateNetworkRecord, PrivateNetworks.Filter> {

    PrivateNetworkRepository() {
        super(PrivateNetwork.class, PRIVATE_NETWORK, PRIVATE_NETWORK.CODE, PRIVATE_NETWORK.ORGANISATION_CODE,
                PRIVATE_NETWORK.RETIRED_AT, PRIVATE_NETWORK.CREATED_AT, PRIVATE_NETWORK.UPDATED_AT, PRIVATE_NETWORK.VERSION,
                List.of(PRIVATE_NETWORK.CODE, PRIVATE_NETWORK.NAME, PRIVATE_NETWORK.ORGANISATION_CODE, PRIVATE_NETWORK.UTILISATION_PERCENT,
                        PRIVATE_NETWORK.MIGRATION_STATUS, PRIVATE_NETWORK.MIGRATION_PLANNED_ON, PRIVATE_NETWORK.ANNUAL_OM_COST));
    }

    @Override
    protected List<Condition> conditions(PrivateNetworks.Filter filter) {
        return List.of(filter.migrationStatus() == null ? DSL.noCondition() : PRIVATE_NETWORK.MIGRATION_STATUS.eq(filter.migrationStatus()),
                filter.classified() == null ? DSL.noCondition() : PRIVATE_NETWORK.CLASSIFIED.eq(filter.classified()));
    }
}
