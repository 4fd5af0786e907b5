/**
 * The information-system inventory (信息系统清单): every government information system with its
 * funding, lifecycle, deployment (government cloud or own data room), network, must-connect flag,
 * exchange aliases and classified protection; spreadsheet import and export. The published API,
 * Inventory, gives other capabilities the registered systems and their owners inside their transaction;
 * InformationSystemService is the inventory's own service (requests, demo data).
 */
@ApplicationModule(displayName = "System inventory", allowedDependencies = {"access", "audit", "db", "record", "spreadsheet", "web"})
@OwnsTables({"information_system"})
package cn.suqian.govshare.inventory;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
