package cn.suqian.govshare.facility;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.DataRoomRecord;
import cn.suqian.govshare.db.schema.tables.records.PrivateNetworkRecord;
import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.References;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

import static cn.suqian.govshare.db.schema.Tables.DATA_ROOM;
import static cn.suqian.govshare.db.schema.Tables.PRIVATE_NETWORK;

/** Private networks and data rooms as organisation-owned records, and their owners for other registries' checks. */
@Configuration(proxyBeanMethods = false)
class FacilityRecords {

    @Bean
    OwnedRecords<PrivateNetwork, PrivateNetworkRecord> privateNetworks(Db db, References.Sources references) {
        return PrivateNetworkController.store(db, references);
    }

    @Bean
    OwnedRecords<DataRoom, DataRoomRecord> dataRooms(Db db, References.Sources references) {
        return DataRoomController.store(db, references);
    }

    @Bean
    References.Source privateNetworkOwners() {
        return References.source(References.Kind.PRIVATE_NETWORK, dsl -> {
            Map<String, String> owners = new LinkedHashMap<>();
            dsl.select(PRIVATE_NETWORK.CODE, PRIVATE_NETWORK.ORGANISATION_CODE).from(PRIVATE_NETWORK)
                    .where(PRIVATE_NETWORK.RETIRED_AT.isNull()).forEach(r -> owners.put(r.value1(), r.value2()));
            return owners;
        });
    }

    @Bean
    References.Source dataRoomOwners() {
        return References.source(References.Kind.DATA_ROOM, dsl -> {
            Map<String, String> owners = new LinkedHashMap<>();
            dsl.select(DATA_ROOM.CODE, DATA_ROOM.ORGANISATION_CODE).from(DATA_ROOM)
                    .where(DATA_ROOM.RETIRED_AT.isNull()).forEach(r -> owners.put(r.value1(), r.value2()));
            return owners;
        });
    }
}
