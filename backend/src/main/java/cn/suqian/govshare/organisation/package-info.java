/**
 * Organisations (组织机构): the city, its departments, counties/districts and development zones,
 * loaded from the plan as reference data and maintained by the e-government office (contacts by the
 * department itself). The published API, Organisations, is what every other module reads them through; it
 * sits below security, which checks that users and tokens belong to a known organisation.
 */
@ApplicationModule(displayName = "Organisations", allowedDependencies = {"access", "db", "record", "web"})
@OwnsTables({"organisation"})
package cn.suqian.govshare.organisation;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
