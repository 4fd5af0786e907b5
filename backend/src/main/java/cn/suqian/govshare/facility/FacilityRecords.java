package cn.suqian.govshare.facility;

import cn.suqian.govshare.record.References;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who owns each active private network and data room, for other registries' reference checks. */
@Configuration(proxyBeanMethods = false)
class FacilityRecords {

    @Bean
    References.Source privateNetworkOwners(PrivateNetworkRepository networks) {
        return References.source(References.Kind.PRIVATE_NETWORK, networks::activeOwners);
    }

    @Bean
    References.Source dataRoomOwners(DataRoomRepository rooms) {
        return References.source(References.Kind.DATA_ROOM, rooms::activeOwners);
    }
}
