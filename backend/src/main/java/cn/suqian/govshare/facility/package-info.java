/**
 * Private business networks (业务专网) and data rooms (机房): what exists, who owns it, how much it
 * is used, and where its migration to the e-government extranet or the government cloud stands. They are
 * registry records owned by an organisation; other registries check references to them through References.
 * The API is PrivateNetworks and DataRooms (services) with their records; controllers and repositories
 * stay inside.
 */
@ApplicationModule(displayName = "Private networks and data rooms", allowedDependencies = {"access", "db", "record", "web"})
@OwnsTables({"private_network", "data_room"})
package cn.suqian.govshare.facility;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
