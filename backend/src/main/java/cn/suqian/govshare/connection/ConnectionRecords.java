package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.db.schema.tables.records.ConnectionTargetRecord;
import cn.suqian.govshare.inventory.Inventory;
import cn.suqian.govshare.record.OwnedRecords;
import cn.suqian.govshare.record.References;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connection targets as organisation-owned records. */
@Configuration(proxyBeanMethods = false)
class ConnectionRecords {

    @Bean
    OwnedRecords<ConnectionTarget, ConnectionTargetRecord> connectionTargets(Db db, References.Sources references,
                                                                             Inventory inventory) {
        return ConnectionTargetController.store(db, references, inventory);
    }
}
