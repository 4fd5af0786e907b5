/**
 * Connection targets (接入监测对象): the front-end processors, interfaces and the provincial link
 * whose connection to the city platform is watched, with probe kind, address, interval and the
 * down-after/up-after counts. The home that connection status (probes, heartbeats, incidents,
 * availability) grows in. The API is ConnectionTargets (service) and ConnectionTarget.
 */
@ApplicationModule(displayName = "Connection targets", allowedDependencies = {"access", "db", "inventory", "record", "web"})
@OwnsTables({"connection_target"})
package cn.suqian.govshare.connection;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
