/**
 * The information-resource catalogue (信息资源目录) with every field of the national compilation
 * guide: sharing type and condition, open attribute, update cycle, base database, information items,
 * mounting on the city platform; spreadsheet import and export. The published API, Catalogue, gives other
 * capabilities the mounted resources inside their transaction; CatalogueService is the catalogue's own
 * service (requests, demo data).
 */
@ApplicationModule(displayName = "Catalogue", allowedDependencies = {"access", "audit", "db", "record", "spreadsheet", "web"})
@OwnsTables({"catalogue_resource"})
package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
