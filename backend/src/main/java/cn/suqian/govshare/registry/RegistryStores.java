package cn.suqian.govshare.registry;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.ConnectionTargetRecord;
import cn.suqian.govshare.db.schema.tables.records.DataRoomRecord;
import cn.suqian.govshare.db.schema.tables.records.PrivateNetworkRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simpler registries, each an {@link OwnedRecords} with its mapping and rules. */
@Configuration(proxyBeanMethods = false)
class RegistryStores {

    @Bean
    OwnedRecords<PrivateNetwork, PrivateNetworkRecord> privateNetworks(Db db) {
        return PrivateNetworkController.store(db);
    }

    @Bean
    OwnedRecords<DataRoom, DataRoomRecord> dataRooms(Db db) {
        return DataRoomController.store(db);
    }

    @Bean
    OwnedRecords<ConnectionTarget, ConnectionTargetRecord> connectionTargets(Db db) {
        return ConnectionTargetController.store(db);
    }
}
